// The members of the compiled book as the hot loop reads them: position and schedule fields
// flattened into one typed array each (one load instead of two indirections), built once per
// kernel context. (The WebAssembly kernel reads the same fields packed per member: member-record.ts.)

import type { CompiledBook } from './compiled-book.js';

/**
 * Per member, what the hot loops read, flattened from position and schedule (one load each
 * instead of two indirections): asset, side, entry, mark, kind, PnL at the marks now, schedule
 * fields, and the factor (1 + highest bracket rate + fee reserve rate) that bounds
 * |∂(PnL − MM)/∂x| by factor × N.
 */
export interface MemberTable {
  readonly asset: Int32Array;
  readonly sign: Float64Array;
  readonly entry: Float64Array;
  readonly mark: Float64Array;
  readonly inverse: Uint8Array;
  /** The position's unrealised PnL at the marks now (`positionPnl0`), settlement asset. */
  readonly pnl0: Float64Array;
  readonly entryBasis: Uint8Array;
  readonly bracketStart: Int32Array;
  readonly bracketCount: Int32Array;
  readonly feeRate: Float64Array;
  readonly feeAmount: Float64Array;
  readonly slopeFactor: Float64Array;
  /**
   * Per bracket of the book (indexed as `bracketFloor`): the lower end of the bracket's smooth
   * range, max(its floor (0 for a schedule's first bracket), amount / rate (0 when the rate is 0)),
   * below which N × rate − amount no longer holds (lazy-bound.ts radii).
   */
  readonly smoothFloor: Float64Array;
}

export function memberTable(book: CompiledBook): MemberTable {
  const n = book.memberCount;
  const t = {
    asset: new Int32Array(n),
    sign: new Float64Array(n),
    entry: new Float64Array(n),
    mark: new Float64Array(n),
    inverse: new Uint8Array(n),
    pnl0: new Float64Array(n),
    entryBasis: new Uint8Array(n),
    bracketStart: new Int32Array(n),
    bracketCount: new Int32Array(n),
    feeRate: new Float64Array(n),
    feeAmount: new Float64Array(n),
    slopeFactor: new Float64Array(n),
    smoothFloor: new Float64Array(book.bracketFloor.length),
  };
  for (let k = 0; k < n; k++) {
    const j = book.memberPosition[k]!;
    const s = book.memberSchedule[k]!;
    t.asset[k] = book.positionAsset[j]!;
    t.sign[k] = book.positionSign[j]!;
    t.entry[k] = book.positionEntry[j]!;
    t.mark[k] = book.positionMark[j]!;
    t.inverse[k] = book.positionInverse[j]!;
    t.pnl0[k] = book.positionPnl0[j]!;
    t.entryBasis[k] = book.scheduleEntryBasis[s]!;
    t.bracketStart[k] = book.scheduleBracketStart[s]!;
    t.bracketCount[k] = book.scheduleBracketCount[s]!;
    t.feeRate[k] = book.scheduleFeeReserveRate[s]!;
    t.feeAmount[k] = book.scheduleFeeReserveAmount[s]!;
    let maxRate = 0;
    for (let b = 0; b < t.bracketCount[k]!; b++) maxRate = Math.max(maxRate, Math.abs(book.bracketRate[t.bracketStart[k]! + b]!));
    t.slopeFactor[k] = 1 + (t.entryBasis[k] === 1 ? 0 : maxRate + Math.abs(t.feeRate[k]!));
    for (let b = 0; b < t.bracketCount[k]!; b++) {
      const at = t.bracketStart[k]! + b;
      const rate = book.bracketRate[at]!;
      const zero = rate > 0 ? book.bracketAmount[at]! / rate : 0;
      t.smoothFloor[at] = Math.max(b > 0 ? book.bracketFloor[at]! : 0, zero);
    }
  }
  return t;
}
