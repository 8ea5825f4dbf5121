// The report's finite-number guard (format/find-non-finite.ts) for the pools of an evaluation,
// written out field by field. The isolated mode holds one pool per position, so on a large book
// the generic walk, which visits every property of every pool, took about 3 % of the CSV's time;
// a pool has six numbers, checked here directly. POOL_NUMBERS lists every field of
// PoolEvaluation, so a field added there does not compile until it is placed here too.

import type { PoolEvaluation, UniformMove } from '../../margin/evaluation.js';

/**
 * Whether each field of a pool (and of its uniform move) is a number the guard must check. Both
 * tables must name every field of their type: `satisfies` refuses a missing or unknown one.
 */
export const POOL_NUMBERS = {
  poolId: false,
  marginMode: false,
  asset: false,
  positionIds: false,
  collateral: true,
  equity: true,
  maintenanceMargin: true,
  marginRatio: true,
  liquidatable: false,
  uniformMoveToLiquidation: true,
} as const satisfies Record<keyof PoolEvaluation, boolean>;

export const UNIFORM_MOVE_NUMBERS = { down: true, up: true } as const satisfies Record<keyof UniformMove, boolean>;

/** x is finite, or null (x − x is 0 only for a finite number; null − null is 0 too). */
function finiteOrNull(x: number | null): boolean {
  return x === null || x - x === 0;
}

/**
 * Whether every number of every pool in `pools` is finite (the fields POOL_NUMBERS marks). False
 * may also mean a field is not of its declared type: the caller then walks the pools generically.
 */
export function poolNumbersFinite(pools: readonly PoolEvaluation[]): boolean {
  for (let i = 0; i < pools.length; i++) {
    const pool = pools[i]!;
    const move = pool.uniformMoveToLiquidation;
    if (
      !(pool.collateral - pool.collateral === 0) ||
      !(pool.equity - pool.equity === 0) ||
      !(pool.maintenanceMargin - pool.maintenanceMargin === 0) ||
      !finiteOrNull(pool.marginRatio) ||
      !finiteOrNull(move.down) ||
      !finiteOrNull(move.up)
    )
      return false;
  }
  return true;
}
