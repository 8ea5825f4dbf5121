// The readable reference of the path kernel: one path's outcome in the three modes, computed on
// objects with the margin/ functions (pool equity and maintenance from pool-health.ts, exact
// thresholds from health-roots.ts, bridge probabilities from scenarios/monitoring), slowly and
// obviously. Every mode is computed on its own (no copying of identical modes) and every pool
// on its own over the whole path (pools never interact). The kernel must agree with it: same
// liquidation steps, same losses (test/kernel/differential.test.ts).
//
// The monitoring semantics it spells out are the kernel's (see path-kernel.ts): barrier pools
// against exact thresholds with the Brownian-bridge crossing probability, gradient pools with
// the bridge on their linearised health, one uniform per threshold keyed by what it is for, and
// liquidations executed as in liquidate-pool.ts.

import type { Position } from '../domain/position.js';
import { sideSign } from '../domain/position.js';
import type { AccountCollateral } from '../margin/account-collateral.js';
import { markOfAsset } from '../margin/account-collateral.js';
import { MODE_NAMES, type AllocationPolicy, type ModeName } from '../margin/evaluation.js';
import { healthRoots } from '../margin/health-roots.js';
import { buildModePools } from '../margin/mode-pools.js';
import type { AssetCollateral, Pool, PoolMember } from '../margin/pool.js';
import { poolEquity, poolMaintenance } from '../margin/pool-health.js';
import { bracketIndex, maintenanceMarginSettlement, notionalSettlement, unrealizedPnlSettlement } from '../margin/position-risk.js';
import type { ResolvedAccount } from '../margin/resolve-schedules.js';
import { bridgeCrossLowerProbability, bridgeCrossUpperProbability } from '../scenarios/monitoring/brownian-bridge.js';
import { venueProfile } from '../venues/registry.js';
import type { PathLayout } from './kernel-context.js';
import type { KernelOptions } from './kernel-options.js';
import { KEY_ASSET_LOWER, KEY_ASSET_UPPER, KEY_CROSS_EVENT, KEY_ISOLATED_EVENT, KEY_WALLET, keyedUniform } from './keyed-uniform.js';
import { DUST_FRACTION, MAX_SLICES } from './liquidate-pool.js';
import { MAX_EVENTS_PER_STEP } from './barrier-pools.js';

export interface ReferenceRun {
  readonly resolved: ResolvedAccount;
  readonly collateral: AccountCollateral;
  readonly policy: AllocationPolicy;
  readonly options: KernelOptions;
  readonly layout: PathLayout;
}

/** One path in the layout's columns, with its two monitoring words. */
export interface ReferencePathInput {
  readonly logReturns: Float64Array;
  readonly stepVarianceScale: Float64Array;
  readonly barLow?: Float64Array;
  readonly barHigh?: Float64Array;
  readonly word0: number;
  readonly word1: number;
}

export interface ReferencePositionOutcome {
  readonly liquidationStep: number;
  readonly pnlAtLiquidation: number;
  readonly loss: number;
}

export interface ReferenceModeOutcome {
  readonly loss: number;
  readonly badDebt: number;
  readonly firstStep: number;
  readonly positions: ReadonlyMap<string, ReferencePositionOutcome>;
}

/** A pool member as the path changes it. */
interface LiveMember {
  readonly position: Position;
  readonly schedule: PoolMember['schedule'];
  /** Current size (base units or contracts), shrinking with partial liquidations. */
  size: number;
  realized: number;
  liquidationStep: number;
  pnlAtLiquidation: number;
  badDebt: number;
}

interface LivePool {
  readonly pool: Pool;
  readonly members: LiveMember[];
  readonly eventKey: number;
  cash: number;
  collateralHeld: boolean;
  alive: boolean;
  badDebt: number;
  liquidationStep: number;
  events: number;
  /** The one asset the pool depends on (barrier pool), or null (gradient pool). */
  readonly barrierAsset: string | null;
  low: number;
  high: number;
  survivalLow: number;
  survivalHigh: number;
  thresholdLow: number;
  thresholdHigh: number;
  healthPrev: number;
  gradientPrev: number[];
}

/** Prices of the path at one point: asset name → price factor (mark multiplier). */
type Factors = ReadonlyMap<string, number>;

