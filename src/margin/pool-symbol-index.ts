// A pool's members grouped by symbol, built once per pool object: the liquidation price of every
// symbol of a cross pool reads only that symbol's members, so evaluating a pool of m members on s
// symbols costs O(m) in all instead of O(m · s). The index of the last pool asked for is kept
// (not one per pool in a WeakMap): a pool's searches come one after another (its symbols, then
// its uniform move), and a WeakMap entry per pool cost more than building the index.

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

const FIRST_ONLY: readonly number[] = Object.freeze([0]);
const NONE: readonly number[] = Object.freeze([]);

/**
 * Indices of the members of `pool` on `symbol` (empty when none). A pool of one member (every
 * isolated pool) is answered without building its index.
 */
export function membersOfSymbol(pool: Pool, symbol: string): readonly number[] {
  if (pool.members.length === 1) return pool.members[0]!.position.symbol === symbol ? FIRST_ONLY : NONE;
  return poolSymbolIndex(pool).get(symbol) ?? NONE;
}
