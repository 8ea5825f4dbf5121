// The cells of a position's evaluate-CSV row that the position's other modes repeat: id, symbol,
// side, size, asset, mark, notional; unrealised PnL and maintenance; leverage, venue, instrument,
// entry price. An account's rows are written mode after mode into one buffer, so the second and
// third rows of a position copy those bytes from the first (within the buffer's bytes) instead of
// quoting and formatting them again. A copy is taken only when every value the cells were written
// from is the same (===: 0 and -0 write the same cell), so the bytes are those a fresh write makes.
// A row whose middle (positionId to the tier table) is the same as the position's last row's
// (claimed, and the same margin share, liquidation price, distance, margin mode and pool: an
// isolated position's `exported` and `isolated` rows) copies it whole (sameMiddle). The slot also
// keeps where the account's `,collateralGiven,tierSnapshot` cells of its venue and symbol are, so a
// claimed row finds them without looking them up.
// A slot may be taken for an id before any of its rows (slotFor: the writer keeps the allocation's
// entries by slot), and a full buffer forgets the runs but not the slots (forgetRuns).
// Likewise a column whose cell often equals the row before's (a cross pool's id, liquidation price
// and distance, collateral) keeps its last cell (LastCell; LastNumberCell for a number, kept as a
// raw double) to copy.

import type { PositionEvaluation } from '../../margin/evaluation.js';

/** Runs of repeated cells in a row: [positionId … notional], [unrealizedPnl, maintenanceMargin], [leverage … entryPrice]. */
export const REPEATED_RUNS = 3;
/** The run from positionId to the tier table (every cell between the mode and the allocation's), and the margin cell in it. */
export const MIDDLE_RUN = REPEATED_RUNS;
export const MIDDLE_MARGIN_RUN = REPEATED_RUNS + 1;
/** The `,collateralGiven,tierSnapshot` cells (the account's, csv-account-cells.ts), set with the runs above: the same venue and symbol. */
export const TIER_RUN = REPEATED_RUNS + 2;
/** Byte ranges kept per slot. */
const RANGES_PER_SLOT = REPEATED_RUNS + 3;
/**
 * Slots an id is looked for among by a scan; past this many an account's slots are indexed by a
 * Map (a Map emptied at every account made a new table, and grew it again, two or three times an
 * account of ten positions).
 */
export const SCANNED_SLOTS = 16;

/**
 * Byte ranges, within the account's output buffer, of the runs written for each position id. The
 * arrays keep their room from account to account (emptied and grown again they made garbage at
 * every account).
 */
export class RepeatedRowCells {
  /** Slots in use. */
  #count = 0;
  /** The position id of each slot. */
  readonly #ids: string[] = [];
  /** Slot by id, once there are more than `scannedSlots`; else null. */
  #slots: Map<string, number> | null = null;
  readonly #scannedSlots: number;
  /** The evaluation each slot's runs were written from. */
  readonly #written: (PositionEvaluation | undefined)[] = [];
  /** The evaluation and margin share of each slot's middle run. */
  readonly #middleOf: (PositionEvaluation | undefined)[] = [];
  #middleMargin = new Float64Array(64);
  /** Per slot, RANGES_PER_SLOT pairs of [start, end). */
  #bounds = new Int32Array(2 * RANGES_PER_SLOT * 64);

  /** `scannedSlots`: SCANNED_SLOTS but in tests. */
  constructor(scannedSlots = SCANNED_SLOTS) {
    this.#scannedSlots = scannedSlots;
  }

  /** Forgets every slot (a new account) and its runs, and the evaluations they were written from. */
  clear(): void {
    this.forgetRuns();
    this.#count = 0;
    this.#slots = null;
  }

  /** Forgets every run (a buffer that no longer holds them); the slots stay those of their ids. */
  forgetRuns(): void {
    this.#written.fill(undefined, 0, this.#count);
    this.#middleOf.fill(undefined, 0, this.#count);
  }

  /** The slot of position id `id`, a new one (with no runs) when it has none. */
  slotFor(id: string): number {
    const slot = this.#slotOf(id);
    return slot >= 0 ? slot : this.#record(id, undefined);
  }

  /** The slot of position id `id`, or -1. */
  #slotOf(id: string): number {
    if (this.#slots !== null) return this.#slots.get(id) ?? -1;
    const ids = this.#ids;
    const count = this.#count;
    for (let slot = 0; slot < count; slot++) if (ids[slot] === id) return slot;
    return -1;
  }

