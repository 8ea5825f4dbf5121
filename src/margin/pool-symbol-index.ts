// A pool's members grouped by symbol, built once per pool object and cached: the liquidation
// price of every symbol of a cross pool reads only that symbol's members, so evaluating a pool
// of m members on s symbols costs O(m) in all instead of O(m · s).

import type { Pool } from './pool.js';

/** Symbol → indices into `pool.members`, in member order (first-seen symbol order). */
export type PoolSymbolIndex = ReadonlyMap<string, readonly number[]>;

const indexByPool = new WeakMap<Pool, Map<string, number[]>>();

/** The member indices of each symbol of `pool` (cached per pool object; pools are immutable). */
export function poolSymbolIndex(pool: Pool): PoolSymbolIndex {
  let index = indexByPool.get(pool);
  if (index === undefined) {
    index = new Map<string, number[]>();
    pool.members.forEach((m, i) => {
      const list = index!.get(m.position.symbol);
      if (list === undefined) index!.set(m.position.symbol, [i]);
      else list.push(i);
    });
    indexByPool.set(pool, index);
  }
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
