// Point-in-time evaluation of one account in the three margin modes side by side: pools, their
// equity against maintenance, each position's liquidation price and distance, and the uniform
// move of all marks that liquidates. The readable reference the fast kernel is checked against.

import type { AccountBook } from '../domain/account-book.js';
import type { Position } from '../domain/position.js';
import type { Issue } from '../domain/issue.js';
import type { TierBook } from '../venues/tier-book.js';
import { accountCollateral, markOfAsset, type AccountCollateral } from './account-collateral.js';
import {
  type AccountEvaluation,
  type AllocationPolicy,
  type ModeEvaluation,
  type ModeName,
  type PoolEvaluation,
  type PositionEvaluation,
  type UniformMove,
} from './evaluation.js';
import type { HealthRoots } from './health-roots.js';
import { liquidationRoots, priceAtRoots } from './liquidation-price.js';
import { buildAllModePools, type ModePools } from './mode-pools.js';
import { AccountPoolEvaluations } from './repeated-pools.js';
import type { AssetCollateral, Pool } from './pool.js';
import { poolCollateral } from './pool-health.js';
import { maintenanceMarginSettlement, notionalSettlement, unrealizedPnlSettlement } from './position-risk.js';
import { resolveAccount, type ResolvedAccount } from './resolve-schedules.js';
import { sortRiskiestFirst } from './riskiest-first.js';
import { nearerUniformMove, uniformMoveFromRoots, uniformMoveToLiquidation } from './uniform-move.js';
import { totalConversions } from './total-conversions.js';

export interface MarginContext {
  /** Tier tables in force: bundled defaults overlaid with the user's `--tiers`. */
  readonly tierBook: TierBook;
  readonly allocation: AllocationPolicy;
  /**
   * How a pool's uniform move is searched when its own symbol search does not give it: `exact`
   * (default) both sides; `verdict` only as far as the verdict's distance lens reads it,
   * min(down, up) (uniform-move.ts's nearerUniformMove: the farther side may be null). For a
   * caller that shows no pool's or mode's uniform move, only the verdict (the evaluate CSV).
   */
  readonly uniformMoves?: 'exact' | 'verdict';
}

function minMove(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}

/**
 * Could `pool` have appeared, with the same contents, in an earlier mode of the account? Cross
 * pools and the isolated pool of a row isolated in the export may; a former cross row's isolated
 * pool never does (so it is neither looked up nor kept).
 */
function mayRepeat(pool: Pool): boolean {
  return pool.marginMode === 'cross' || pool.members[0]?.position.marginMode === 'isolated';
}

/**
 * A pool's symbols and each one's search (health roots and liquidation price), reused by every
 * pool of several members: a pool holds few symbols, so a scan of these arrays finds a symbol's
 * search for less than a Map per pool cost. evaluatePool is never re-entered.
 */
const searches = { symbols: [] as string[], roots: [] as HealthRoots[], prices: [] as (number | null)[], count: 0 };

/** Beyond this many symbols a pool's searches are also found through a Map. */
const SYMBOL_SCAN_LIMIT = 16;

/** The slot of `symbol` among the pool's searches so far, or -1. */
function searchSlot(symbol: string, bySymbol: Map<string, number> | null): number {
  if (bySymbol !== null) return bySymbol.get(symbol) ?? -1;
  const symbols = searches.symbols;
  for (let i = 0; i < searches.count; i++) if (symbols[i] === symbol) return i;
  return -1;
}

/** Forget the last pool's searches (their roots are not held past it). */
function clearSearches(): void {
  for (let i = 0; i < searches.count; i++) searches.roots[i] = null as unknown as HealthRoots;
  searches.count = 0;
}

/**
 * One pool at the marks: equity = collateral + Σ PnL and maintenance = Σ MM over its members
 * (pool-health.ts's sums, in member order, from the same per-member terms its positions show),
 * each position's liquidation price, and the pool's uniform move. Its positions are appended to
 * `positions` (the mode's list), in member order. A pool an earlier mode evaluated with the same
 * contents gives that evaluation back, its position objects included (repeated-pools.ts);
 * `lookUp`: an earlier mode was evaluated; `nearerMove`: a uniform move searched on its own is
 * nearerUniformMove's (MarginContext.uniformMoves 'verdict').
 */
