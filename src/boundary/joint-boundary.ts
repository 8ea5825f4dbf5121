// The joint liquidation boundary of a cross pool: its two largest risk factors (base assets by
// absolute net notional) moved together on a grid, every other mark held.
//   grid:      moves x_i (first factor) and y_k (second factor), evenly spaced from `moveMin` to
//              `moveMax` (default −60 % … +60 %, 49 × 49); per cell the health h(1 + x_i, 1 + y_k)
//              (equity − maintenance, settlement asset) and whether the pool is liquidated there
//   boundary:  for each x_i, the second-factor moves where h crosses zero nearest to y = 0 on
//              each side, solved exactly along y with `healthRoots` (between bracket boundaries
//              h is A + B f + C / f in the second factor's price factor f, a closed-form root),
//              not read off the grid; null where no move on that side reaches zero
//   alone:     each factor moved alone (the other and every other mark held): its nearest moves
//              either way where h is zero, solved exactly the same way (the first factor's through
//              the surface with the factors swapped)
//   distances: the uniform move of every mark of the pool (`uniformMoveToLiquidation`) and the
//              diagonal move of the two factors together, other marks held

import type { AccountBook } from '../domain/account-book.js';
import type { MarginContext } from '../margin/evaluate-account.js';
import type { UniformMove } from '../margin/evaluation.js';
import { healthRoots } from '../margin/health-roots.js';
import type { Pool } from '../margin/pool.js';
import { uniformMoveFromRoots, uniformMoveToLiquidation } from '../margin/uniform-move.js';
import { modePoolsOf, prepareAccountOrThrow } from '../margin/prepared-account.js';
import { riskFactors, type RiskFactor } from './risk-factors.js';
import { twoFactorHealth, type TwoFactorHealth } from './two-factor-health.js';

export interface JointBoundaryOptions {
  /** Smallest move on each axis, > −1 (default −0.6). */
  readonly moveMin?: number;
  /** Largest move on each axis (default 0.6). */
  readonly moveMax?: number;
  /** Grid points per axis, >= 2 (default 49). */
  readonly points?: number;
}

export interface BoundaryAxis extends RiskFactor {
  /** Fractional moves of this factor's marks, ascending (0.1 = +10 %). */
  readonly moves: readonly number[];
}

export interface BoundaryPoint {
  /** First-factor move. */
  readonly x: number;
  /** Health at (x, 0). */
  readonly healthAtZero: number;
  /** Largest second-factor move y <= 0 where health is 0 (the nearest crossing below), or null. */
  readonly below: number | null;
  /** Smallest y >= 0 where health is 0, or null. */
  readonly above: number | null;
}

/** The exact moves of one factor alone (the other held) where the pool's health is zero. */
interface FactorAloneMoves {
  /** Largest move <= 0 where health is 0, or null (no move down liquidates). */
  readonly below: number | null;
  /** Smallest move >= 0 where health is 0, or null. */
  readonly above: number | null;
}

export interface JointBoundary {
  readonly poolId: string;
  /** Settlement asset of `health`. */
  readonly asset: string;
  readonly first: BoundaryAxis;
  readonly second: BoundaryAxis;
  /** `[i][k]`: first-factor move i, second-factor move k. */
  readonly liquidated: readonly (readonly boolean[])[];
  readonly health: readonly (readonly number[])[];
  /** One point per first-factor move on the grid. */
  readonly boundary: readonly BoundaryPoint[];
  /** Each factor moved alone, the other at its mark: exact crossings (not grid points). */
  readonly alone: { readonly first: FactorAloneMoves; readonly second: FactorAloneMoves };
  /** Every mark of the pool moved by the same fraction. */
  readonly uniformMove: UniformMove;
  /** The two factors moved by the same fraction, other marks held. */
  readonly diagonalMove: UniformMove;
}

const DEFAULTS = { moveMin: -0.6, moveMax: 0.6, points: 49 } as const;

/** Moves are rounded to this many decimals, so −60 % … +60 % in 49 points gives 0 and −0.3 exactly. */
const MOVE_DECIMALS = 12;

/** Evenly spaced moves from `min` to `max` (`points` of them, both ends included). */
export function gridMoves(min: number, max: number, points: number): number[] {
  if (!(min > -1) || !(max > min) || !Number.isInteger(points) || points < 2) {
    throw new Error(`gridMoves: need -1 < min < max and an integer points >= 2, got ${min}, ${max}, ${points}`);
  }
  const unit = 10 ** MOVE_DECIMALS;
  return Array.from({ length: points }, (_, i) => {
    const move = (min * (points - 1 - i) + max * i) / (points - 1);
    return Math.round(move * unit) / unit + 0;
  });
}

