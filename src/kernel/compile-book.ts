// Resolve once, before any path: one account's positions, schedules and the three modes' pools
// (built by `buildModePools`, the same allocation `evaluate` uses) laid out as typed arrays.
// Ids become integer indices; barrier pools get their exact liquidation thresholds here.

import type { MaintenanceSchedule } from '../domain/maintenance-schedule.js';
import { sideSign, type Position } from '../domain/position.js';
import { markOfAsset, type AccountCollateral } from '../margin/account-collateral.js';
import { MODE_NAMES, type AllocationPolicy } from '../margin/evaluation.js';
import { healthRoots } from '../margin/health-roots.js';
import { buildModePools, type ModePools } from '../margin/mode-pools.js';
import type { Pool } from '../margin/pool.js';
import { poolEquity, poolMaintenance } from '../margin/pool-health.js';
import { unrealizedPnlSettlement } from '../margin/position-risk.js';
import type { ResolvedAccount, ResolvedPosition } from '../margin/resolve-schedules.js';
import { venueProfile } from '../venues/registry.js';
import { KERNEL_MODE_COUNT, NO_ASSET, type CompiledBook } from './compiled-book.js';
import { liquidationParameters } from './liquidation-slice.js';

/** Stablecoins valued at one quote unit when an account mixes settlement assets. */
function isDollarLike(asset: string): boolean {
  return asset.startsWith('USD') || asset === 'DAI';
}

/** Schedule index of a member: 2j for the position's cross schedule, 2j + 1 for its isolated one. */
function scheduleIndex(j: number, schedule: MaintenanceSchedule, r: ResolvedPosition, isolatedPool: boolean): number {
  if (schedule === r.cross && schedule !== r.isolated) return 2 * j;
  if (schedule === r.isolated && schedule !== r.cross) return 2 * j + 1;
  return isolatedPool ? 2 * j + 1 : 2 * j;
}

interface PoolRow {
  readonly pool: Pool;
  readonly mode: number;
}

/** Identical pools (members, schedules, collateral, cash) give identical outcomes on every path. */
function samePools(a: ModePools, b: ModePools): boolean {
  if (a.pools.length !== b.pools.length) return false;
  for (let i = 0; i < a.pools.length; i++) {
    const p = a.pools[i]!;
    const q = b.pools[i]!;
    if (p.asset !== q.asset || p.cashCollateral !== q.cashCollateral || p.members.length !== q.members.length) return false;
    if (p.marginMode !== q.marginMode || p.assetCollateral.length !== q.assetCollateral.length) return false;
    for (let k = 0; k < p.members.length; k++) {
      if (p.members[k]!.position !== q.members[k]!.position || p.members[k]!.schedule !== q.members[k]!.schedule) return false;
    }
    for (let k = 0; k < p.assetCollateral.length; k++) {
      const c = p.assetCollateral[k]!;
      const d = q.assetCollateral[k]!;
      if (c.asset !== d.asset || c.amount !== d.amount || c.priceSettlement !== d.priceSettlement || c.haircut !== d.haircut) return false;
    }
  }
  if (a.freeAssetCollateral.length !== b.freeAssetCollateral.length) return false;
  for (let k = 0; k < a.freeAssetCollateral.length; k++) {
    const c = a.freeAssetCollateral[k]!;
    const d = b.freeAssetCollateral[k]!;
    if (c.asset !== d.asset || c.amount !== d.amount || c.priceSettlement !== d.priceSettlement || c.haircut !== d.haircut) return false;
  }
  return true;
}

/**
 * Lay out `resolved` (one account) for the path kernel: positions, schedules, and the pools of
 * the `exported`, `isolated` and `cross` modes as `buildModePools` builds them for `evaluate`.
 * Throws when a position's venue declares an invalid partial-liquidation fraction (a bug in a
 * venue profile, not an input problem).
 */
