// Deterministic contagion stress (`evaluate --stress`): for each position, move its symbol's mark
// to that position's own isolated liquidation price, every other mark held, and compare the
// modes at those marks.
//   victims:  positions whose cross pool is liquidatable there but whose isolated pool is not
//   rescues:  positions whose isolated pool is liquidatable there but whose cross pool is not
//             (the shocked position itself, when the pooled collateral carries it)
//   causes:   the drawdown rule of `cause-shares.ts` with "now → moved marks" as the path, which
//             names the moved position(s): only positions on the moved symbol changed PnL.
// With the same capital and the same maintenance rule in both modes, a cross pool's health is
// the sum of its members' isolated healths plus the free balance, so at one position's isolated
// liquidation price the cross pool usually survives. Each entry therefore also carries the
// symbol's price at which the cross pool itself is liquidated, and the victims there: the
// positions that die with it but survive isolated at that price.
// The shocked position counts as liquidated isolated at its own liquidation price by
// construction (likewise its cross pool at the cross price), whatever the rounding says; a
// position already liquidatable now is stressed at its mark (move 0). Exact: reference engine.
// A stress lists at most STRESS_LISTED entries of each kind (stress-listing.ts) with their counts;
// the account's folded contagion (stress-fold.ts) counts them all.

import type { AccountBook } from '../domain/account-book.js';
import type { MarginContext } from '../margin/evaluate-account.js';
import { liquidationPrice } from '../margin/liquidation-price.js';
import type { Pool, PoolMember } from '../margin/pool.js';
import { unrealizedPnlSettlement } from '../margin/position-risk.js';
import { ContagionAccumulator } from './contagion-accumulator.js';
import { contagionLayoutOfPools, type ContagionLayout } from './contagion-layout.js';
import { ArrayContagionPath, MODE_CROSS, MODE_ISOLATED } from './contagion-path.js';
import { pathContagion, PathContagionScratch, type PathContagion } from './path-contagion.js';
import type { AccountContagion, ContagionEntry } from './contagion-summary.js';
import { poolValuationAt, UNMOVED, type AssetFactor } from '../margin/pool-valuation.js';
import { modePoolsOf, prepareAccountOrThrow } from '../margin/prepared-account.js';
import { notionalSettlement } from '../margin/position-risk.js';
import { StressFold, type StressContagion } from './stress-fold.js';
import { listedEntries } from './stress-listing.js';

export interface StressEntry {
  readonly shockedPositionId: string;
  readonly symbol: string;
  /** The position's isolated liquidation price (the mark it is moved to); null when none exists. */
  readonly price: number | null;
  /** price / mark − 1. */
  readonly move: number | null;
  /** Is the shocked position's cross pool liquidatable at that price? */
  readonly crossLiquidated: boolean;
  /** Probability 1 each: liquidated in cross at that price, not isolated (the listed ones, see stress-listing.ts). */
  readonly victims: readonly ContagionEntry[];
  /** How many victims there are (`victims` lists at most STRESS_LISTED of them). */
  readonly victimCount: number;
  /** Probability 1 each: liquidated isolated at that price, not in cross (the listed ones). */
  readonly rescues: readonly ContagionEntry[];
  /** How many rescues there are. */
  readonly rescueCount: number;
  /** The symbol's price at which the shocked position's cross pool is liquidated; null if none. */
  readonly crossLiquidationPrice: number | null;
  readonly crossMove: number | null;
  /**
   * Positions liquidated with the cross pool at `crossLiquidationPrice` that survive isolated
   * there — the shocked position itself among them when its isolated margin outlasts the pool.
   */
  readonly victimsAtCrossLiquidation: readonly ContagionEntry[];
  /** How many victims at the cross liquidation there are (the list holds at most STRESS_LISTED). */
  readonly victimsAtCrossLiquidationCount: number;
}

export interface AccountStress {
  readonly account: string;
  readonly stress: readonly StressEntry[];
  /**
   * The stresses folded as paths (one per position with a liquidation price): probability =
   * the share of those stresses in which the position is a victim (rescue); 1 or 0 with one.
   * Null when no position has an isolated liquidation price.
   */
  readonly contagion: AccountContagion | null;
  /** Every scenario's entries folded per position: the contract's `contagion` object (stress-fold.ts). */
  readonly folded: StressContagion;
}

interface Scene {
  readonly isolatedPools: readonly Pool[];
  readonly crossPools: readonly Pool[];
  readonly layout: ContagionLayout;
  readonly indexOf: ReadonlyMap<string, number>;
  readonly scratch: PathContagionScratch;
}

/** Position index → the pool holding it, for a list of pools. */
function poolOfPosition(pools: readonly Pool[], indexOf: ReadonlyMap<string, number>, n: number): Pool[] {
  const out = new Array<Pool>(n);
  for (const pool of pools) for (const m of pool.members) out[indexOf.get(m.position.positionId)!] = pool;
  return out;
}

/**
 * The record of one stress: `symbol` at `price` (others held). `forcedIsolated` / `forcedCross`:
 * pools counted liquidatable by construction.
 */
