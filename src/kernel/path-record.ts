// The per-path outcome an observer sees once per path (never per step): for each mode, whether
// and when each position was liquidated, its PnL at that moment and its loss, plus the account's
// loss and bad debt. One view object is reused for every path; it reads the block's arrays, so
// observing allocates nothing. The contagion layer (victims, rescues and their causes) hangs off it.

import type { BlockResult } from './block-result.js';
import type { CompiledBook } from './compiled-book.js';
import { recordRowCount, recordRows } from './record-rows.js';

/** Kernel mode indices (MODE_NAMES order). */
export const MODE_EXPORTED = 0;
export const MODE_ISOLATED = 1;
export const MODE_CROSS = 2;

export class PathRecordView {
  private block: BlockResult | null = null;
  private local = 0;
  readonly positionCount: number;
  /** Per mode, its row of a path's records, and the rows a path has (record-rows.ts). */
  private readonly rows: Int32Array;
  private readonly rowCount: number;

  /** A view of the records of blocks run on `book`. */
  constructor(book: Pick<CompiledBook, 'positionCount' | 'modeAliasOf'>) {
    this.positionCount = book.positionCount;
    this.rows = recordRows(book.modeAliasOf);
    this.rowCount = recordRowCount(book.modeAliasOf);
  }

  /** Point the view at path `local` of `block` (the runner does this before each observer call). */
  attach(block: BlockResult, local: number): void {
    if (block.records === null) throw new Error('PathRecordView.attach: the block was run without path records');
    this.block = block;
    this.local = local;
  }

  private current(): BlockResult {
    if (this.block === null) throw new Error('PathRecordView: no path attached');
    return this.block;
  }

  /** Global index of the path (0-based, in seed order). */
  get pathIndex(): number {
    return this.current().firstPath + this.local;
  }

  /** Account loss in mode `mode` (0 exported, 1 isolated, 2 cross), reporting asset. */
  loss(mode: number): number {
    const b = this.current();
    return b.pathLoss[mode * b.recordStride + this.local]!;
  }

  /** Bad debt in mode `mode`, reporting asset. */
  badDebt(mode: number): number {
    const b = this.current();
    return b.pathBadDebt[mode * b.recordStride + this.local]!;
  }

  /** First liquidation step of any pool of the account in mode `mode`; -1 when none. */
  firstLiquidationStep(mode: number): number {
    const b = this.current();
    return b.pathFirstStep[mode * b.recordStride + this.local]!;
  }

  /**
   * This path's cells in the block's record arrays (the isolated mode's position j at `isolated +
   * j`, the cross mode's at `cross + j`): the shape of contagion's `FlatPathCells`.
   */
  flatCells(cells: { steps: Int32Array; pnl: Float64Array; loss: Float64Array; isolated: number; cross: number }): void {
    const records = this.current().records!;
    cells.steps = records.liquidationStep;
    cells.pnl = records.pnlAtLiquidation;
    cells.loss = records.positionLoss;
    cells.isolated = this.cell(MODE_ISOLATED, 0);
    cells.cross = this.cell(MODE_CROSS, 0);
  }

  private cell(mode: number, position: number): number {
    return (this.local * this.rowCount + this.rows[mode]!) * this.positionCount + position;
  }

  /** Step of the position's first liquidation in mode `mode` (0 = at the start); -1 when none. */
  liquidationStep(mode: number, position: number): number {
    return this.current().records!.liquidationStep[this.cell(mode, position)]!;
  }

  /**
   * The position's unrealised PnL (settlement asset) at the trigger prices of its first
   * liquidation in mode `mode` — in cross, every member of the pool is recorded at the same
   * moment, so the drawdown shares of the causes can be read off; NaN when not liquidated.
   */
  pnlAtLiquidation(mode: number, position: number): number {
    return this.current().records!.pnlAtLiquidation[this.cell(mode, position)]!;
  }

  /** The position's loss at the horizon, net of bad debt, settlement asset. */
  positionLoss(mode: number, position: number): number {
    return this.current().records!.positionLoss[this.cell(mode, position)]!;
  }
}

/** Called once per path, in path order, on the thread that started the run. */
export type PathObserver = (path: PathRecordView) => void;