function evaluatePool(pool: Pool, earlierPools: AccountPoolEvaluations, lookUp: boolean, nearerMove: boolean, positions: PositionEvaluation[]): PoolEvaluation {
  const repeats = mayRepeat(pool);
  const earlier = repeats && lookUp ? earlierPools.find(pool) : -1;
  if (earlier >= 0) {
    earlierPools.pushPositions(earlier, positions);
    return earlierPools.evaluation(earlier);
  }
  const collateral = poolCollateral(pool);
  let equity = collateral;
  let maintenance = 0;
  const members = pool.members;
  const from = positions.length;
  // One search per symbol: by symbol when the pool holds several members (a cross pool), none to
  // look up when it holds one (an isolated pool).
  const several = members.length > 1;
  let bySymbol: Map<string, number> | null = null;
  if (several) searches.count = 0;
  let firstRoots: HealthRoots | undefined;
  let symbols = 0;
  const positionIds: string[] = new Array<string>(members.length);
  for (let i = 0; i < members.length; i++) {
    const { position: p, schedule } = members[i]!;
    let lp: number | null;
    let slot = several ? searchSlot(p.symbol, bySymbol) : -1;
    if (slot >= 0) lp = searches.prices[slot]!;
    else {
      const roots = liquidationRoots(pool, p.symbol);
      lp = priceAtRoots(pool, p.symbol, roots);
      if (symbols++ === 0) firstRoots = roots;
      if (several) {
        slot = searches.count++;
        searches.symbols[slot] = p.symbol;
        searches.roots[slot] = roots;
        searches.prices[slot] = lp;
        if (bySymbol !== null) bySymbol.set(p.symbol, slot);
        else if (searches.count > SYMBOL_SCAN_LIMIT) {
          bySymbol = new Map();
          for (let k = 0; k < searches.count; k++) bySymbol.set(searches.symbols[k]!, k);
        }
      }
    }
    const unrealizedPnl = unrealizedPnlSettlement(p, p.markPrice);
    const maintenanceMargin = maintenanceMarginSettlement(p, schedule, p.markPrice);
    equity += unrealizedPnl;
    maintenance += maintenanceMargin;
    positionIds[i] = p.positionId;
    positions.push({
      positionId: p.positionId,
      symbol: p.symbol,
      side: p.side,
      size: p.size,
      instrument: p.instrument,
      venue: p.venue,
      marginMode: pool.marginMode,
      asset: pool.asset,
      entryPrice: p.entryPrice,
      markPrice: p.markPrice,
      notional: notionalSettlement(p, p.markPrice),
      margin: collateral,
      unrealizedPnl,
      maintenanceMargin,
      leverage: p.leverage ?? schedule.defaultLeverage,
      liquidationPrice: lp,
      distanceToLiquidation: lp === null ? null : lp / p.markPrice - 1,
      poolId: pool.poolId,
    });
  }
  if (several) clearSearches();
  // One symbol and no other collateral: the symbol's search already is the uniform move.
  const uniformMove =
    symbols === 1 && pool.assetCollateral.length === 0 ? uniformMoveFromRoots(firstRoots!) : nearerMove ? nearerUniformMove(pool) : uniformMoveToLiquidation(pool);
  const evaluation: PoolEvaluation = {
    poolId: pool.poolId,
    marginMode: pool.marginMode,
    asset: pool.asset,
    positionIds,
    collateral,
    equity,
    maintenanceMargin: maintenance,
    marginRatio: equity > 0 ? maintenance / equity : null,
    liquidatable: equity <= maintenance,
    uniformMoveToLiquidation: uniformMove,
  };
  if (repeats) earlierPools.keep(pool, evaluation, positions, from);
  return evaluation;
}

const NO_COLLATERAL: readonly AssetCollateral[] = Object.freeze([]);

