// The smallest uniform move of all marks (and of collateral priced in those assets) that
// liquidates a pool: the honest single number for a cross account, whose per-symbol liquidation
// prices each assume every other mark stands still.

import type { UniformMove } from './evaluation.js';
import { healthRoots, type HealthRoots } from './health-roots.js';
import type { Pool } from './pool.js';

/**
 * `down`: smallest x in (0, 1) with every mark times (1 - x) liquidating the pool; `up`:
 * smallest x > 0 with every mark times (1 + x) liquidating it; null where no such move exists.
 * A pool already liquidatable has down = up = 0.
 */
export function uniformMoveToLiquidation(pool: Pool): UniformMove {
  if (pool.members.length === 0) return { down: null, up: null };
  return uniformMoveFromRoots(healthRoots(pool, { symbol: null, collateralAsset: '*' }));
}

/**
 * The uniform move as far as the verdict's distance lens reads it, min(down, up)
 * (src/verdict/account-verdict.ts's nearestUniformMove): `down` as uniformMoveToLiquidation's,
 * `up` as its too where up ≤ down, else null (the search stops once every move left is past
 * `down`: RootsWanted 'nearerMove'); a pool liquidatable now 0 and 0 as there. So the smaller
 * side, and the smallest over a mode's pools of min(down, up), are those of the exact moves.
 */
export function nearerUniformMove(pool: Pool): UniformMove {
  if (pool.members.length === 0) return { down: null, up: null };
  return uniformMoveFromRoots(healthRoots(pool, { symbol: null, collateralAsset: '*' }, 'nearerMove'));
}

/**
 * The uniform move read off health roots along "every price scales by f". For a pool whose
 * members all trade one symbol and that holds no other collateral, a liquidation-price search
 * yields exactly these roots, so callers may pass those instead of searching twice.
 */
export function uniformMoveFromRoots(roots: HealthRoots): UniformMove {
  if (roots.healthNow <= 0) return { down: 0, up: 0 };
  return {
    down: roots.below === null ? null : 1 - roots.below,
    up: roots.above === null ? null : roots.above - 1,
  };
}
