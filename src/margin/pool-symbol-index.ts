// A pool's members grouped by symbol, built once per pool object: the liquidation price of every
// symbol of a cross pool reads only that symbol's members, so evaluating a pool of m members on s
// symbols costs O(m) in all instead of O(m · s); a pool of few members is scanned instead. The
// index of the last pool asked for is kept (not one per pool in a WeakMap): a pool's searches
// come one after another (its symbols, then its uniform move), and a WeakMap entry per pool cost
// more than building the index.

import type { Pool } from './pool.js';

/** Symbol → indices into `pool.members`, in member order (first-seen symbol order). */
export type PoolSymbolIndex = ReadonlyMap<string, readonly number[]>;

/** The last pool indexed and its index (pools are immutable). */
let indexedPool: Pool | null = null;
let lastIndex: Map<string, number[]> = new Map();

/** The member indices of each symbol of `pool` (built once for consecutive calls on one pool object). */
export function poolSymbolIndex(pool: Pool): PoolSymbolIndex {
  if (indexedPool === pool) return lastIndex;
  const index = new Map<string, number[]>();
  const members = pool.members;
  for (let i = 0; i < members.length; i++) {
    const symbol = members[i]!.position.symbol;
    const list = index.get(symbol);
    if (list === undefined) index.set(symbol, [i]);
    else list.push(i);
  }
  indexedPool = pool;
  lastIndex = index;
  return index;
}

const NONE: readonly number[] = Object.freeze([]);

/** Pools of at most this many members are answered by a scan of their members, without an index. */
const SCAN_LIMIT = 16;

/** [i] for each member index i a scanned pool can have, shared (frozen): a symbol held once needs no array of its own. */
const ONLY: readonly (readonly number[])[] = Object.freeze(Array.from({ length: SCAN_LIMIT }, (_, i) => Object.freeze([i])));

/**
 * Indices of the members of `pool` on `symbol` (empty when none), in member order. A pool of at
 * most SCAN_LIMIT members (every isolated pool, most cross pools) is answered by a scan of its
 * members, and a symbol it holds once by a shared one-index list: the index of such a pool (a
 * Map and a list per symbol) cost more than the scans.
 */
export function membersOfSymbol(pool: Pool, symbol: string): readonly number[] {
  const members = pool.members;
  if (members.length > SCAN_LIMIT) return poolSymbolIndex(pool).get(symbol) ?? NONE;
  let first = -1;
  for (let i = 0; i < members.length; i++) {
    if (members[i]!.position.symbol !== symbol) continue;
    if (first >= 0) return scannedMembersOfSymbol(members, symbol, first);
    first = i;
  }
  return first < 0 ? NONE : ONLY[first]!;
}

/** The members on `symbol` from `first` on (a symbol held more than once in a scanned pool). */
function scannedMembersOfSymbol(members: Pool['members'], symbol: string, first: number): number[] {
  const indices = [first];
  for (let i = first + 1; i < members.length; i++) if (members[i]!.position.symbol === symbol) indices.push(i);
  return indices;
}
