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

import { markOfAsset } from '../margin/account-collateral.js';
import { MODE_NAMES, type ModeName } from '../margin/evaluation.js';
import { healthRoots } from '../margin/health-roots.js';
import { buildModePools } from '../margin/mode-pools.js';
import type { Pool } from '../margin/pool.js';
import { poolEquity } from '../margin/pool-health.js';
import { unrealizedPnlSettlement } from '../margin/position-risk.js';
import { KEY_ASSET_LOWER, KEY_ASSET_UPPER, KEY_CROSS_EVENT, KEY_ISOLATED_EVENT, KEY_WALLET, keyedUniform } from './keyed-uniform.js';
import { factorsAt, poolNow, priceOf, type LivePool } from './reference-pool-health.js';
import { simulatePool } from './reference-pool-path.js';
import type { ReferencePathInput, ReferenceRun, Setting } from './reference-setting.js';

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
