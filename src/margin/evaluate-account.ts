// Point-in-time evaluation of one account in the three margin modes side by side: pools, their
// equity against maintenance, each position's liquidation price and distance, and the uniform
// move of all marks that liquidates. The readable reference the fast kernel is checked against.

import type { AccountBook } from '../domain/account-book.js';
import type { Issue } from '../domain/issue.js';
import type { TierBook } from '../venues/tier-book.js';
import { accountCollateral, markOfAsset, type AccountCollateral } from './account-collateral.js';
import {
  MODE_NAMES,
  type AccountEvaluation,
  type AllocationPolicy,
  type ModeEvaluation,
  type ModeName,
  type PoolEvaluation,
  type PositionEvaluation,
  type UniformMove,
} from './evaluation.js';
import { liquidationPriceSearch, type PriceSearch } from './liquidation-price.js';
import { buildAllModePools, type ModePools } from './mode-pools.js';
import { AccountPoolEvaluations } from './repeated-pools.js';
import type { AssetCollateral, Pool } from './pool.js';
import { poolCollateral } from './pool-health.js';
import { maintenanceMarginSettlement, notionalSettlement, unrealizedPnlSettlement } from './position-risk.js';
import { resolveAccount, type ResolvedAccount } from './resolve-schedules.js';
import { sortRiskiestFirst } from './riskiest-first.js';
import { uniformMoveFromRoots, uniformMoveToLiquidation } from './uniform-move.js';
import { totalConversions } from './total-conversions.js';

