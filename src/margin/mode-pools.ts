// The three margin modes as partitions of one account's positions and collateral into pools.
//   exported: isolated rows keep their own margin; cross rows share the wallet per settlement asset.
//   isolated: every position alone with its margin; former cross rows get margin from the wallet
//             (first what keeps each above maintenance, then the rest by the allocation policy;
//             allocation.ts), the rest of the wallet stays free.
//   cross:    every position shares one pool per settlement asset: wallet + every isolated margin.
// The same total capital is at stake in all three.

import type { AccountCollateral } from './account-collateral.js';
import { allocateWallet, maintenanceFloor } from './allocation.js';
import type { AllocationEntry, AllocationPolicy, ModeName } from './evaluation.js';
import type { AssetCollateral, Pool, PoolMember } from './pool.js';
import type { ResolvedAccount, ResolvedPosition } from './resolve-schedules.js';

interface FreeBalance {
  readonly asset: string;
  readonly amount: number;
}

export interface ModePools {
  readonly pools: readonly Pool[];
  /** Collateral backing no pool in this mode (valued separately in totals). */
  readonly free: readonly FreeBalance[];
  readonly freeAssetCollateral: readonly AssetCollateral[];
  readonly allocation: readonly AllocationEntry[];
  readonly warnings: readonly string[];
}

/** The start of the id of every isolated pool of `account` (`ACCOUNT/isolated/`), made once per group rather than once per pool. */
function isolatedPoolIdPrefix(account: string): string {
  return `${account}/isolated/`;
}

/** The isolated pool of `r` with `margin`; `idPrefix`: isolatedPoolIdPrefix(account). */
function isolatedPool(account: string, idPrefix: string, r: ResolvedPosition, margin: number): Pool {
  return {
    poolId: idPrefix + r.position.positionId,
    account,
    marginMode: 'isolated',
    asset: r.position.settlementAsset,
    cashCollateral: margin,
    assetCollateral: [],
    members: [{ position: r.position, schedule: r.isolated }],
  };
}

function crossPool(account: string, asset: string, cash: number, collateral: readonly AssetCollateral[], members: PoolMember[]): Pool {
  return { poolId: `${account}/cross/${asset}`, account, marginMode: 'cross', asset, cashCollateral: cash, assetCollateral: collateral, members };
}

/** One settlement asset of an account, as every mode starts from it. */
interface SettlementGroup {
  readonly asset: string;
  /** The positions settled in `asset`, in book order (none when only the wallet holds it). */
  readonly rows: readonly ResolvedPosition[];
  /** Those of them cross in the export. */
  readonly crossRows: readonly ResolvedPosition[];
  /** The wallet's cash in `asset`. */
  readonly cash: number;
  /** Whether this asset's pools take the non-settlement collateral (the primary linear asset). */
  readonly takesAssetCollateral: boolean;
}

/** The account's settlement assets in sorted order (positions' and the wallet's), each with its rows: the same for every mode. */
function settlementGroups(account: ResolvedAccount, collateral: AccountCollateral): SettlementGroup[] {
  // Most accounts settle every position and hold every balance in one asset: one group, found
  // without the Map, Set and sort of the general case.
  const only = account.positions[0]?.position.settlementAsset;
  let oneAsset = only !== undefined;
  for (const r of account.positions) if (r.position.settlementAsset !== only) oneAsset = false;
  if (oneAsset) for (const asset of collateral.cashByAsset.keys()) if (asset !== only) oneAsset = false;
  if (oneAsset) return [settlementGroup(only!, account.positions, collateral)];
  const rowsByAsset = new Map<string, ResolvedPosition[]>();
  for (const r of account.positions) {
    const list = rowsByAsset.get(r.position.settlementAsset);
    if (list === undefined) rowsByAsset.set(r.position.settlementAsset, [r]);
    else list.push(r);
  }
  const assets = new Set([...rowsByAsset.keys(), ...collateral.cashByAsset.keys()]);
  return [...assets].sort().map((asset) => settlementGroup(asset, rowsByAsset.get(asset) ?? [], collateral));
}

function settlementGroup(asset: string, rows: readonly ResolvedPosition[], collateral: AccountCollateral): SettlementGroup {
  return {
    asset,
    rows,
    crossRows: rows.filter((r) => r.position.marginMode === 'cross'),
    cash: collateral.cashByAsset.get(asset) ?? 0,
    takesAssetCollateral: asset === collateral.primaryLinearAsset,
  };
}

/** A mode's pools as they are built, asset after asset. */
interface ModeBuild {
  readonly pools: Pool[];
  readonly free: FreeBalance[];
  freeAssetCollateral: readonly AssetCollateral[];
  readonly allocation: AllocationEntry[];
  readonly warnings: string[];
}

function emptyBuild(collateral: AccountCollateral): ModeBuild {
  return { pools: [], free: [], freeAssetCollateral: collateral.assetCollateral, allocation: [], warnings: [] };
}

