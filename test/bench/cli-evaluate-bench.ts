// Benchmark: `marginscope evaluate` end to end as a user runs it (the built CLI in its own
// process: streamed import, evaluation on worker threads, CSV written to a file). Wall time from
// outside, peak resident memory from inside (the process's maxRSS, worker threads included).

import { spawnSync } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';

export interface CliEvaluateResult {
  readonly seconds: number;
  readonly positionsPerSecond: number;
  readonly peakRssMiB: number;
  readonly outputMiB: number;
}

/** Prints the process's peak RSS (KiB) on stderr as it exits. */
const PEAK_HOOK = 'data:text/javascript,process.on("exit",()=>process.stderr.write("bench-maxrss-kib "+process.resourceUsage().maxRSS+"\\n"))';

export interface CliEvaluateInput {
  readonly positionsPath: string;
  /** Absent for a venue export that carries its wallet. */
  readonly balancesPath?: string;
  readonly tiersPath?: string;
  readonly positions: number;
}

/** Runs `evaluate --format csv --out OUT` once on `input` with the CLI at `cli`. */
export function runCliEvaluate(cli: string, input: CliEvaluateInput, outPath: string): CliEvaluateResult {
  const args = ['--import', PEAK_HOOK, cli, 'evaluate', input.positionsPath, ...(input.balancesPath === undefined ? [] : ['--balances', input.balancesPath]), ...(input.tiersPath === undefined ? [] : ['--tiers', input.tiersPath]), '--format', 'csv', '-q', '--out', outPath];
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0) throw new Error(`evaluate failed (exit ${run.status}): ${run.stderr.split('\n').slice(0, 3).join(' ')}`);
  const peak = /bench-maxrss-kib (\d+)/.exec(run.stderr);
  const outputMiB = statSync(outPath).size / 2 ** 20;
  rmSync(outPath, { force: true });
  return { seconds, positionsPerSecond: input.positions / seconds, peakRssMiB: peak === null ? NaN : Number(peak[1]) / 1024, outputMiB };
}