export interface MarginContext {
  /** Tier tables in force: bundled defaults overlaid with the user's `--tiers`. */
  readonly tierBook: TierBook;
  readonly allocation: AllocationPolicy;
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
 * One pool at the marks: equity = collateral + Σ PnL and maintenance = Σ MM over its members
 * (pool-health.ts's sums, in member order, from the same per-member terms its positions show),
 * each position's liquidation price, and the pool's uniform move. Its positions are appended to
 * `positions` (the mode's list), in member order. A pool an earlier mode evaluated with the same
 * contents gives that evaluation back, its position objects included (repeated-pools.ts).
 */
function evaluatePool(pool: Pool, earlierPools: AccountPoolEvaluations, positions: PositionEvaluation[]): PoolEvaluation {
  const repeats = mayRepeat(pool);
  const earlier = repeats ? earlierPools.find(pool) : undefined;
  if (earlier !== undefined) {
    for (const p of earlier.positions) positions.push(p);
    return earlier.evaluation;
  }
  const collateral = poolCollateral(pool);
  let equity = collateral;
  let maintenance = 0;
  const members = pool.members;
  const from = positions.length;
  // One search per symbol: by symbol when the pool holds several members (a cross pool), none to
  // look up when it holds one (an isolated pool).
  const searches = members.length > 1 ? new Map<string, PriceSearch>() : null;
  let firstSearch: PriceSearch | undefined;
  let symbols = 0;
  const positionIds: string[] = new Array<string>(members.length);
  for (let i = 0; i < members.length; i++) {
    const { position: p, schedule } = members[i]!;
    let search = searches?.get(p.symbol);
    if (search === undefined) {
      search = liquidationPriceSearch(pool, p.symbol);
      searches?.set(p.symbol, search);
      if (symbols++ === 0) firstSearch = search;
    }
    const lp = search.price;
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
  // One symbol and no other collateral: the symbol's search already is the uniform move.
  const uniformMove = symbols === 1 && pool.assetCollateral.length === 0 ? uniformMoveFromRoots(firstSearch!.roots) : uniformMoveToLiquidation(pool);
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
  if (repeats) earlierPools.keep({ pool, evaluation, positions: positions.slice(from) });
  return evaluation;
}

/** The mode's non-settlement collateral: the pools', in pool order, then what no pool takes. */
function heldCollateral(built: ModePools): AssetCollateral[] {
  const held: AssetCollateral[] = [];
  for (const pool of built.pools) for (const c of pool.assetCollateral) held.push(c);
  for (const c of built.freeAssetCollateral) held.push(c);
  return held;
}

function evaluateMode(mode: ModeName, built: ModePools, resolved: ResolvedAccount, collateral: AccountCollateral, earlierPools: AccountPoolEvaluations) {
  const positionsAll = resolved.book.positions;
  const quoteAsset = collateral.primaryLinearAsset ?? positionsAll[0]?.quoteAsset ?? 'USD';
  const warnings = [...built.warnings];
  /** Quote value of one unit of `asset`; null when no price is known. */
  const rate = (asset: string): number | null =>
    asset === quoteAsset ? 1 : (markOfAsset(positionsAll, asset) ?? (collateral.primaryLinearAsset === null ? null : asset.startsWith('USD') ? 1 : null));
  const pools: PoolEvaluation[] = [];
  const positions: PositionEvaluation[] = [];
  const assets = new Set<string>();
  let equityQuote = 0;
  let maintenanceQuote = 0;
  let freeQuote = 0;
  let moveDown: number | null = null;
  let moveUp: number | null = null;
  for (const pool of built.pools) {
    const evaluated = evaluatePool(pool, earlierPools, positions);
    pools.push(evaluated);
    assets.add(pool.asset);
    const r = rate(pool.asset) ?? 0;
    equityQuote += evaluated.equity * r;
    maintenanceQuote += evaluated.maintenanceMargin * r;
    moveDown = minMove(moveDown, evaluated.uniformMoveToLiquidation.down);
    moveUp = minMove(moveUp, evaluated.uniformMoveToLiquidation.up);
  }
  // Collateral backing no pool: the wallet's free balances, the non-settlement collateral no pool
  // takes, the idle balances (in that order).
  const freeItems: { asset: string; value: number; price: number | null }[] = [];
  for (const f of built.free) freeItems.push({ asset: f.asset, value: f.amount, price: rate(f.asset) });
  for (const c of built.freeAssetCollateral) freeItems.push({ asset: c.asset, value: c.amount, price: c.priceSettlement * (1 - c.haircut) });
  for (const c of collateral.idle) freeItems.push({ asset: c.asset, value: c.amount, price: c.priceQuote ?? rate(c.asset) });
  let freeNative = 0;
  for (const f of freeItems) {
    if (f.value === 0) continue;
    if (f.price === null) {
      warnings.push(`${mode} mode: ${f.value} ${f.asset} backs no pool and has no price; left out of the totals`);
      continue;
    }
    assets.add(f.asset);
    freeQuote += f.value * f.price;
    freeNative += f.value;
  }
  sortRiskiestFirst(positions);
  const single = assets.size <= 1 ? (assets.values().next().value ?? quoteAsset) : null;
  const asset = single ?? quoteAsset;
  const nativeRate = single === null ? 1 : (rate(single) ?? 1);
  const equityTotal = single === null ? equityQuote + freeQuote : (equityQuote + freeQuote) / nativeRate;
  const maintenanceTotal = single === null ? maintenanceQuote : maintenanceQuote / nativeRate;
  const evaluation: ModeEvaluation = {
    mode,
    asset,
    equity: equityTotal,
    maintenanceMargin: maintenanceTotal,
    marginRatio: equityTotal > 0 ? maintenanceTotal / equityTotal : null,
    quoteAsset,
    equityQuote: equityQuote + freeQuote,
    maintenanceMarginQuote: maintenanceQuote,
    freeBalance: single === null ? freeQuote : freeNative,
    conversions: totalConversions(asset, assets, heldCollateral(built), collateral.primaryLinearAsset, rate),
    liquidatable: pools.some((p) => p.liquidatable),
    uniformMoveToLiquidation: { down: moveDown, up: moveUp } satisfies UniformMove,
    pools,
    positions,
  };
  return { evaluation, allocation: built.allocation, warnings };
}

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
  const venues = new Set(book.positions.map((p) => p.venue));
  if (venues.size > 1) {
    warnings.push(`positions on ${venues.size} venues (${[...venues].join(', ')}) share this account's pools; venues keep separate wallets, so split them into accounts for exact results`);
  }
  // Modes in order (exported, isolated, cross): a pool repeated from an earlier mode reuses its evaluation.
  const earlierPools = new AccountPoolEvaluations();
  const built = buildAllModePools(resolved, collateral, context.allocation);
  const results = {
    exported: evaluateMode('exported', built.exported, resolved, collateral, earlierPools),
    isolated: evaluateMode('isolated', built.isolated, resolved, collateral, earlierPools),
    cross: evaluateMode('cross', built.cross, resolved, collateral, earlierPools),
  };
  for (const mode of MODE_NAMES) for (const warning of results[mode].warnings) warnings.push(warning);
  return {
    evaluation: {
      account: book.account,
      modes: { exported: results.exported.evaluation, isolated: results.isolated.evaluation, cross: results.cross.evaluation },
      allocation: results.isolated.allocation,
      allocationPolicy: context.allocation,
      warnings,
    },
    issues: [],
  };
}
