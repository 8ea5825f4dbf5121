// The contract's per-account `contagion` object for `evaluate --stress`: the stresses are
// deterministic scenarios, so, as for a replay, every entry has probability 1 (it happens in at
// least one of them); entries that happen in none are not listed. The scenarios are, for each
// position, its symbol moved alone to the position's isolated liquidation price and to the price
// that liquidates its cross pool.
//   victims: liquidated in cross but not isolated in some scenario (at either price)
//   rescues: liquidated isolated but not in cross in some scenario (at the isolated price)
//   causes:  each cause's share averaged over the scenarios where the entry happens, largest
//            first, the top TOP_CAUSES listed and the rest summed in `othersShare`; a rescue's
//            shares plus its `collateralShare` (held up by the pool's shared collateral rather
//            than by another position's gain) sum to 1, a victim's to 1
// Folded as the stresses are worked out, from every entry of every scenario (a stress lists only
// its largest entries, see stress-listing.ts), in scenario order: ids in first-seen order.

import type { ContagionEntry } from './contagion-summary.js';
import { TOP_CAUSES } from './top-causes.js';

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

export interface StressContagion {
  /** Deterministic scenarios considered (positions with a liquidation price, times two at most). */
  readonly scenarios: number;
  readonly victims: readonly StressContagionEntry[];
  readonly rescues: readonly StressContagionEntry[];
}

interface FoldedSums {
  count: number;
  collateral: number;
  others: number;
  readonly shares: Map<string, number>;
}

/** The entries of every scenario of one kind (victims or rescues), folded per position id. */
export class StressFold {
  readonly #byId = new Map<string, FoldedSums>();

  /** `withCollateral`: rescues (their entries carry `collateralShare`). */
  constructor(readonly withCollateral: boolean) {}

  /** One scenario's entries. */
  add(entries: readonly ContagionEntry[]): void {
    for (const entry of entries) {
      let sums = this.#byId.get(entry.positionId);
      if (sums === undefined) this.#byId.set(entry.positionId, (sums = { count: 0, collateral: 0, others: 0, shares: new Map() }));
      sums.count++;
      sums.collateral += entry.collateralShare;
      sums.others += entry.othersShare ?? 0;
      for (const cause of entry.causes) sums.shares.set(cause.positionId, (sums.shares.get(cause.positionId) ?? 0) + cause.share);
    }
  }

  /** Average cause shares per position id, first-seen order. */
  finish(): StressContagionEntry[] {
    return [...this.#byId.entries()].map(([positionId, sums]) => {
      const causes = [...sums.shares.entries()]
        .map(([id, total]) => ({ positionId: id, share: total / sums.count }))
        .sort((a, b) => b.share - a.share || (a.positionId < b.positionId ? -1 : a.positionId > b.positionId ? 1 : 0));
      // Top causes only (top-causes.ts): what a scenario left unnamed, and what the fold cuts here.
      let othersShare = sums.others / sums.count;
      for (let i = TOP_CAUSES; i < causes.length; i++) othersShare += causes[i]!.share;
      const truncated = sums.others > 0 || causes.length > TOP_CAUSES;
      return {
        positionId,
        probability: 1 as const,
        causes: causes.slice(0, TOP_CAUSES),
        scenarios: sums.count,
        ...(this.withCollateral ? { collateralShare: sums.collateral / sums.count } : {}),
        ...(truncated ? { othersShare } : {}),
      };
    });
  }
}
