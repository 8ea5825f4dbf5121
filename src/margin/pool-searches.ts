// The liquidation searches of a pool kept for the account's next modes: a position isolated in the
// export has the same isolated pool in the `exported` and `isolated` modes, and a settlement asset
// with no isolated rows has the same cross pool in the `exported` and `cross` modes. Searches read
// nothing but the pool's contents (members and their schedules, collateral, asset), so a later mode
// whose pool has the same contents reads them back instead of searching again: same numbers.

import type { UniformMove } from './evaluation.js';
import type { HealthRoots } from './health-roots.js';
import type { Pool } from './pool.js';

/** A liquidation-price search's outcome (liquidation-price.ts). */
export interface PriceSearch {
  readonly price: number | null;
  readonly roots: HealthRoots;
}

/** What evaluating one pool searched: per symbol, and the uniform move. */
export interface PoolSearches {
  readonly pool: Pool;
  readonly bySymbol: ReadonlyMap<string, PriceSearch>;
  readonly uniformMove: UniformMove;
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

/** One account's pool searches by pool id, across its modes. */
export class AccountPoolSearches {
  readonly #byPoolId = new Map<string, PoolSearches>();

  /** The searches of an earlier pool with the same contents as `pool`, if any. */
  find(pool: Pool): PoolSearches | undefined {
    const earlier = this.#byPoolId.get(pool.poolId);
    return earlier !== undefined && samePoolContents(earlier.pool, pool) ? earlier : undefined;
  }

  keep(searches: PoolSearches): void {
    this.#byPoolId.set(searches.pool.poolId, searches);
  }
}