interface Setting {
  readonly run: ReferenceRun;
  readonly assets: readonly string[];
  /** cumulative[k][a]: cumulative log return of asset a after k steps. */
  readonly cumulative: readonly number[][];
  readonly input: ReferencePathInput;
  readonly bridge: boolean;
}

function factorsAt(assets: readonly string[], logs: readonly number[]): Map<string, number> {
  return new Map(assets.map((a, i) => [a, Math.exp(logs[i]!)]));
}

/** The pool as it stands, with prices of moving collateral scaled to `factors`. */
function poolNow(live: LivePool, factors: Factors): Pool {
  const collateral: AssetCollateral[] = live.collateralHeld
    ? live.pool.assetCollateral.map((c) => ({ ...c, priceSettlement: c.priceSettlement * (factors.get(c.asset) ?? 1) }))
    : [];
  const members = live.members.filter((m) => m.size > 0).map((m) => ({ position: { ...m.position, size: m.size }, schedule: m.schedule }));
  return { ...live.pool, cashCollateral: live.cash, assetCollateral: collateral, members };
}

function priceOf(factors: Factors): (m: PoolMember) => number {
  return (m) => m.position.markPrice * factors.get(m.position.baseAsset)!;
}

function healthAt(live: LivePool, factors: Factors): { health: number; equity: number; maintenance: number } {
  const pool = poolNow(live, factors);
  const equity = poolEquity(pool, priceOf(factors));
  const maintenance = poolMaintenance(pool, priceOf(factors));
  return { health: equity - maintenance, equity, maintenance };
}

/** ∂h/∂ln(S_a) for every asset, from the derivatives of PnL and maintenance (see pool-health-kernel.ts). */
function gradientAt(live: LivePool, factors: Factors, assets: readonly string[]): number[] {
  const g = assets.map(() => 0);
  if (live.collateralHeld) {
    for (const c of live.pool.assetCollateral) {
      const a = assets.indexOf(c.asset);
      if (a >= 0) g[a]! += c.amount * c.priceSettlement * (1 - c.haircut) * factors.get(c.asset)!;
    }
  }
  for (const m of live.members) {
    if (m.size <= 0) continue;
    const p = { ...m.position, size: m.size };
    const price = p.markPrice * factors.get(p.baseAsset)!;
    const a = assets.indexOf(p.baseAsset);
    const s = m.schedule;
    const q = p.size * p.contractSize;
    const sign = sideSign(p.side);
    const notional = notionalSettlement(p, s.notionalBasis === 'entry' ? p.entryPrice : price);
    const b = s.bracketsOn === 'notional' ? bracketIndex(s.floors, notional) : 0;
    const slope = s.notionalBasis === 'entry' ? 0 : (notional * s.rates[b]! - s.amounts[b]! > 0 ? s.rates[b]! : 0) + s.feeReserveRate;
    if (p.instrument === 'linear') g[a]! += sign * q * price - slope * notional;
    else g[a]! += (sign * q) / price + slope * notional;
  }
  return g;
}

/** Step covariance of the book assets, scaled by the step's variance factor. */
function covarianceOf(setting: Setting, scale: number): number[][] {
  const { layout } = setting.run;
  const cols = setting.assets.map((a) => layout.assets.indexOf(a));
  return cols.map((ca) =>
    cols.map((cb) => {
      const rho = ca === cb ? 1 : layout.correlation === null ? 0 : layout.correlation[ca * layout.assets.length + cb]!;
      return rho * Math.sqrt(layout.stepVariance[ca]!) * Math.sqrt(layout.stepVariance[cb]!) * scale;
    }),
  );
}

