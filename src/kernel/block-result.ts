// What one block of paths hands back: per-path losses (kept for exact tail quantiles), the
// block's partial statistics (counts, means and sums of squared deviations, merged later in block
// order), and optionally the per-path records the contagion layer observes. Typed arrays only, so
// a worker's reply copies it in one structured clone, or transfers it when it is large.

/** Per-mode statistics slots in `modeStats`. */
export const MODE_STAT_LIQUIDATED = 0;
export const MODE_STAT_BAD_DEBT_MEAN = 1;
export const MODE_STAT_BAD_DEBT_M2 = 2;
export const MODE_STAT_COUNT = 3;

/** Per-position statistics slots in `positionStats`. */
export const POSITION_STAT_LIQUIDATED = 0;
export const POSITION_STAT_LOSS_MEAN = 1;
export const POSITION_STAT_LOSS_M2 = 2;
export const POSITION_STAT_COUNT = 3;

/**
 * Per-path records (only when an observer asked for them), for path p of the block, mode m,
 * position j at `[(p * rowCount + row_m) * positionCount + j]`, rows only for the computed modes
 * (record-rows.ts: row_m = `recordRows(modeAliasOf)[m]`, rowCount = `recordRowCount`; an alias mode
 * reads its source's row): one path's records are contiguous, as the kernel writes them and the
 * observer reads them, path after path.
 */
export interface PathRecords {
  /** Step of the position's first liquidation (0 = at the start), -1 when never liquidated. */
  readonly liquidationStep: Int32Array;
  /** The position's unrealised PnL at that liquidation's trigger prices; NaN when none. */
  readonly pnlAtLiquidation: Float64Array;
  /** The position's loss at the horizon, net of bad debt, settlement asset. */
  readonly positionLoss: Float64Array;
}

export interface BlockResult {
  readonly blockIndex: number;
  /** Global index of the block's first path. */
  readonly firstPath: number;
  readonly pathCount: number;
  /**
   * Values per mode row of the per-path arrays: pathCount plus one cache line, so the rows
   * written path after path do not all fall into one cache set (a power-of-two block of doubles
   * is a multiple of the 4 KiB the L1 sets repeat with).
   */
  readonly recordStride: number;
  /** Account loss per path, reporting asset: `[m * recordStride + p]`. */
  readonly pathLoss: Float64Array;
  /** Bad debt per path, reporting asset: `[m * recordStride + p]`. */
  readonly pathBadDebt: Float64Array;
  /** First liquidation step in the account per path (-1: none): `[m * recordStride + p]`. */
  readonly pathFirstStep: Int32Array;
  /** Paths whose first liquidation is at step s: `[m * (nSteps + 1) + s]`. */
  readonly firstStepCounts: Float64Array;
  /** `[m * MODE_STAT_COUNT + slot]`: liquidated paths, bad-debt mean and M2 over the block. */
  readonly modeStats: Float64Array;
  /** `[(m * positionCount + j) * POSITION_STAT_COUNT + slot]`. */
  readonly positionStats: Float64Array;
  readonly records: PathRecords | null;
  /** The kernel's work counters over the block (see KernelState.counters). */
  readonly counters: Float64Array;
  /** Paths of the block on which the run's two-factor probe hit (0 without a probe; two-factor-probe.ts). */
  readonly twoFactorHits: number;
}

/** The buffers of a BlockResult, for a worker's transfer list. */
export function blockTransferables(result: BlockResult): ArrayBuffer[] {
  const buffers: ArrayBufferLike[] = [
    result.pathLoss.buffer,
    result.pathBadDebt.buffer,
    result.pathFirstStep.buffer,
    result.firstStepCounts.buffer,
    result.modeStats.buffer,
    result.positionStats.buffer,
    result.counters.buffer,
  ];
  if (result.records !== null) buffers.push(result.records.liquidationStep.buffer, result.records.pnlAtLiquidation.buffer, result.records.positionLoss.buffer);
  return buffers.filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
}

/** Bytes of a BlockResult's per-path records (0 without records): what copying it mostly costs. */
export function blockRecordBytes(result: BlockResult): number {
  const records = result.records;
  return records === null ? 0 : records.liquidationStep.byteLength + records.pnlAtLiquidation.byteLength + records.positionLoss.byteLength;
}
