// `evaluate --shock`: the evaluation re-run at shocked marks. For each scenario every position's
// mark moves by its base asset's move (BTCUSDT, BTC-PERPETUAL and BTCUSD all follow `BTC=`), and
// so does collateral held in that asset; then each mode's pools — as they stand today, with the
// isolated margins allocated at today's marks — are valued at the new prices (the reference
// arithmetic of margin/pool-valuation.ts): equity, maintenance margin, margin ratio, which pools
// are liquidated, the loss and the bad debt (see results/scenario-shock-result.ts).
//
//   ScenarioShocks.account(book, context) → AccountShock[] (one per scenario, in order)
//   ScenarioShocks.unknownAssets()        → the scenario assets no evaluated account holds

import type { AccountBook } from '../domain/account-book.js';
import { markOfAsset } from '../margin/account-collateral.js';
import type { MarginContext } from '../margin/evaluate-account.js';
import { MODE_NAMES, type ModeName } from '../margin/evaluation.js';
import type { ModePools } from '../margin/mode-pools.js';
import { poolValuationAtFactors, UNMOVED, type AssetFactor } from '../margin/pool-valuation.js';
import { unrealizedPnlSettlement, maintenanceMarginSettlement } from '../margin/position-risk.js';
import { modePoolsOf, prepareAccountOrThrow, type PreparedAccount } from '../margin/prepared-account.js';
import type { AccountShock, ShockedMode, ShockedPool, ShockedPosition } from '../results/scenario-shock-result.js';
import { shockFactor, shockMove, type AssetMove, type ShockScenario } from '../scenarios/shocks/shock-scenario.js';

/** One amount of a mode's total: native units of `asset`, now and after the shock. */
interface TotalItem {
  readonly asset: string;
  readonly before: number;
  readonly after: number;
}

function shockedPool(pool: ModePools['pools'][number], factor: AssetFactor, moveOf: (asset: string) => number): { pool: ShockedPool; positions: ShockedPosition[] } {
  const before = poolValuationAtFactors(pool, UNMOVED);
  const after = poolValuationAtFactors(pool, factor);
  const positions = pool.members.map(({ position: p, schedule }): ShockedPosition => {
    const f = factor(p.baseAsset);
    const price = p.markPrice * f;
    return {
      positionId: p.positionId,
      symbol: p.symbol,
      asset: pool.asset,
      markPrice: p.markPrice,
      shockedPrice: price,
      move: moveOf(p.baseAsset),
      unrealizedPnl: unrealizedPnlSettlement(p, price),
      maintenanceMargin: maintenanceMarginSettlement(p, schedule, price),
      liquidated: after.liquidatable,
      poolId: pool.poolId,
    };
  });
  return {
    pool: {
      poolId: pool.poolId,
      asset: pool.asset,
      equityBefore: before.equity,
      equity: after.equity,
      maintenanceMargin: after.maintenance,
      marginRatio: after.equity > 0 ? after.maintenance / after.equity : null,
      liquidated: after.liquidatable,
      loss: Math.max(before.equity, 0) - Math.max(after.equity, 0),
      badDebt: Math.max(-after.equity, 0),
    },
    positions,
  };
}

