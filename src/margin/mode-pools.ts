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

function isolatedPool(account: string, r: ResolvedPosition, margin: number): Pool {
  return {
    poolId: `${account}/isolated/${r.position.positionId}`,
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

function groupBySettlement(positions: readonly ResolvedPosition[]): Map<string, ResolvedPosition[]> {
  const groups = new Map<string, ResolvedPosition[]>();
  for (const r of positions) {
    const list = groups.get(r.position.settlementAsset) ?? [];
    list.push(r);
    groups.set(r.position.settlementAsset, list);
  }
  return groups;
}

export function buildModePools(mode: ModeName, account: ResolvedAccount, collateral: AccountCollateral, policy: AllocationPolicy): ModePools {
  const name = account.book.account;
  const pools: Pool[] = [];
  const free: FreeBalance[] = [];
  const allocation: AllocationEntry[] = [];
  const warnings: string[] = [];
  let freeAssetCollateral: readonly AssetCollateral[] = collateral.assetCollateral;
  const groups = groupBySettlement(account.positions);
  const assets = new Set([...groups.keys(), ...collateral.cashByAsset.keys()]);
  for (const asset of [...assets].sort()) {
    const group = groups.get(asset) ?? [];
    const cash = collateral.cashByAsset.get(asset) ?? 0;
    const takesAssetCollateral = asset === collateral.primaryLinearAsset;
    if (mode === 'cross') {
      const isolatedMargins = group.reduce((s, r) => s + (r.position.isolatedMargin ?? 0), 0);
      if (group.length === 0) {
        free.push({ asset, amount: cash });
        continue;
      }
      pools.push(crossPool(name, asset, cash + isolatedMargins, takesAssetCollateral ? collateral.assetCollateral : [], group.map((r) => ({ position: r.position, schedule: r.cross }))));
      if (takesAssetCollateral) freeAssetCollateral = [];
    } else if (mode === 'exported') {
      const crossRows = group.filter((r) => r.position.marginMode === 'cross');
      for (const r of group) if (r.position.marginMode === 'isolated') pools.push(isolatedPool(name, r, r.position.isolatedMargin ?? 0));
      if (crossRows.length === 0) {
        free.push({ asset, amount: cash });
        continue;
      }
      pools.push(crossPool(name, asset, cash, takesAssetCollateral ? collateral.assetCollateral : [], crossRows.map((r) => ({ position: r.position, schedule: r.cross }))));
      if (takesAssetCollateral) freeAssetCollateral = [];
    } else {
      const crossRows = group.filter((r) => r.position.marginMode === 'cross');
      const result = allocateWallet(crossRows, cash, policy);
      if (result.scale < 1) {
        warnings.push(
          `isolated mode: after every position's maintenance floor, the ${asset} wallet (${cash}) covers ${(result.scale * 100).toFixed(1)} % of the margins at leverage; allocations scaled`,
        );
      }
      if (crossRows.length > 0 && cash <= 0) {
        warnings.push(`isolated mode: no ${asset} wallet to allocate; former cross positions hold zero margin`);
      }
      const fallen = crossRows.filter((_, i) => !result.standing[i]).map((r) => r.position.positionId);
      if (fallen.length > 0) {
        warnings.push(
          `isolated mode: the ${asset} wallet (${cash}) cannot keep ${fallen.join(', ')} above maintenance at the marks; ${fallen.length === 1 ? 'it is' : 'they are'} liquidatable at once isolated`,
        );
      }
      let k = 0;
      for (const r of group) {
        if (r.position.marginMode === 'isolated') {
          const margin = r.position.isolatedMargin ?? 0;
          const floor = maintenanceFloor(r);
          pools.push(isolatedPool(name, r, margin));
          allocation.push({ positionId: r.position.positionId, asset, exportedMargin: margin, margin, policy: 'exported', scale: 1, maintenanceFloor: floor, standing: margin > floor });
        } else {
          const i = k++;
          const margin = result.margins[i]!;
          pools.push(isolatedPool(name, r, margin));
          allocation.push({ positionId: r.position.positionId, asset, exportedMargin: null, margin, policy, scale: result.scale, maintenanceFloor: result.floors[i]!, standing: result.standing[i]! });
        }
      }
      free.push({ asset, amount: result.freeBalance });
    }
  }
  return { pools, free, freeAssetCollateral, allocation, warnings };
}