/** The mode's non-settlement collateral: the pools', in pool order, then what no pool takes. */
function heldCollateral(built: ModePools): readonly AssetCollateral[] {
  let any = built.freeAssetCollateral.length > 0;
  for (const pool of built.pools) if (pool.assetCollateral.length > 0) any = true;
  if (!any) return NO_COLLATERAL;
  const held: AssetCollateral[] = [];
  for (const pool of built.pools) for (const c of pool.assetCollateral) held.push(c);
  for (const c of built.freeAssetCollateral) held.push(c);
  return held;
}

/** Quote value of one unit of `asset` in a mode quoted in `quoteAsset`; null when no price is known. */
function assetRate(asset: string, quoteAsset: string, positionsAll: readonly Position[], collateral: AccountCollateral): number | null {
  return asset === quoteAsset ? 1 : (markOfAsset(positionsAll, asset) ?? (collateral.primaryLinearAsset === null ? null : asset.startsWith('USD') ? 1 : null));
}

/** The running totals of a mode's free collateral (reused: evaluateMode is never re-entered). */
const freeTotals = { quote: 0, native: 0 };

/** Count one item of free collateral into `freeTotals` and `assets`, or warn that it has no price. */
function addFree(mode: ModeName, asset: string, value: number, price: number | null, assets: string[], warnings: string[]): void {
  if (value === 0) return;
  if (price === null) {
    warnings.push(`${mode} mode: ${value} ${asset} backs no pool and has no price; left out of the totals`);
    return;
  }
  if (!assets.includes(asset)) assets.push(asset);
  freeTotals.quote += value * price;
  freeTotals.native += value;
}

/**
 * The mode's evaluation; its warnings (the build's, then its own) are appended to `warnings`.
 * `nearerMoves`: its pools' uniform moves as far as the verdict reads them (evaluatePool).
 */
function evaluateMode(
  mode: ModeName,
  built: ModePools,
  resolved: ResolvedAccount,
  collateral: AccountCollateral,
  earlierPools: AccountPoolEvaluations,
  nearerMoves: boolean,
  warnings: string[],
): ModeEvaluation {
  const positionsAll = resolved.book.positions;
  const quoteAsset = collateral.primaryLinearAsset ?? positionsAll[0]?.quoteAsset ?? 'USD';
  for (const w of built.warnings) warnings.push(w);
  const lookUp = mode !== 'exported';
  const pools: PoolEvaluation[] = [];
  const positions: PositionEvaluation[] = [];
  // The assets counted, in order of first appearance (a Set's order; an account holds few).
  const assets: string[] = [];
  let equityQuote = 0;
  let maintenanceQuote = 0;
  let moveDown: number | null = null;
  let moveUp: number | null = null;
  let liquidatable = false;
  for (const pool of built.pools) {
    const evaluated = evaluatePool(pool, earlierPools, lookUp, nearerMoves, positions);
    pools.push(evaluated);
    if (!assets.includes(pool.asset)) assets.push(pool.asset);
    const r = assetRate(pool.asset, quoteAsset, positionsAll, collateral) ?? 0;
    equityQuote += evaluated.equity * r;
    maintenanceQuote += evaluated.maintenanceMargin * r;
    moveDown = minMove(moveDown, evaluated.uniformMoveToLiquidation.down);
    moveUp = minMove(moveUp, evaluated.uniformMoveToLiquidation.up);
    if (evaluated.liquidatable) liquidatable = true;
  }
  // Collateral backing no pool: the wallet's free balances, the non-settlement collateral no pool
  // takes, the idle balances (in that order).
  freeTotals.quote = 0;
  freeTotals.native = 0;
  for (const f of built.free) addFree(mode, f.asset, f.amount, assetRate(f.asset, quoteAsset, positionsAll, collateral), assets, warnings);
  for (const c of built.freeAssetCollateral) addFree(mode, c.asset, c.amount, c.priceSettlement * (1 - c.haircut), assets, warnings);
  for (const c of collateral.idle) addFree(mode, c.asset, c.amount, c.priceQuote ?? assetRate(c.asset, quoteAsset, positionsAll, collateral), assets, warnings);
  const freeQuote = freeTotals.quote;
  const freeNative = freeTotals.native;
  sortRiskiestFirst(positions);
  const single = assets.length <= 1 ? (assets[0] ?? quoteAsset) : null;
  const asset = single ?? quoteAsset;
  const nativeRate = single === null ? 1 : (assetRate(single, quoteAsset, positionsAll, collateral) ?? 1);
  const equityTotal = single === null ? equityQuote + freeQuote : (equityQuote + freeQuote) / nativeRate;
  const maintenanceTotal = single === null ? maintenanceQuote : maintenanceQuote / nativeRate;
  const held = heldCollateral(built);
  // Nothing to convert when every amount is in the totals' asset and no collateral is held.
  const conversions =
    held.length === 0 && (assets.length === 0 || (assets.length === 1 && assets[0] === asset))
      ? []
      : totalConversions(asset, assets, held, collateral.primaryLinearAsset, (a) => assetRate(a, quoteAsset, positionsAll, collateral));
  return {
    mode,
    asset,
    equity: equityTotal,
    maintenanceMargin: maintenanceTotal,
    marginRatio: equityTotal > 0 ? maintenanceTotal / equityTotal : null,
    quoteAsset,
    equityQuote: equityQuote + freeQuote,
    maintenanceMarginQuote: maintenanceQuote,
    freeBalance: single === null ? freeQuote : freeNative,
    conversions,
    liquidatable,
    uniformMoveToLiquidation: { down: moveDown, up: moveUp } satisfies UniformMove,
    pools,
    positions,
  };
}