/** Liquidate at `factors` in `step` (liquidate-pool.ts, spelled out). Returns true if it survives. */
function liquidate(setting: Setting, live: LivePool, factors: Factors, step: number, closeAll = false): boolean {
  const slippage = setting.run.options.slippageBps / 10_000;
  if (live.liquidationStep < 0) live.liquidationStep = step;
  let backstop = 0;
  for (const m of live.members) {
    if (m.size <= 0) continue;
    if (m.liquidationStep < 0) {
      m.liquidationStep = step;
      m.pnlAtLiquidation = unrealizedPnlSettlement({ ...m.position, size: m.size }, m.position.markPrice * factors.get(m.position.baseAsset)!);
    }
    backstop = Math.max(backstop, venueProfile(m.position.venue).liquidation.backstopEquityFraction);
  }
  for (let slice = 0; ; slice++) {
    const { health, equity, maintenance } = healthAt(live, factors);
    if (slice > 0 && health > 0) return true;
    if (backstop > 0 && equity < backstop * maintenance) {
      // The backstop takes the positions and the equity.
      for (const m of live.members) {
        if (m.size <= 0) continue;
        const p = { ...m.position, size: m.size };
        const price = p.markPrice * factors.get(p.baseAsset)!;
        const forfeited = equity > 0 && maintenance > 0 ? (equity * maintenanceMarginSettlement(p, m.schedule, price)) / maintenance : 0;
        m.realized += unrealizedPnlSettlement(p, price) - forfeited;
        m.size = 0;
      }
      live.alive = false;
      live.cash = 0;
      live.collateralHeld = false;
      if (equity < 0) shareBadDebt(live, -equity);
      return false;
    }
    const last = closeAll || slice >= MAX_SLICES - 1;
    for (const m of live.members) {
      if (m.size <= 0) continue;
      const rules = venueProfile(m.position.venue).liquidation;
      const fraction = last || rules.style === 'full' ? 1 : rules.partialFraction;
      let remaining = fraction >= 1 ? 0 : m.size * (1 - fraction);
      if (remaining <= DUST_FRACTION * m.position.size) remaining = 0;
      const closed = { ...m.position, size: m.size - remaining };
      const fill = m.position.markPrice * factors.get(m.position.baseAsset)! * (1 - sideSign(m.position.side) * slippage);
      const net = unrealizedPnlSettlement(closed, fill) - m.schedule.liquidationFeeRate * notionalSettlement(closed, fill);
      m.realized += net;
      live.cash += net;
      m.size = remaining;
    }
    if (live.members.every((m) => m.size <= 0)) {
      live.alive = false;
      const collateral = live.collateralHeld ? poolNow(live, factors).assetCollateral.reduce((s, c) => s + c.amount * c.priceSettlement * (1 - c.haircut), 0) : 0;
      const equityLeft = live.cash + collateral;
      if (equityLeft < 0) {
        live.cash = 0;
        live.collateralHeld = false;
        shareBadDebt(live, -equityLeft);
      }
      return false;
    }
  }
}

function shareBadDebt(live: LivePool, badDebt: number): void {
  live.badDebt += badDebt;
  const drops = live.members.map((m) => unrealizedPnlSettlement(m.position, m.position.markPrice) - m.realized - m.badDebt);
  const total = drops.reduce((s, d) => s + Math.max(d, 0), 0);
  if (!(total > 0)) return;
  const shared = Math.min(badDebt, total);
  live.members.forEach((m, i) => {
    if (drops[i]! > 0) m.badDebt += (shared * drops[i]!) / total;
  });
}

function renew(setting: Setting, live: LivePool): void {
  live.events++;
  live.survivalLow = 1;
  live.survivalHigh = 1;
  if (!setting.bridge) return;
  const scratch = new Uint32Array(4);
  live.thresholdLow = keyedUniform(setting.input.word0, setting.input.word1, live.eventKey, 2 * live.events, scratch);
  live.thresholdHigh = keyedUniform(setting.input.word0, setting.input.word1, live.eventKey, 2 * live.events + 1, scratch);
}

/** Exact thresholds of a barrier pool from the point where its asset's log return is x. */
function rebarrier(live: LivePool, asset: string, x: number, factors: Factors): void {
  const pool = poolNow(live, factors);
  const moved: Pool = { ...pool, members: pool.members.map((m) => ({ ...m, position: { ...m.position, markPrice: m.position.markPrice * Math.exp(x) } })) };
  const roots = healthRoots(moved, { symbol: null, collateralAsset: asset });
  live.low = roots.below === null ? -Infinity : x + Math.log(roots.below);
  live.high = roots.above === null ? Infinity : x + Math.log(roots.above);
}

function barrierEvents(setting: Setting, live: LivePool, asset: string, barrier: number, lowest: number, highest: number, step: number, base: Map<string, number>): void {
  let at = barrier;
  for (let events = 0; ; events++) {
    const factors = new Map(base);
    factors.set(asset, Math.exp(at));
    if (!liquidate(setting, live, factors, step, events >= MAX_EVENTS_PER_STEP)) return;
    rebarrier(live, asset, at, factors);
    renew(setting, live);
    if (lowest <= live.low) at = live.low;
    else if (highest >= live.high) at = live.high;
    else return;
  }
}