function stressPath(scene: Scene, symbol: string, baseAsset: string, factor: number, forcedIsolated: Pool | null, forcedCross: Pool | null): ArrayContagionPath {
  const n = scene.layout.positionCount;
  const path = new ArrayContagionPath(n);
  const priceOf = (m: PoolMember): number => (m.position.symbol === symbol ? m.position.markPrice * factor : m.position.markPrice);
  const collateralFactor: AssetFactor = (asset) => (asset === baseAsset ? factor : 1);
  const record = (pools: readonly Pool[], mode: number, forced: Pool | null): void => {
    for (const pool of pools) {
      const liquidated = pool === forced || poolValuationAt(pool, priceOf, collateralFactor).liquidatable;
      for (const m of pool.members) {
        const j = scene.indexOf.get(m.position.positionId)!;
        const pnl = unrealizedPnlSettlement(m.position, priceOf(m));
        path.setLoss(mode, j, scene.layout.pnlNow[j]! - pnl);
        if (liquidated) path.setLiquidation(mode, j, 0, pnl);
      }
    }
  };
  record(scene.isolatedPools, MODE_ISOLATED, forcedIsolated);
  record(scene.crossPools, MODE_CROSS, forcedCross);
  return path;
}

function oneStress(scene: Scene, path: ArrayContagionPath): PathContagion {
  return pathContagion(scene.scratch, path);
}

/** Price of `symbol` that liquidates `pool` (the mark when it is liquidatable already). */
function stressPrice(pool: Pool, symbol: string, mark: number): number | null {
  if (poolValuationAt(pool, (m) => m.position.markPrice, UNMOVED).liquidatable) return mark;
  return liquidationPrice(pool, symbol);
}

/**
 * The stress of every position of `book`, in book order, and their aggregate contagion. Throws
 * when the account cannot be evaluated (a missing tier table: evaluate it first).
 */
export function stressAccount(book: AccountBook, context: MarginContext): AccountStress {
  const account = prepareAccountOrThrow(book, context, 'stressAccount');
  const ids = account.resolved.positions.map((r) => r.position.positionId);
  const indexOf = new Map<string, number>();
  ids.forEach((id, j) => indexOf.set(id, j));
  const isolatedPools = modePoolsOf(account, 'isolated').pools;
  const crossPools = modePoolsOf(account, 'cross').pools;
  const layout = contagionLayoutOfPools(ids, crossPools);
  const scene: Scene = { isolatedPools, crossPools, layout, indexOf, scratch: new PathContagionScratch(layout) };
  const isolatedOf = poolOfPosition(isolatedPools, indexOf, ids.length);
  const crossOf = poolOfPosition(crossPools, indexOf, ids.length);
  const aggregate = new ContagionAccumulator(scene.layout);
  const victimFold = new StressFold(ids, false);
  const rescueFold = new StressFold(ids, true);
  let scenarios = 0;
  // Notional at the marks in the quote asset (inverse contracts: settlement notional × mark).
  const notional = new Map(account.resolved.positions.map(({ position: q }) => [q.positionId, Math.abs(notionalSettlement(q, q.markPrice)) * (q.instrument === 'inverse' ? q.markPrice : 1)]));
  const notionalOf = (id: string): number => notional.get(id) ?? 0;
  const stress: StressEntry[] = account.resolved.positions.map(({ position: p }, j) => {
    const isolatedPool = isolatedOf[j]!;
    const crossPool = crossOf[j]!;
    const price = stressPrice(isolatedPool, p.symbol, p.markPrice);
    const crossPrice = stressPrice(crossPool, p.symbol, p.markPrice);
    let crossLiquidated = false;
    let victims: readonly ContagionEntry[] = [];
    let rescues: readonly ContagionEntry[] = [];
    if (price !== null) {
      const path = stressPath(scene, p.symbol, p.baseAsset, price / p.markPrice, isolatedPool, null);
      crossLiquidated = path.liquidationStep(MODE_CROSS, j) >= 0;
      aggregate.add(path);
      ({ victims, rescues } = oneStress(scene, path));
      scenarios++;
    }
    let victimsAtCrossLiquidation: readonly ContagionEntry[] = [];
    if (crossPrice !== null) {
      victimsAtCrossLiquidation = oneStress(scene, stressPath(scene, p.symbol, p.baseAsset, crossPrice / p.markPrice, null, crossPool)).victims;
      scenarios++;
    }
    // Folded whole, in scenario order (a stress's victims, then those at its cross liquidation).
    victimFold.add(victims);
    victimFold.add(victimsAtCrossLiquidation);
    rescueFold.add(rescues);
    return {
      shockedPositionId: p.positionId,
      symbol: p.symbol,
      price,
      move: price === null ? null : price / p.markPrice - 1,
      crossLiquidated,
      victims: listedEntries(victims, notionalOf, p.positionId),
      victimCount: victims.length,
      rescues: listedEntries(rescues, notionalOf, p.positionId),
      rescueCount: rescues.length,
      crossLiquidationPrice: crossPrice,
      crossMove: crossPrice === null ? null : crossPrice / p.markPrice - 1,
      victimsAtCrossLiquidation: listedEntries(victimsAtCrossLiquidation, notionalOf, p.positionId),
      victimsAtCrossLiquidationCount: victimsAtCrossLiquidation.length,
    };
  });
  return {
    account: book.account,
    stress,
    contagion: aggregate.pathCount > 0 ? aggregate.finish() : null,
    folded: { scenarios, victims: victimFold.finish(), rescues: rescueFold.finish() },
  };
}