/** One mode of one account under one scenario; totals as `evaluate` forms them, at the shocked rates. */
function shockedMode(mode: ModeName, account: PreparedAccount, built: ModePools, scenario: ShockScenario): ShockedMode {
  const factor: AssetFactor = (asset) => shockFactor(scenario, asset);
  const positionsAll = account.resolved.book.positions;
  const collateral = account.collateral;
  const quoteAsset = collateral.primaryLinearAsset ?? positionsAll[0]?.quoteAsset ?? 'USD';
  const idlePrice = new Map(collateral.idle.map((c) => [c.asset, c.priceQuote]));
  const rateNow = (asset: string): number =>
    asset === quoteAsset ? 1 : (markOfAsset(positionsAll, asset) ?? idlePrice.get(asset) ?? (collateral.primaryLinearAsset !== null && asset.startsWith('USD') ? 1 : 0));
  const pools: ShockedPool[] = [];
  const positions: ShockedPosition[] = [];
  const poolItems: TotalItem[] = [];
  const flooredItems: TotalItem[] = [];
  const maintenanceItems: TotalItem[] = [];
  for (const pool of built.pools) {
    const shocked = shockedPool(pool, factor, (asset) => shockMove(scenario, asset));
    pools.push(shocked.pool);
    positions.push(...shocked.positions);
    poolItems.push({ asset: pool.asset, before: shocked.pool.equityBefore, after: shocked.pool.equity });
    flooredItems.push({ asset: pool.asset, before: Math.max(shocked.pool.equityBefore, 0), after: Math.max(shocked.pool.equity, 0) });
    maintenanceItems.push({ asset: pool.asset, before: 0, after: shocked.pool.maintenanceMargin });
  }
  const items: TotalItem[] = [];
  for (const f of built.free) items.push({ asset: f.asset, before: f.amount, after: f.amount });
  const settlement = collateral.primaryLinearAsset ?? quoteAsset;
  for (const c of built.freeAssetCollateral) {
    const now = c.amount * c.priceSettlement * (1 - c.haircut);
    items.push({ asset: settlement, before: now, after: now * factor(c.asset) });
  }
  for (const c of collateral.idle) items.push({ asset: c.asset, before: c.amount, after: c.amount });
  const assets = new Set(items.filter((i) => i.before !== 0 || i.after !== 0).map((i) => i.asset));
  // Free collateral is the same in both sums; pools count raw for equity, floored at zero for the loss.
  for (const p of pools) assets.add(p.asset);
  const single = assets.size <= 1 ? ([...assets][0] ?? quoteAsset) : null;
  // One asset: native sums. Several: the quote currency, each asset at its rate now and after the shock.
  const sum = (list: readonly TotalItem[], which: 'before' | 'after'): number =>
    list.reduce((s, i) => s + i[which] * (single !== null ? 1 : rateNow(i.asset) * (which === 'after' ? factor(i.asset) : 1)), 0);
  const equityBefore = sum([...poolItems, ...items], 'before');
  const equity = sum([...poolItems, ...items], 'after');
  const maintenance = sum(maintenanceItems, 'after');
  const loss = sum([...flooredItems, ...items], 'before') - sum([...flooredItems, ...items], 'after');
  const badDebt = sum(pools.map((p) => ({ asset: p.asset, before: 0, after: p.badDebt })), 'after');
  return {
    mode,
    asset: single ?? quoteAsset,
    equityBefore,
    equity,
    maintenanceMargin: maintenance,
    marginRatio: equity > 0 ? maintenance / equity : null,
    liquidated: pools.some((p) => p.liquidated),
    liquidatedPositions: positions.filter((p) => p.liquidated).map((p) => p.positionId),
    loss,
    badDebt,
    pools,
    positions,
  };
}

/** A scenario asset no evaluated account holds, with where it was written. */
export interface UnknownShockAsset {
  readonly scenario: ShockScenario;
  readonly move: AssetMove;
}

/** The scenarios of one run, applied account by account; remembers the assets it has seen. */
export class ScenarioShocks {
  private readonly seen = new Set<string>();

  constructor(readonly scenarios: readonly ShockScenario[]) {}

  /** Every scenario applied to `book` (already evaluated under `context`, so it resolves). */
  account(book: AccountBook, context: MarginContext): AccountShock[] {
    for (const p of book.positions) this.seen.add(p.baseAsset);
    for (const b of book.balances) this.seen.add(b.asset);
    if (this.scenarios.length === 0) return [];
    const account = prepareAccountOrThrow(book, context, 'ScenarioShocks.account');
    const built = Object.fromEntries(MODE_NAMES.map((mode) => [mode, modePoolsOf(account, mode)])) as Record<ModeName, ModePools>;
    return this.scenarios.map((scenario) => ({
      scenario,
      modes: {
        exported: shockedMode('exported', account, built.exported, scenario),
        isolated: shockedMode('isolated', account, built.isolated, scenario),
        cross: shockedMode('cross', account, built.cross, scenario),
      },
    }));
  }

  /** Named assets that no account passed to `account` holds (a position's base asset or collateral). */
  unknownAssets(): UnknownShockAsset[] {
    return this.scenarios.flatMap((scenario) => scenario.moves.filter((m) => !this.seen.has(m.asset)).map((move) => ({ scenario, move })));
  }

  /** The assets seen so far, sorted, for messages. */
  knownAssets(): string[] {
    return [...this.seen].sort();
  }
}