/** Log prices of a zero of h on the segment x0 → x1, by bisection (crossing-point.ts `segmentTrigger`). */
function segmentZero(setting: Setting, live: LivePool, x0: readonly number[], x1: readonly number[]): number[] {
  const at = (t: number): number[] => x0.map((v, a) => v + t * (x1[a]! - v));
  let lo = 0;
  let hi = 1;
  for (let it = 0; it < 56; it++) {
    const mid = 0.5 * (lo + hi);
    if (healthAt(live, factorsAt(setting.assets, at(mid))).health > 0) lo = mid;
    else hi = mid;
  }
  return at(hi);
}

/** The bridge trigger of a gradient pool (crossing-point.ts `bridgeTrigger`). */
function bridgeZero(setting: Setting, live: LivePool, x0: number[], x1: number[], h0: number, h1: number, g: number[], covariance: number[][]): number[] {
  const tau = h0 / (h0 + h1);
  const base = x0.map((v, a) => v + tau * (x1[a]! - v));
  const direction = covariance.map((row) => -row.reduce((s, c, b) => s + c * g[b]!, 0));
  const slope = g.reduce((s, ga, a) => s + ga * direction[a]!, 0);
  const along = (t: number): number[] => base.map((v, a) => v + t * direction[a]!);
  const hBase = healthAt(live, factorsAt(setting.assets, base)).health;
  if (hBase <= 0) return segmentZero(setting, live, x0, base);
  if (!(slope < 0)) return base;
  let hi = hBase / -slope;
  let found = false;
  for (let it = 0; it < 40 && !found; it++) {
    if (healthAt(live, factorsAt(setting.assets, along(hi))).health <= 0) found = true;
    else hi *= 2;
  }
  if (!found) return base;
  let lo = 0;
  for (let it = 0; it < 56; it++) {
    const mid = 0.5 * (lo + hi);
    if (healthAt(live, factorsAt(setting.assets, along(mid))).health > 0) lo = mid;
    else hi = mid;
  }
  return along(hi);
}