  /**
   * The slot of `p`'s runs when they were written from the same values as `p`'s (>= 0); else
   * `-1 - slot`, the slot that will hold the runs about to be written from `p` (replacing older
   * ones of its id).
   */
  claim(p: PositionEvaluation): number {
    const slot = this.#slotOf(p.positionId);
    if (slot < 0) return -1 - this.#record(p.positionId, p);
    const q = this.#written[slot];
    if (q === undefined) {
      this.#written[slot] = p;
      this.#middleOf[slot] = p;
      this.#middleMargin[slot] = Number.NaN;
      return -1 - slot;
    }
    if (
      q.symbol === p.symbol &&
      q.side === p.side &&
      q.size === p.size &&
      q.asset === p.asset &&
      q.markPrice === p.markPrice &&
      q.notional === p.notional &&
      q.unrealizedPnl === p.unrealizedPnl &&
      q.maintenanceMargin === p.maintenanceMargin &&
      q.leverage === p.leverage &&
      q.venue === p.venue &&
      q.instrument === p.instrument &&
      q.entryPrice === p.entryPrice
    )
      return slot;
    this.#written[slot] = p;
    return -1 - slot;
  }

  /** A new slot for the runs of position id `id`, about to be written from `p` (undefined: none yet). */
  #record(id: string, p: PositionEvaluation | undefined): number {
    const slot = this.#count++;
    this.#ids[slot] = id;
    if (this.#slots !== null) this.#slots.set(id, slot);
    else if (slot === this.#scannedSlots) {
      this.#slots = new Map();
      for (let i = 0; i <= slot; i++) this.#slots.set(this.#ids[i]!, i);
    }
    this.#written[slot] = p;
    this.#middleOf[slot] = p;
    if (this.#middleMargin.length <= slot) {
      const grown = new Float64Array(this.#middleMargin.length * 2);
      grown.set(this.#middleMargin);
      this.#middleMargin = grown;
    }
    this.#middleMargin[slot] = Number.NaN;
    if (this.#bounds.length < 2 * RANGES_PER_SLOT * (slot + 1)) {
      const grown = new Int32Array(this.#bounds.length * 2);
      grown.set(this.#bounds);
      this.#bounds = grown;
    }
    return slot;
  }

  /** Sets run `run` of `slot` to bytes [start, end). */
  setRun(slot: number, run: number, start: number, end: number): void {
    const at = 2 * (RANGES_PER_SLOT * slot + run);
    this.#bounds[at] = start;
    this.#bounds[at + 1] = end;
  }

  /**
   * Whether the middle run of `slot` (claimed for `p`) was written from the same cells as `p`'s
   * with margin share `margin`: the claimed cells, and the same margin, liquidation price,
   * distance, margin mode and pool (=== again; a middle never written has a NaN margin).
   */
  sameMiddle(slot: number, p: PositionEvaluation, margin: number): boolean {
    const q = this.#middleOf[slot]!;
    return this.#middleMargin[slot] === margin && q.liquidationPrice === p.liquidationPrice && q.distanceToLiquidation === p.distanceToLiquidation && q.marginMode === p.marginMode && q.poolId === p.poolId;
  }

  /** Records that the middle run of `slot` was written from `p` with margin share `margin`, the margin cell at [marginStart, marginEnd). */
  setMiddle(slot: number, p: PositionEvaluation, margin: number, start: number, end: number, marginStart: number, marginEnd: number): void {
    this.#middleOf[slot] = p;
    this.#middleMargin[slot] = margin;
    this.setRun(slot, MIDDLE_RUN, start, end);
    this.setRun(slot, MIDDLE_MARGIN_RUN, marginStart, marginEnd);
  }

  runStart(slot: number, run: number): number {
    return this.#bounds[2 * (RANGES_PER_SLOT * slot + run)]!;
  }

  runEnd(slot: number, run: number): number {
    return this.#bounds[2 * (RANGES_PER_SLOT * slot + run) + 1]!;
  }
}

/**
 * The last cell written in one column: the value it was written from and its bytes [start, end)
 * in the account's buffer. `matches(value)` says whether a cell for `value` would be the same bytes
 * (===, as above); `clear` forgets it (a new account).
 */
export class LastCell<T> {
  value: T | undefined = undefined;
  start = 0;
  end = -1;

  clear(): void {
    this.value = undefined;
    this.end = -1;
  }

  matches(value: T): boolean {
    return this.end >= 0 && this.value === value;
  }

  set(value: T, start: number, end: number): void {
    this.value = value;
    this.start = start;
    this.end = end;
  }
}

/**
 * LastCell for a number column, its value kept as a raw double (a tagged field would box each one
 * set): `matches` is === on the numbers, null matching null.
 */
export class LastNumberCell {
  readonly #value = new Float64Array(1);
  #null = false;
  start = 0;
  end = -1;

  clear(): void {
    this.end = -1;
  }

  matches(value: number | null): boolean {
    if (this.end < 0) return false;
    return value === null ? this.#null : !this.#null && this.#value[0] === value;
  }

  set(value: number | null, start: number, end: number): void {
    if (value === null) this.#null = true;
    else {
      this.#null = false;
      this.#value[0] = value;
    }
    this.start = start;
    this.end = end;
  }
}
