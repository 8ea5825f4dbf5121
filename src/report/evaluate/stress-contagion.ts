// The contract's per-account `contagion` object for `evaluate --stress`: the stresses are
// deterministic scenarios, so, as for a replay, every entry has probability 1 (it happens in at
// least one of them); entries that happen in none are not listed. The scenarios are, for each
// position, its symbol moved alone to the position's isolated liquidation price and to the price
// that liquidates its cross pool.
//   victims: liquidated in cross but not isolated in some scenario (at either price)
//   rescues: liquidated isolated but not in cross in some scenario (at the isolated price)
//   causes:  each cause's share averaged over the scenarios where the entry happens, largest
//            first, the top TOP_CAUSES listed and the rest summed in `othersShare`; a rescue's shares plus its `collateralShare` (held up by the pool's shared
//            collateral rather than by another position's gain) sum to 1, a victim's to 1

import type { ContagionEntry } from '../../contagion/contagion-summary.js';
import type { AccountStress } from '../../contagion/stress-account.js';
import { TOP_CAUSES } from '../../contagion/top-causes.js';

export interface StressContagionEntry {
  readonly positionId: string;
  /** 1: it happens in at least one stress scenario. */
  readonly probability: 1;
  /** Largest share first. */
  readonly causes: readonly { readonly positionId: string; readonly share: number }[];
  /** Scenarios in which it happens. */
  readonly scenarios: number;
  /** Rescues only: the average share carried by the shared collateral. */
  readonly collateralShare?: number;
  /** The average share of causes not listed (only the top causes are), when any. */
  readonly othersShare?: number;
}

interface StressContagion {
  /** Deterministic scenarios considered (positions with a liquidation price, times two at most). */
  readonly scenarios: number;
  readonly victims: readonly StressContagionEntry[];
  readonly rescues: readonly StressContagionEntry[];
}

/** Folds the entries of every scenario: average cause shares per position id, first-seen order. */
function fold(groups: readonly (readonly ContagionEntry[])[], withCollateral: boolean): StressContagionEntry[] {
  const byId = new Map<string, { count: number; collateral: number; others: number; shares: Map<string, number> }>();
  for (const entries of groups) {
    for (const entry of entries) {
      let acc = byId.get(entry.positionId);
      if (acc === undefined) byId.set(entry.positionId, (acc = { count: 0, collateral: 0, others: 0, shares: new Map() }));
      acc.count++;
      acc.collateral += entry.collateralShare;
      acc.others += entry.othersShare ?? 0;
      for (const cause of entry.causes) acc.shares.set(cause.positionId, (acc.shares.get(cause.positionId) ?? 0) + cause.share);
    }
  }
  return [...byId.entries()].map(([positionId, acc]) => {
    const causes = [...acc.shares.entries()]
      .map(([id, total]) => ({ positionId: id, share: total / acc.count }))
      .sort((a, b) => b.share - a.share || (a.positionId < b.positionId ? -1 : a.positionId > b.positionId ? 1 : 0));
    // Top causes only (top-causes.ts): what a scenario left unnamed, and what the fold cuts here.
    let othersShare = acc.others / acc.count;
    for (let i = TOP_CAUSES; i < causes.length; i++) othersShare += causes[i]!.share;
    const truncated = acc.others > 0 || causes.length > TOP_CAUSES;
    return {
      positionId,
      probability: 1 as const,
      causes: causes.slice(0, TOP_CAUSES),
      scenarios: acc.count,
      ...(withCollateral ? { collateralShare: acc.collateral / acc.count } : {}),
      ...(truncated ? { othersShare } : {}),
    };
  });
}

/** The stress of one account as the contract's `contagion` shape (see the file header). */
export function stressContagion(stress: AccountStress): StressContagion {
  let scenarios = 0;
  for (const entry of stress.stress) scenarios += (entry.price === null ? 0 : 1) + (entry.crossLiquidationPrice === null ? 0 : 1);
  return {
    scenarios,
    victims: fold(stress.stress.flatMap((entry) => [entry.victims, entry.victimsAtCrossLiquidation]), false),
    rescues: fold(stress.stress.map((entry) => entry.rescues), true),
  };
}