/**
 * The diagonal move: both factors' members and collateral scaled together by f, the rest held.
 * The held parts fold into cash: total health at f = 1 minus the moving parts' own health there.
 */
function diagonalMove(pool: Pool, firstAsset: string, secondAsset: string): UniformMove {
  const moving = (asset: string): boolean => asset === firstAsset || asset === secondAsset;
  const movingOnly: Pool = {
    ...pool,
    cashCollateral: 0,
    assetCollateral: pool.assetCollateral.filter((c) => moving(c.asset)),
    members: pool.members.filter((m) => moving(m.position.baseAsset)),
  };
  const heldHealth = twoFactorHealth(pool, firstAsset, secondAsset).health(1, 1) - healthRoots(movingOnly, { symbol: null, collateralAsset: '*' }).healthNow;
  return uniformMoveFromRoots(healthRoots({ ...movingOnly, cashCollateral: heldHealth }, { symbol: null, collateralAsset: '*' }));
}

/** Exact crossings of `surface` along its second factor with the first at its mark. */
function aloneMoves(surface: TwoFactorHealth): FactorAloneMoves {
  const roots = healthRoots(surface.alongSecond(1), { symbol: null, collateralAsset: surface.secondAsset });
  return { below: roots.below === null ? null : roots.below - 1, above: roots.above === null ? null : roots.above - 1 };
}

/**
 * The joint boundary of `pool` over its two largest risk factors; null when it has fewer than
 * two (a one-asset pool's boundary is its liquidation price).
 */
export function jointLiquidationBoundary(pool: Pool, options: JointBoundaryOptions = {}): JointBoundary | null {
  const factors = riskFactors(pool);
  if (factors.length < 2) return null;
  const [firstFactor, secondFactor] = factors as [RiskFactor, RiskFactor];
  const min = options.moveMin ?? DEFAULTS.moveMin;
  const max = options.moveMax ?? DEFAULTS.moveMax;
  const moves = gridMoves(min, max, options.points ?? DEFAULTS.points);
  const surface = twoFactorHealth(pool, firstFactor.asset, secondFactor.asset);
  const health = moves.map((x) => moves.map((y) => surface.health(1 + x, 1 + y)));
  const liquidated = moves.map((x) => moves.map((y) => surface.liquidatable(1 + x, 1 + y)));
  const boundary = moves.map((x): BoundaryPoint => {
    const roots = healthRoots(surface.alongSecond(1 + x), { symbol: null, collateralAsset: secondFactor.asset });
    return {
      x,
      healthAtZero: roots.healthNow,
      below: roots.below === null ? null : roots.below - 1,
      above: roots.above === null ? null : roots.above - 1,
    };
  });
  return {
    poolId: pool.poolId,
    asset: pool.asset,
    first: { ...firstFactor, moves },
    second: { ...secondFactor, moves },
    liquidated,
    health,
    boundary,
    alone: { first: aloneMoves(twoFactorHealth(pool, secondFactor.asset, firstFactor.asset)), second: aloneMoves(surface) },
    uniformMove: uniformMoveToLiquidation(pool),
    diagonalMove: diagonalMove(pool, firstFactor.asset, secondFactor.asset),
  };
}

/** Gross notional of a pool in quote at the marks (inverse contracts are quote-valued). */
function grossNotionalQuote(pool: Pool): number {
  let gross = 0;
  for (const { position: p } of pool.members) gross += p.size * p.contractSize * (p.instrument === 'linear' ? p.markPrice : 1);
  return gross;
}

/**
 * The joint boundary of an account in the `cross` mode: of its cross pools (one per settlement
 * asset), the one with the largest gross notional. Null when that pool has fewer than two risk
 * factors. Throws when the account cannot be evaluated (evaluate it first).
 */
export function accountJointBoundary(book: AccountBook, context: MarginContext, options: JointBoundaryOptions = {}): JointBoundary | null {
  const pools = modePoolsOf(prepareAccountOrThrow(book, context, 'accountJointBoundary'), 'cross').pools;
  let largest: Pool | null = null;
  for (const pool of pools) if (largest === null || grossNotionalQuote(pool) > grossNotionalQuote(largest)) largest = pool;
  return largest === null ? null : jointLiquidationBoundary(largest, options);
}
