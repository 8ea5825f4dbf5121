// What the contagion layer reads of one path: for each position, whether and when it was first
// liquidated in the isolated and in the cross mode, its unrealised PnL at that moment, and its
// loss at the horizon. The kernel's per-path record (`PathRecordView`) has exactly this shape, so
// Monte Carlo paths and historical replays feed the layer directly; `ArrayContagionPath` fills it
// from plain arrays for deterministic stresses and constructed cases.

import { MODE_CROSS, MODE_ISOLATED } from '../kernel/path-record.js';

export { MODE_CROSS, MODE_ISOLATED };

/**
 * One path's cells in flat arrays, as the kernel's block records and `ArrayContagionPath` hold
 * them: position j of the isolated mode at `isolated + j`, of the cross mode at `cross + j`
 * (liquidation steps, PnL at liquidation, horizon losses). The accumulator's loops read these
 * directly.
 */
export interface FlatPathCells {
  steps: Int32Array;
  pnl: Float64Array;
  loss: Float64Array;
  isolated: number;
  cross: number;
}

/**
 * One path's outcome, per mode (`MODE_ISOLATED` = 1, `MODE_CROSS` = 2, the kernel's indices) and
 * position index (the order of the `ContagionLayout`).
 */
export interface ContagionPath {
  /** Point `cells` at this path's flat arrays (the same values as the three readers below). */
  flatCells(cells: FlatPathCells): void;
  /** Step of the position's first liquidation in `mode` (0 = at the start); -1 when never. */
  liquidationStep(mode: number, position: number): number;
  /**
   * Unrealised PnL (settlement asset) of the position at the trigger prices of its first
   * liquidation in `mode`; NaN when not liquidated. In cross every member of a pool is recorded
   * at the same moment, which is what the cause shares are read from.
   */
  pnlAtLiquidation(mode: number, position: number): number;
  /**
   * The position's loss from now to the horizon in `mode` (PnL now − PnL at the horizon, net of
   * bad debt; positive = loss), settlement asset.
   */
  positionLoss(mode: number, position: number): number;
}

/** A new holder pointed at `path`'s flat cells (outside hot loops; the accumulator reuses one). */
export function flatCellsOf(path: ContagionPath): FlatPathCells {
  const cells: FlatPathCells = { steps: new Int32Array(0), pnl: new Float64Array(0), loss: new Float64Array(0), isolated: 0, cross: 0 };
  path.flatCells(cells);
  return cells;
}

/** Number of mode slots an `ArrayContagionPath` holds (exported, isolated, cross). */
const MODE_SLOTS = 3;

/**
 * A `ContagionPath` held in plain typed arrays, cell `mode * positionCount + position`; every
 * position starts "never liquidated" with zero loss. Reusable: `reset()` between paths.
 */
export class ArrayContagionPath implements ContagionPath {
  readonly steps: Int32Array;
  readonly pnl: Float64Array;
  readonly loss: Float64Array;

  constructor(readonly positionCount: number) {
    this.steps = new Int32Array(MODE_SLOTS * positionCount).fill(-1);
    this.pnl = new Float64Array(MODE_SLOTS * positionCount).fill(NaN);
    this.loss = new Float64Array(MODE_SLOTS * positionCount);
  }

  flatCells(cells: FlatPathCells): void {
    cells.steps = this.steps;
    cells.pnl = this.pnl;
    cells.loss = this.loss;
    cells.isolated = MODE_ISOLATED * this.positionCount;
    cells.cross = MODE_CROSS * this.positionCount;
  }

  /** Back to "nobody liquidated, no loss". */
  reset(): void {
    this.steps.fill(-1);
    this.pnl.fill(NaN);
    this.loss.fill(0);
  }

  /** Record the position's first liquidation in `mode` at `step`, with its PnL at the trigger. */
  setLiquidation(mode: number, position: number, step: number, pnlAtTrigger: number): void {
    this.steps[this.cell(mode, position)] = step;
    this.pnl[this.cell(mode, position)] = pnlAtTrigger;
  }

  setLoss(mode: number, position: number, loss: number): void {
    this.loss[this.cell(mode, position)] = loss;
  }

  liquidationStep(mode: number, position: number): number {
    return this.steps[this.cell(mode, position)]!;
  }

  pnlAtLiquidation(mode: number, position: number): number {
    return this.pnl[this.cell(mode, position)]!;
  }

  positionLoss(mode: number, position: number): number {
    return this.loss[this.cell(mode, position)]!;
  }

  private cell(mode: number, position: number): number {
    if (!(mode >= 0 && mode < MODE_SLOTS && position >= 0 && position < this.positionCount)) {
      throw new Error(`ArrayContagionPath: no cell for mode ${mode}, position ${position} (of ${this.positionCount})`);
    }
    return mode * this.positionCount + position;
  }
}