/** The whole path for one pool. */
function simulatePool(setting: Setting, live: LivePool): void {
  const { assets, cumulative, input } = setting;
  const nSteps = setting.run.layout.nSteps;
  const columns = setting.run.layout.assets.length;
  const column = (a: string): number => setting.run.layout.assets.indexOf(a);
  const zero = assets.map(() => 0);
  if (healthAt(live, factorsAt(assets, zero)).health <= 0 && live.alive) {
    if (live.barrierAsset !== null) barrierEvents(setting, live, live.barrierAsset, 0, 0, 0, 0, factorsAt(assets, zero));
    else if (liquidate(setting, live, factorsAt(assets, zero), 0)) renew(setting, live);
  }
  if (live.alive && live.barrierAsset === null) {
    live.healthPrev = healthAt(live, factorsAt(assets, zero)).health;
    live.gradientPrev = gradientAt(live, factorsAt(assets, zero), assets);
  }
  for (let k = 1; k <= nSteps && live.alive; k++) {
    const x0 = cumulative[k - 1]!;
    const x1 = cumulative[k]!;
    const scale = input.stepVarianceScale[k - 1]!;
    const row = (k - 1) * columns;
    if (live.barrierAsset !== null) {
      const asset = live.barrierAsset;
      const a = assets.indexOf(asset);
      let lowest = x1[a]!;
      let highest = x1[a]!;
      if (input.barLow !== undefined && input.barHigh !== undefined) {
        lowest = Math.min(lowest, x0[a]! + input.barLow[row + column(asset)]!);
        highest = Math.max(highest, x0[a]! + input.barHigh[row + column(asset)]!);
      }
      let hitLow = lowest <= live.low;
      let hitHigh = highest >= live.high;
      let pLow = hitLow ? 1 : 0;
      let pHigh = hitHigh ? 1 : 0;
      if (setting.bridge) {
        const variance = setting.run.layout.stepVariance[column(asset)]! * scale;
        if (!hitLow && live.low > -Infinity) {
          pLow = bridgeCrossLowerProbability(x0[a]!, x1[a]!, live.low, variance);
          live.survivalLow *= 1 - pLow;
          hitLow = live.survivalLow <= live.thresholdLow;
        }
        if (!hitHigh && live.high < Infinity) {
          pHigh = bridgeCrossUpperProbability(x0[a]!, x1[a]!, live.high, variance);
          live.survivalHigh *= 1 - pHigh;
          hitHigh = live.survivalHigh <= live.thresholdHigh;
        }
      }
      if (!hitLow && !hitHigh) continue;
      const useLow = hitLow && (!hitHigh || (input.barLow !== undefined ? x1[a]! <= x0[a]! : pLow >= pHigh));
      barrierEvents(setting, live, asset, useLow ? live.low : live.high, lowest, highest, k, factorsAt(assets, x1));
      continue;
    }
    // Gradient pool.
    const f1 = factorsAt(assets, x1);
    const h1 = healthAt(live, f1).health;
    const g1 = gradientAt(live, f1, assets);
    let trigger: number[] | null = null;
    if (input.barLow !== undefined && input.barHigh !== undefined) {
      const adverse = assets.map((asset, a) => x0[a]! + (live.gradientPrev[a]! >= 0 ? input.barLow![row + column(asset)]! : input.barHigh![row + column(asset)]!));
      if (healthAt(live, factorsAt(assets, adverse)).health <= 0) trigger = segmentZero(setting, live, x0, adverse);
      else if (h1 <= 0) trigger = segmentZero(setting, live, x0, x1);
    } else if (h1 <= 0) {
      trigger = segmentZero(setting, live, x0, x1);
    } else if (setting.bridge) {
      const gMid = g1.map((g, a) => 0.5 * (live.gradientPrev[a]! + g));
      const covariance = covarianceOf(setting, 1);
      const variance = gMid.reduce((s, ga, a) => s + ga * covariance[a]!.reduce((t, c, b) => t + c * gMid[b]!, 0), 0) * scale;
      if (variance > 0) {
        const p = bridgeCrossLowerProbability(live.healthPrev, h1, 0, variance);
        live.survivalLow *= 1 - p;
        if (live.survivalLow <= live.thresholdLow) trigger = bridgeZero(setting, live, x0, x1, live.healthPrev, h1, gMid, covarianceOf(setting, scale));
      }
    }
    if (trigger === null) {
      live.healthPrev = h1;
      live.gradientPrev = g1;
      continue;
    }
    for (let events = 0; ; events++) {
      if (!liquidate(setting, live, factorsAt(assets, trigger), k, events >= MAX_EVENTS_PER_STEP)) break;
      renew(setting, live);
      const h = healthAt(live, f1).health;
      if (h > 0) {
        live.healthPrev = h;
        live.gradientPrev = gradientAt(live, f1, assets);
        break;
      }
      trigger = segmentZero(setting, live, trigger, x1);
    }
  }
}

/** The reporting rate of each settlement asset (compile-book.ts `rateOf`, spelled out). */
function ratesOf(run: ReferenceRun, poolsByMode: readonly Pool[][], freeAssets: ReadonlySet<string>): (asset: string) => number {
  const held = new Set<string>([...poolsByMode.flat().map((p) => p.asset), ...freeAssets]);
  const positions = run.resolved.positions.map((r) => r.position);
  const quote = run.collateral.primaryLinearAsset ?? positions[0]?.quoteAsset ?? 'USD';
  return (asset) => {
    if (held.size === 1 || asset === quote) return 1;
    return markOfAsset(positions, asset) ?? (asset.startsWith('USD') || asset === 'DAI' ? 1 : 0);
  };
}

