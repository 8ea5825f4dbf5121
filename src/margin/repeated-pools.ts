// A pool's evaluation kept for the account's next modes: a position isolated in the export has the
// same isolated pool in the `exported` and `isolated` modes (one object, mode-pools.ts), and a
// settlement asset with no isolated rows has the same cross pool in the `exported` and `cross`
// modes. A pool's evaluation (its figures, its positions' rows and liquidation prices) reads
// nothing but the pool's contents (members and their schedules, collateral, asset), so a later
// mode whose pool has the same contents takes the earlier mode's evaluation objects as they are
// (they are never written to): same numbers, and no second search.

import type { PoolEvaluation, PositionEvaluation } from './evaluation.js';
import type { Pool } from './pool.js';

/** A pool as an earlier mode evaluated it. */
export interface EvaluatedPool {
  readonly pool: Pool;
  readonly evaluation: PoolEvaluation;
  /** Its positions' evaluations, in member order. */
  readonly positions: readonly PositionEvaluation[];
}

/** Same id, mode, asset, cash (Object.is), collateral entries and members (position and schedule objects). */
export function samePoolContents(a: Pool, b: Pool): boolean {
  if (a === b) return true;
  if (a.poolId !== b.poolId || a.account !== b.account || a.marginMode !== b.marginMode || a.asset !== b.asset) return false;
  if (!Object.is(a.cashCollateral, b.cashCollateral)) return false;
  if (a.assetCollateral.length !== b.assetCollateral.length || a.members.length !== b.members.length) return false;
  for (let i = 0; i < a.assetCollateral.length; i++) if (a.assetCollateral[i] !== b.assetCollateral[i]) return false;
  for (let i = 0; i < a.members.length; i++) {
    if (a.members[i]!.position !== b.members[i]!.position || a.members[i]!.schedule !== b.members[i]!.schedule) return false;
  }
  return true;
}

/**
 * One account's evaluated pools, across its modes: isolated pools by object (a repeated one is
 * the same object), cross pools by id (each mode builds its own) with their contents compared.
 */
export class AccountPoolEvaluations {
  readonly #isolated = new Map<Pool, EvaluatedPool>();
  readonly #crossById = new Map<string, EvaluatedPool>();

  /** The evaluation of an earlier pool with the same contents as `pool`, if any. */
  find(pool: Pool): EvaluatedPool | undefined {
    if (pool.marginMode !== 'cross') return this.#isolated.get(pool);
    const earlier = this.#crossById.get(pool.poolId);
    return earlier !== undefined && samePoolContents(earlier.pool, pool) ? earlier : undefined;
  }

  keep(evaluated: EvaluatedPool): void {
    if (evaluated.pool.marginMode !== 'cross') this.#isolated.set(evaluated.pool, evaluated);
    else this.#crossById.set(evaluated.pool.poolId, evaluated);
  }
}
