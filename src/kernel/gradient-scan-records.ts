// The constant inputs of the gradient-pool kernel (assembly/gradient-scan.ts) as it reads them,
// written once per kernel context by its host (gradient-scan.ts): the covariance by pairs of rows,
// the member and bracket records (member-record.ts) and which pools take their members two at a
// time.

import type { CompiledBook } from './compiled-book.js';
import type { MemberTable } from './member-table.js';
import { BRACKET_AMOUNT, BRACKET_FLOOR, BRACKET_RATE, BRACKET_RECORD_BYTES, BRACKET_SMOOTH_FLOOR, MEMBER_AMOUNT, MEMBER_ASSET, MEMBER_BRACKET, MEMBER_BRACKET_COUNT, MEMBER_BRACKETS, MEMBER_ENTRY, MEMBER_ENTRY_BASIS, MEMBER_FEE_AMOUNT, MEMBER_FEE_RATE, MEMBER_HIGH_EDGE, MEMBER_INVERSE, MEMBER_LOW_EDGE, MEMBER_MARK, MEMBER_RATE, MEMBER_RECORD_BYTES, MEMBER_SIGN, MEMBER_SLOPE_FACTOR, MEMBER_SMOOTH_FLOOR } from './member-record.js';

/**
 * The covariance matrix (nA × nA, row-major) by pairs of rows, as the kernel reads it
 * (assembly/covariance-product.ts): pairs[2 (p nA + b) + i] = Σ_{2p+i, b}, 0 for the row past an odd nA.
 */
export function writeCovariancePairs(pairs: Float64Array, covariance: Float64Array, nA: number): void {
  for (let a = 0; a < nA; a++) {
    const p = a >> 1;
    for (let b = 0; b < nA; b++) pairs[2 * (p * nA + b) + (a & 1)] = covariance[a * nA + b]!;
  }
  if (nA % 2 === 1) for (let b = 0; b < nA; b++) pairs[2 * ((nA >> 1) * nA + b) + 1] = 0;
}

/**
 * The member records at byte address `membersAt` and the bracket records at `bracketsAt` of
 * `buffer` (member-record.ts), from the member table and the book's brackets; every member's
 * bracket found last starts at 0, its cached fields that bracket's (rate, amount, edges −∞ and the
 * next floor or +∞, smooth floor; a schedule without brackets gets edges that no notional lies
 * between, so the kernel always walks it).
 */
export function writeMemberRecords(buffer: ArrayBufferLike, membersAt: number, bracketsAt: number, book: CompiledBook, members: MemberTable): void {
  const nM = book.memberCount;
  const nB = book.bracketFloor.length;
  const f64 = new Float64Array(buffer, membersAt, (MEMBER_RECORD_BYTES * nM) / 8);
  const i32 = new Int32Array(buffer, membersAt, (MEMBER_RECORD_BYTES * nM) / 4);
  const u8 = new Uint8Array(buffer, membersAt, MEMBER_RECORD_BYTES * nM);
  for (let k = 0; k < nM; k++) {
    const at = MEMBER_RECORD_BYTES * k;
    f64[(at + MEMBER_SIGN) / 8] = members.sign[k]!;
    f64[(at + MEMBER_ENTRY) / 8] = members.entry[k]!;
    f64[(at + MEMBER_MARK) / 8] = members.mark[k]!;
    f64[(at + MEMBER_FEE_RATE) / 8] = members.feeRate[k]!;
    f64[(at + MEMBER_FEE_AMOUNT) / 8] = members.feeAmount[k]!;
    f64[(at + MEMBER_SLOPE_FACTOR) / 8] = members.slopeFactor[k]!;
    i32[(at + MEMBER_ASSET) / 4] = members.asset[k]!;
    i32[(at + MEMBER_BRACKETS) / 4] = bracketsAt + BRACKET_RECORD_BYTES * members.bracketStart[k]!;
    i32[(at + MEMBER_BRACKET_COUNT) / 4] = members.bracketCount[k]!;
    i32[(at + MEMBER_BRACKET) / 4] = 0;
    u8[at + MEMBER_INVERSE] = members.inverse[k]!;
    u8[at + MEMBER_ENTRY_BASIS] = members.entryBasis[k]!;
    const first = members.bracketStart[k]!;
    const count = members.bracketCount[k]!;
    f64[(at + MEMBER_RATE) / 8] = count > 0 ? book.bracketRate[first]! : NaN;
    f64[(at + MEMBER_AMOUNT) / 8] = count > 0 ? book.bracketAmount[first]! : NaN;
    f64[(at + MEMBER_LOW_EDGE) / 8] = count > 0 ? -Infinity : Infinity;
    f64[(at + MEMBER_HIGH_EDGE) / 8] = count > 1 ? book.bracketFloor[first + 1]! : count > 0 ? Infinity : -Infinity;
    f64[(at + MEMBER_SMOOTH_FLOOR) / 8] = count > 0 ? members.smoothFloor[first]! : NaN;
  }
  const brackets = new Float64Array(buffer, bracketsAt, (BRACKET_RECORD_BYTES * nB) / 8);
  for (let b = 0; b < nB; b++) {
    const at = (BRACKET_RECORD_BYTES * b) / 8;
    brackets[at + BRACKET_FLOOR / 8] = book.bracketFloor[b]!;
    brackets[at + BRACKET_RATE / 8] = book.bracketRate[b]!;
    brackets[at + BRACKET_AMOUNT / 8] = book.bracketAmount[b]!;
    brackets[at + BRACKET_SMOOTH_FLOOR / 8] = members.smoothFloor[b]!;
  }
}

/** Per pool, 1 when every member is linear and none at entry basis (the kernel's health takes those two members at a time), else 0. */
export function writePlainPools(plain: Uint8Array, book: CompiledBook, members: MemberTable): void {
  for (let i = 0; i < book.poolCount; i++) {
    let isPlain = 1;
    for (let k = book.poolMemberStart[i]!; k < book.poolMemberStart[i + 1]!; k++) if (members.inverse[k] !== 0 || members.entryBasis[k] !== 0) isPlain = 0;
    plain[i] = isPlain;
  }
}