/** One path's outcome in every mode, by the readable rules. */
export function referencePath(run: ReferenceRun, input: ReferencePathInput): Record<ModeName, ReferenceModeOutcome> {
  const positions = run.resolved.positions.map((r) => r.position);
  const assets = [...new Set(positions.map((p) => p.baseAsset))].sort();
  const columns = run.layout.assets.length;
  const cumulative: number[][] = [assets.map(() => 0)];
  for (let k = 0; k < run.layout.nSteps; k++) {
    cumulative.push(assets.map((a, i) => cumulative[k]![i]! + input.logReturns[k * columns + run.layout.assets.indexOf(a)]!));
  }
  const bridge = run.options.monitoring === 'continuous' && !run.layout.hasBars;
  const setting: Setting = { run, assets, cumulative, input, bridge };
  const built = MODE_NAMES.map((mode) => buildModePools(mode, run.resolved, run.collateral, run.policy));
  const wallets = [...new Set(built.flatMap((b) => b.pools.map((p) => p.asset)))].sort();
  const freeAssets = new Set<string>();
  for (const b of built) {
    for (const f of b.free) if (f.amount !== 0) freeAssets.add(f.asset);
    if (b.freeAssetCollateral.length > 0 && run.collateral.primaryLinearAsset !== null) freeAssets.add(run.collateral.primaryLinearAsset);
  }
  const rate = ratesOf(
    run,
    built.map((b) => [...b.pools]),
    freeAssets,
  );
  const scratch = new Uint32Array(4);
  const uniform = (key: number, counter: number): number => keyedUniform(input.word0, input.word1, key, counter, scratch);
  const last = factorsAt(assets, cumulative[run.layout.nSteps]!);
  const result = {} as Record<ModeName, ReferenceModeOutcome>;
  MODE_NAMES.forEach((mode, m) => {
    let loss = 0;
    let badDebt = 0;
    let firstStep = -1;
    const outcomes = new Map<string, ReferencePositionOutcome>();
    for (const pool of built[m]!.pools) {
      const moving = new Set<string>(pool.members.map((mm) => mm.position.baseAsset));
      for (const c of pool.assetCollateral) if (assets.includes(c.asset)) moving.add(c.asset);
      const barrierAsset = moving.size === 1 ? [...moving][0]! : null;
      const roots = barrierAsset === null ? null : healthRoots(pool, { symbol: null, collateralAsset: barrierAsset });
      const a = barrierAsset === null ? -1 : assets.indexOf(barrierAsset);
      const wallet = wallets.indexOf(pool.asset);
      const live: LivePool = {
        pool,
        members: pool.members.map((mm) => ({ position: mm.position, schedule: mm.schedule, size: mm.position.size, realized: 0, liquidationStep: -1, pnlAtLiquidation: NaN, badDebt: 0 })),
        eventKey: pool.marginMode === 'isolated' ? KEY_ISOLATED_EVENT | positions.indexOf(pool.members[0]!.position) : KEY_CROSS_EVENT | wallet,
        cash: pool.cashCollateral,
        collateralHeld: true,
        alive: true,
        badDebt: 0,
        liquidationStep: -1,
        events: 0,
        barrierAsset,
        low: roots?.below == null ? -Infinity : Math.log(roots.below),
        high: roots?.above == null ? Infinity : Math.log(roots.above),
        survivalLow: 1,
        survivalHigh: 1,
        thresholdLow: bridge ? (a >= 0 ? uniform(KEY_ASSET_LOWER | a, 0) : uniform(KEY_WALLET | wallet, 0)) : 0,
        thresholdHigh: bridge && a >= 0 ? uniform(KEY_ASSET_UPPER | a, 0) : 0,
        healthPrev: 0,
        gradientPrev: assets.map(() => 0),
      };
      simulatePool(setting, live);
      // Horizon.
      const now = poolNow(live, last);
      const equity = poolEquity(now, priceOf(last));
      loss += (poolEquity(pool) - equity) * rate(pool.asset);
      badDebt += live.badDebt * rate(pool.asset);
      if (live.liquidationStep >= 0 && (firstStep < 0 || live.liquidationStep < firstStep)) firstStep = live.liquidationStep;
      for (const mm of live.members) {
        const pnlNow = mm.size > 0 ? unrealizedPnlSettlement({ ...mm.position, size: mm.size }, mm.position.markPrice * last.get(mm.position.baseAsset)!) : 0;
        outcomes.set(mm.position.positionId, {
          liquidationStep: mm.liquidationStep,
          pnlAtLiquidation: mm.pnlAtLiquidation,
          loss: unrealizedPnlSettlement(mm.position, mm.position.markPrice) - mm.realized - pnlNow - mm.badDebt,
        });
      }
    }
    const collateralRate = run.collateral.primaryLinearAsset === null ? 0 : rate(run.collateral.primaryLinearAsset);
    for (const c of built[m]!.freeAssetCollateral) {
      const f = last.get(c.asset);
      if (f !== undefined) loss += c.amount * c.priceSettlement * (1 - c.haircut) * collateralRate * (1 - f);
    }
    result[mode] = { loss, badDebt, firstStep, positions: outcomes };
  });
  return result;
}
