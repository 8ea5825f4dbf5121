// The `margin` cell of the evaluate CSV: a position's own margin when it is alone in its pool,
// else its share of the pool's collateral pro rata to notional, so the column sums to the capital
// posted to pools in every mode. `csvMargins` by id (the readable form and the row-by-row writer's),
// `marginShares` in a mode's position order (the rows' hot path: csv-position-rows.ts).

import type { ModeEvaluation, PositionEvaluation } from '../../margin/evaluation.js';

/**
 * The `margin` cell of each position of a mode: its own margin when alone in its pool (isolated),
 * else its share of the shared collateral, pro rata to notional (equal shares when the pool has
 * no notional). So the column sums to the capital posted to pools, whatever the mode, instead of
 * repeating a cross pool's wallet on every row; the whole pool's is in `poolCollateral`.
 */
export function csvMargins(mode: ModeEvaluation): Map<string, number> {
  const pools = sharedPoolNotionals(mode);
  const margins = new Map<string, number>();
  for (const p of mode.positions) margins.set(p.positionId, marginShare(p, pools));
  return margins;
}

/** A pool's members in a mode and the sum of their absolute notionals (summed in the mode's position order). */
interface PoolNotional {
  members: number;
  total: number;
}

/**
 * The pools of a mode's cross positions, by id. An isolated position is alone in its pool (its
 * margin is its own: src/margin/mode-pools.ts), so it is left out and its share needs no lookup.
 */
function sharedPoolNotionals(mode: ModeEvaluation): Map<string, PoolNotional> {
  const pools = new Map<string, PoolNotional>();
  // The pool of the last cross position: a cross pool's members mostly follow one another.
  let lastId: string | undefined;
  let last: PoolNotional | undefined;
  for (const p of mode.positions) {
    if (p.marginMode === 'isolated') continue;
    const pool = p.poolId === lastId ? last : pools.get(p.poolId);
    if (pool === undefined) pools.set(p.poolId, (last = { members: 1, total: 0 + Math.abs(p.notional) }));
    else {
      pool.members++;
      pool.total += Math.abs(p.notional);
      last = pool;
    }
    lastId = p.poolId;
  }
  return pools;
}

/** Room for the margin shares of a mode, kept from mode to mode (an array a mode of every account cost its allocation). */
let sharesScratch = new Float64Array(64);

/** csvMargins' cell of each of a mode's positions, in their order: the first `positions.length` of the array returned (valid until the next call). */
export function marginShares(mode: ModeEvaluation): Float64Array {
  const positions = mode.positions;
  const pools = sharedPoolNotionals(mode);
  if (sharesScratch.length < positions.length) sharesScratch = new Float64Array(Math.max(positions.length, 2 * sharesScratch.length));
  const shares = sharesScratch;
  let lastId: string | undefined;
  let last: PoolNotional | undefined;
  for (let i = 0; i < positions.length; i++) {
    const p = positions[i]!;
    if (p.marginMode === 'isolated') shares[i] = p.margin;
    else {
      if (p.poolId !== lastId) last = pools.get((lastId = p.poolId));
      shares[i] = poolShare(p, last!);
    }
  }
  return shares;
}

/** csvMargins' cell of `p` in its pool (`pools`: sharedPoolNotionals of its mode). */
function marginShare(p: PositionEvaluation, pools: ReadonlyMap<string, PoolNotional>): number {
  return p.marginMode === 'isolated' ? p.margin : poolShare(p, pools.get(p.poolId)!);
}

/** The margin share of cross position `p` in its pool. */
function poolShare(p: PositionEvaluation, pool: PoolNotional): number {
  return pool.members === 1 ? p.margin : pool.total > 0 ? (p.margin * Math.abs(p.notional)) / pool.total : p.margin / pool.members;
}