/** The pools of every row settled in a group's asset and the group's cross wallet, for the cross mode. */
function crossModeGroup(name: string, g: SettlementGroup, collateral: AccountCollateral, build: ModeBuild): void {
  if (g.rows.length === 0) {
    build.free.push({ asset: g.asset, amount: g.cash });
    return;
  }
  const isolatedMargins = g.rows.reduce((s, r) => s + (r.position.isolatedMargin ?? 0), 0);
  build.pools.push(crossPool(name, g.asset, g.cash + isolatedMargins, g.takesAssetCollateral ? collateral.assetCollateral : [], g.rows.map((r) => ({ position: r.position, schedule: r.cross }))));
  if (g.takesAssetCollateral) build.freeAssetCollateral = [];
}

/** The exported mode's pools of a group: each isolated row alone, then the cross rows on the wallet. */
function exportedModeGroup(name: string, g: SettlementGroup, collateral: AccountCollateral, build: ModeBuild): void {
  const idPrefix = isolatedPoolIdPrefix(name);
  for (const r of g.rows) if (r.position.marginMode === 'isolated') build.pools.push(isolatedPool(name, idPrefix, r, r.position.isolatedMargin ?? 0));
  if (g.crossRows.length === 0) {
    build.free.push({ asset: g.asset, amount: g.cash });
    return;
  }
  build.pools.push(crossPool(name, g.asset, g.cash, g.takesAssetCollateral ? collateral.assetCollateral : [], g.crossRows.map((r) => ({ position: r.position, schedule: r.cross }))));
  if (g.takesAssetCollateral) build.freeAssetCollateral = [];
}

/**
 * The isolated mode's pools of a group: every row alone, the former cross rows on margins split
 * from the wallet. `exportedIsolated` from `exportedFrom`: the exported mode's pools of the rows
 * isolated in the export, in row order (the same pools), when that mode was built first.
 */
function isolatedModeGroup(name: string, g: SettlementGroup, policy: AllocationPolicy, build: ModeBuild, exportedIsolated?: readonly Pool[], exportedFrom = 0): void {
  const { asset, cash, crossRows } = g;
  const result = allocateWallet(crossRows, cash, policy);
  if (result.scale < 1) {
    build.warnings.push(
      `isolated mode: after every position's maintenance floor, the ${asset} wallet (${cash}) covers ${(result.scale * 100).toFixed(1)} % of the margins at leverage; allocations scaled`,
    );
  }
  if (crossRows.length > 0 && cash <= 0) {
    build.warnings.push(`isolated mode: no ${asset} wallet to allocate; former cross positions hold zero margin`);
  }
  if (result.standing.includes(false)) {
    const fallen = crossRows.filter((_, i) => !result.standing[i]).map((r) => r.position.positionId);
    build.warnings.push(
      `isolated mode: the ${asset} wallet (${cash}) cannot keep ${fallen.join(', ')} above maintenance at the marks; ${fallen.length === 1 ? 'it is' : 'they are'} liquidatable at once isolated`,
    );
  }
  const idPrefix = isolatedPoolIdPrefix(name);
  let k = 0;
  let e = exportedFrom;
  for (const r of g.rows) {
    if (r.position.marginMode === 'isolated') {
      const margin = r.position.isolatedMargin ?? 0;
      const floor = maintenanceFloor(r);
      build.pools.push(exportedIsolated?.[e++] ?? isolatedPool(name, idPrefix, r, margin));
      build.allocation.push({ positionId: r.position.positionId, asset, exportedMargin: margin, margin, policy: 'exported', scale: 1, maintenanceFloor: floor, standing: margin > floor });
    } else {
      const i = k++;
      const margin = result.margins[i]!;
      build.pools.push(isolatedPool(name, idPrefix, r, margin));
      build.allocation.push({ positionId: r.position.positionId, asset, exportedMargin: null, margin, policy, scale: result.scale, maintenanceFloor: result.floors[i]!, standing: result.standing[i]! });
    }
  }
  build.free.push({ asset, amount: result.freeBalance });
}

export function buildModePools(mode: ModeName, account: ResolvedAccount, collateral: AccountCollateral, policy: AllocationPolicy): ModePools {
  const name = account.book.account;
  const build = emptyBuild(collateral);
  for (const g of settlementGroups(account, collateral)) {
    if (mode === 'cross') crossModeGroup(name, g, collateral, build);
    else if (mode === 'exported') exportedModeGroup(name, g, collateral, build);
    else isolatedModeGroup(name, g, policy, build);
  }
  return build;
}

/**
 * The three modes' pools at once, as buildModePools builds each, from one grouping of the
 * account, and with one object for the pool of a row isolated in the export, the same in the
 * exported and isolated modes (pools are immutable, so sharing changes no figure; the isolated
 * mode then takes the exported mode's evaluation of it by identity, repeated-pools.ts).
 */
export function buildAllModePools(account: ResolvedAccount, collateral: AccountCollateral, policy: AllocationPolicy): Readonly<Record<ModeName, ModePools>> {
  const name = account.book.account;
  const exported = emptyBuild(collateral);
  const isolated = emptyBuild(collateral);
  const cross = emptyBuild(collateral);
  for (const g of settlementGroups(account, collateral)) {
    const from = exported.pools.length;
    exportedModeGroup(name, g, collateral, exported);
    // The group's exported pools, from `from`: one per isolated row in row order, then the cross rows' pool, if any.
    isolatedModeGroup(name, g, policy, isolated, exported.pools, from);
    crossModeGroup(name, g, collateral, cross);
  }
  return { exported, isolated, cross };
}
