// Options of the path kernel that change results: how liquidations are monitored between steps
// and how they are filled. Plain data (posted to worker threads).

/**
 * `continuous` (default): a pool is liquidated when its threshold is crossed between steps, by
 * the Brownian-bridge crossing probability (exact for barrier pools under GBM, a documented
 * linearisation for gradient pools). `step-end`: only step-end prices are checked, as a naive
 * discretely monitored simulation does (biased low; kept to show that bias).
 */
export type MonitoringRule = 'continuous' | 'step-end';

export interface KernelOptions {
  /** Liquidation fills at the trigger price × (1 − side × slippageBps / 10 000); >= 0. */
  readonly slippageBps: number;
  readonly monitoring: MonitoringRule;
}

export const DEFAULT_KERNEL_OPTIONS: KernelOptions = { slippageBps: 0, monitoring: 'continuous' };

/** Throws on an option out of range (a caller bug; the CLI validates user input first). */
export function assertKernelOptions(options: KernelOptions, functionName: string): void {
  if (!(options.slippageBps >= 0 && options.slippageBps < 10_000)) {
    throw new Error(`${functionName}: slippageBps must be in [0, 10000), got ${options.slippageBps}`);
  }
  if (options.monitoring !== 'continuous' && options.monitoring !== 'step-end') {
    throw new Error(`${functionName}: monitoring must be 'continuous' or 'step-end', got ${String(options.monitoring)}`);
  }
}