/** The venues of `book`'s positions, in order of first appearance. */
function venuesOf(book: AccountBook): string[] {
  const venues: string[] = [];
  for (const p of book.positions) if (!venues.includes(p.venue)) venues.push(p.venue);
  return venues;
}

/** The evaluated pools of the account being evaluated (evaluateAccount is never re-entered). */
const earlierPools = new AccountPoolEvaluations();

/**
 * Evaluate one account in all three modes. Returns Issues (and no evaluation) when a position's
 * symbol has no tier table or a collateral asset has no price.
 */
export function evaluateAccount(book: AccountBook, context: MarginContext): { evaluation: AccountEvaluation | null; issues: Issue[] } {
  const { resolved, issues } = resolveAccount(book, context.tierBook);
  const { collateral, issues: collateralIssues } = accountCollateral(book.positions, book.balances);
  issues.push(...collateralIssues);
  if (resolved === null || issues.length > 0) return { evaluation: null, issues };
  const warnings: string[] = [];
  // Most accounts trade on one venue: their venues are listed only when a second one appears.
  const firstVenue = book.positions[0]?.venue;
  let oneVenue = true;
  for (const p of book.positions) if (p.venue !== firstVenue) oneVenue = false;
  if (!oneVenue) {
    const venues = venuesOf(book);
    warnings.push(`positions on ${venues.length} venues (${venues.join(', ')}) share this account's pools; venues keep separate wallets, so split them into accounts for exact results`);
  }
  // Modes in order (exported, isolated, cross): a pool repeated from an earlier mode reuses its evaluation.
  earlierPools.reset();
  const built = buildAllModePools(resolved, collateral, context.allocation);
  const nearerMoves = context.uniformMoves === 'verdict';
  const exported = evaluateMode('exported', built.exported, resolved, collateral, earlierPools, nearerMoves, warnings);
  const isolated = evaluateMode('isolated', built.isolated, resolved, collateral, earlierPools, nearerMoves, warnings);
  const cross = evaluateMode('cross', built.cross, resolved, collateral, earlierPools, nearerMoves, warnings);
  earlierPools.reset();
  return {
    evaluation: {
      account: book.account,
      modes: { exported, isolated, cross },
      allocation: built.isolated.allocation,
      allocationPolicy: context.allocation,
      warnings,
    },
    issues: [],
  };
}