export function compileBook(resolved: ResolvedAccount, collateral: AccountCollateral, policy: AllocationPolicy): CompiledBook {
  const warnings: string[] = [];
  const positions: Position[] = resolved.positions.map((r) => r.position);
  const positionIndex = new Map<Position, number>();
  positions.forEach((p, j) => positionIndex.set(p, j));
  const assetNames = [...new Set(positions.map((p) => p.baseAsset))].sort();
  const assetIndex = new Map<string, number>();
  assetNames.forEach((a, i) => assetIndex.set(a, i));
  const n = positions.length;

  // Positions.
  const positionAsset = new Int32Array(n);
  const positionSign = new Float64Array(n);
  const positionQuantity = new Float64Array(n);
  const positionEntry = new Float64Array(n);
  const positionMark = new Float64Array(n);
  const positionInverse = new Uint8Array(n);
  const positionPnl0 = new Float64Array(n);
  const positionPartialFraction = new Float64Array(n);
  const positionBackstopFraction = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const p = positions[j]!;
    positionAsset[j] = assetIndex.get(p.baseAsset)!;
    positionSign[j] = sideSign(p.side);
    positionQuantity[j] = p.size * p.contractSize;
    positionEntry[j] = p.entryPrice;
    positionMark[j] = p.markPrice;
    positionInverse[j] = p.instrument === 'inverse' ? 1 : 0;
    positionPnl0[j] = unrealizedPnlSettlement(p, p.markPrice);
    const { fraction, backstop } = liquidationParameters(venueProfile(p.venue).liquidation, p.positionId);
    positionPartialFraction[j] = fraction;
    positionBackstopFraction[j] = backstop;
  }

  // Schedules: 2j = cross, 2j + 1 = isolated.
  const schedules: MaintenanceSchedule[] = [];
  for (const r of resolved.positions) schedules.push(r.cross, r.isolated);
  const scheduleCount = schedules.length;
  const scheduleBracketStart = new Int32Array(scheduleCount);
  const scheduleBracketCount = new Int32Array(scheduleCount);
  const scheduleEntryBasis = new Uint8Array(scheduleCount);
  const scheduleFeeReserveRate = new Float64Array(scheduleCount);
  const scheduleFeeReserveAmount = new Float64Array(scheduleCount);
  const scheduleLiquidationFeeRate = new Float64Array(scheduleCount);
  const floors: number[] = [];
  const rates: number[] = [];
  const amounts: number[] = [];
  for (let s = 0; s < scheduleCount; s++) {
    const sc = schedules[s]!;
    const count = sc.bracketsOn === 'fixed' ? 1 : sc.floors.length;
    scheduleBracketStart[s] = floors.length;
    scheduleBracketCount[s] = count;
    for (let b = 0; b < count; b++) {
      floors.push(sc.floors[b]!);
      rates.push(sc.rates[b]!);
      amounts.push(sc.amounts[b]!);
    }
    scheduleEntryBasis[s] = sc.notionalBasis === 'entry' ? 1 : 0;
    scheduleFeeReserveRate[s] = sc.feeReserveRate;
    scheduleFeeReserveAmount[s] = sc.feeReserveAmount;
    scheduleLiquidationFeeRate[s] = sc.liquidationFeeRate;
  }

  // The three modes' pools, exactly as evaluate builds them.
  const built = MODE_NAMES.map((mode) => buildModePools(mode, resolved, collateral, policy));
  const rows: PoolRow[] = [];
  const modePoolStart = new Int32Array(KERNEL_MODE_COUNT + 1);
  const modeAliasOf = new Int32Array(KERNEL_MODE_COUNT).fill(-1);
  for (let m = 0; m < KERNEL_MODE_COUNT; m++) {
    modePoolStart[m] = rows.length;
    for (const pool of built[m]!.pools) rows.push({ pool, mode: m });
    for (let earlier = 0; earlier < m; earlier++) {
      if (modeAliasOf[earlier] === -1 && samePools(built[m]!, built[earlier]!)) {
        modeAliasOf[m] = earlier;
        break;
      }
    }
  }
  modePoolStart[KERNEL_MODE_COUNT] = rows.length;
  const poolCount = rows.length;

  // Reporting asset: the one settlement asset if every pool and free balance shares it, else quote.
  const heldAssets = new Set<string>();
  for (const { pool } of rows) heldAssets.add(pool.asset);
  for (const b of built) {
    for (const f of b.free) if (f.amount !== 0) heldAssets.add(f.asset);
    if (b.freeAssetCollateral.length > 0 && collateral.primaryLinearAsset !== null) heldAssets.add(collateral.primaryLinearAsset);
  }
  const single = heldAssets.size === 1 ? [...heldAssets][0]! : null;
  const quoteAsset = collateral.primaryLinearAsset ?? positions[0]?.quoteAsset ?? 'USD';
  const reportingAsset = single ?? quoteAsset;
  const rateOf = (asset: string): number => {
    if (single !== null || asset === quoteAsset) return 1;
    const mark = markOfAsset(positions, asset);
    if (mark !== null) return mark;
    if (isDollarLike(asset)) return 1;
    warnings.push(`${asset} has no price in ${quoteAsset}; its pools are left out of the account totals`);
    return 0;
  };
  const walletNames = [...new Set(rows.map((r) => r.pool.asset))].sort();

  // Pools, members, collateral.
  const poolIds: string[] = [];
  const poolAssetNames: string[] = [];
  const poolMode = new Int32Array(poolCount);
  const poolWallet = new Int32Array(poolCount);
  const poolIsolated = new Uint8Array(poolCount);
  const poolRate = new Float64Array(poolCount);
  const poolCash = new Float64Array(poolCount);
  const poolEquity0 = new Float64Array(poolCount);
  const poolHealth0 = new Float64Array(poolCount);
  const poolMemberStart = new Int32Array(poolCount + 1);
  const poolCollateralStart = new Int32Array(poolCount + 1);
  const poolBarrierAsset = new Int32Array(poolCount).fill(NO_ASSET);
  const poolBarrierLow = new Float64Array(poolCount).fill(-Infinity);
  const poolBarrierHigh = new Float64Array(poolCount).fill(Infinity);
  const memberPosition: number[] = [];
  const memberSchedule: number[] = [];
  const memberPool: number[] = [];
  const positionMember = new Int32Array(KERNEL_MODE_COUNT * n).fill(-1);
  const collateralAsset: number[] = [];
  const collateralValue0: number[] = [];
  for (let i = 0; i < poolCount; i++) {
    const { pool, mode } = rows[i]!;
    poolIds.push(pool.poolId);
    poolAssetNames.push(pool.asset);
    poolMode[i] = mode;
    poolWallet[i] = walletNames.indexOf(pool.asset);
    poolIsolated[i] = pool.marginMode === 'isolated' ? 1 : 0;
    poolRate[i] = rateOf(pool.asset);
    poolCash[i] = pool.cashCollateral;
    const equity = poolEquity(pool);
    poolEquity0[i] = equity;
    poolHealth0[i] = equity - poolMaintenance(pool);
    poolMemberStart[i] = memberPosition.length;
    const memberAssets = new Set<number>();
    for (const member of pool.members) {
      const j = positionIndex.get(member.position);
      if (j === undefined) throw new Error(`compileBook: pool ${pool.poolId} holds a position not in the account`);
      const k = memberPosition.length;
      memberPosition.push(j);
      memberSchedule.push(scheduleIndex(j, member.schedule, resolved.positions[j]!, pool.marginMode === 'isolated'));
      memberPool.push(i);
      positionMember[mode * n + j] = k;
      memberAssets.add(positionAsset[j]!);
    }
    poolCollateralStart[i] = collateralAsset.length;
    for (const c of pool.assetCollateral) {
      const a = assetIndex.get(c.asset) ?? NO_ASSET;
      collateralAsset.push(a);
      collateralValue0.push(c.amount * c.priceSettlement * (1 - c.haircut));
      if (a !== NO_ASSET) memberAssets.add(a);
    }
    if (memberAssets.size === 1) {
      const a = [...memberAssets][0]!;
      poolBarrierAsset[i] = a;
      const roots = healthRoots(pool, { symbol: null, collateralAsset: assetNames[a]! });
      poolBarrierLow[i] = roots.below === null ? -Infinity : Math.log(roots.below);
      poolBarrierHigh[i] = roots.above === null ? Infinity : Math.log(roots.above);
    }
  }
  poolMemberStart[poolCount] = memberPosition.length;
  poolCollateralStart[poolCount] = collateralAsset.length;
  for (let m = 0; m < KERNEL_MODE_COUNT; m++) {
    for (let j = 0; j < n; j++) {
      if (positionMember[m * n + j] === -1) throw new Error(`compileBook: position ${positions[j]!.positionId} has no pool in mode ${MODE_NAMES[m]}`);
    }
  }

  // Free balance per mode.
  const modeFreeCash = new Float64Array(KERNEL_MODE_COUNT);
  const modeFreeStart = new Int32Array(KERNEL_MODE_COUNT + 1);
  const freeAsset: number[] = [];
  const freeValue0: number[] = [];
  const modeEquity0 = new Float64Array(KERNEL_MODE_COUNT);
  for (let m = 0; m < KERNEL_MODE_COUNT; m++) {
    const b = built[m]!;
    let cash = 0;
    for (const f of b.free) if (f.amount !== 0) cash += f.amount * rateOf(f.asset);
    modeFreeCash[m] = cash;
    modeFreeStart[m] = freeAsset.length;
    const collateralRate = collateral.primaryLinearAsset === null ? 0 : rateOf(collateral.primaryLinearAsset);
    let freeCollateral = 0;
    for (const c of b.freeAssetCollateral) {
      const value = c.amount * c.priceSettlement * (1 - c.haircut) * collateralRate;
      freeAsset.push(assetIndex.get(c.asset) ?? NO_ASSET);
      freeValue0.push(value);
      freeCollateral += value;
    }
    let pools = 0;
    for (let i = modePoolStart[m]!; i < modePoolStart[m + 1]!; i++) pools += poolEquity0[i]! * poolRate[i]!;
    modeEquity0[m] = pools + cash + freeCollateral;
  }
  modeFreeStart[KERNEL_MODE_COUNT] = freeAsset.length;

  return {
    account: resolved.book.account,
    modeNames: MODE_NAMES,
    assetCount: assetNames.length,
    assetNames,
    positionCount: n,
    positionIds: positions.map((p) => p.positionId),
    positionSymbols: positions.map((p) => p.symbol),
    positionAsset,
    positionSign,
    positionQuantity,
    positionEntry,
    positionMark,
    positionInverse,
    positionPnl0,
    positionPartialFraction,
    positionBackstopFraction,
    scheduleBracketStart,
    scheduleBracketCount,
    bracketFloor: Float64Array.from(floors),
    bracketRate: Float64Array.from(rates),
    bracketAmount: Float64Array.from(amounts),
    scheduleEntryBasis,
    scheduleFeeReserveRate,
    scheduleFeeReserveAmount,
    scheduleLiquidationFeeRate,
    modePoolStart,
    modeAliasOf,
    poolCount,
    poolIds,
    poolMode,
    poolAssetNames,
    poolWallet,
    poolIsolated,
    poolRate,
    poolCash,
    poolEquity0,
    poolHealth0,
    poolMemberStart,
    poolCollateralStart,
    poolBarrierAsset,
    poolBarrierLow,
    poolBarrierHigh,
    memberCount: memberPosition.length,
    memberPosition: Int32Array.from(memberPosition),
    memberSchedule: Int32Array.from(memberSchedule),
    memberPool: Int32Array.from(memberPool),
    positionMember,
    collateralAsset: Int32Array.from(collateralAsset),
    collateralValue0: Float64Array.from(collateralValue0),
    modeFreeCash,
    modeFreeStart,
    freeAsset: Int32Array.from(freeAsset),
    freeValue0: Float64Array.from(freeValue0),
    modeEquity0,
    walletNames,
    reportingAsset,
    warnings,
  };
}
