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

import type { ContagionCause, ContagionEntry } from './contagion-summary.js';
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

/**
 * Accounts of at most this many positions keep each entry's cause sums in a dense row (8 bytes a
 * position: 32 MB for 2,048 entries of 2,048); larger ones in a map by position.
 */
const DENSE_POSITIONS = 2_048;

interface FoldedSums {
  count: number;
  collateral: number;
  others: number;
  /** Σ share per cause, by the cause's index in the account (a row, or a map when large). */
  readonly shares: Float64Array | Map<number, number>;
}

/** The entries of every scenario of one kind (victims or rescues), folded per position id. */
export class StressFold {
  readonly #byId = new Map<string, FoldedSums>();
  readonly #indexOf: ReadonlyMap<string, number>;
  readonly #causeIndices = new WeakMap<readonly ContagionCause[], Int32Array>();

  /** `positionIds`: the account's (every cause is one); `withCollateral`: rescues (their entries carry `collateralShare`). */
  constructor(
    readonly positionIds: readonly string[],
    readonly withCollateral: boolean,
  ) {
    this.#indexOf = new Map(positionIds.map((id, i) => [id, i]));
  }

  /** One scenario's entries. */
  add(entries: readonly ContagionEntry[]): void {
    const n = this.positionIds.length;
    for (const entry of entries) {
      let sums = this.#byId.get(entry.positionId);
      if (sums === undefined) this.#byId.set(entry.positionId, (sums = { count: 0, collateral: 0, others: 0, shares: n <= DENSE_POSITIONS ? new Float64Array(n) : new Map() }));
      sums.count++;
      sums.collateral += entry.collateralShare;
      sums.others += entry.othersShare ?? 0;
      // Added in scenario order, as the shares of each (entry, cause) pair always were.
      const shares = sums.shares;
      const causes = entry.causes;
      const indices = this.#indicesOf(causes);
      if (shares instanceof Float64Array) {
        for (let k = 0; k < causes.length; k++) shares[indices[k]!]! += causes[k]!.share;
      } else {
        for (let k = 0; k < causes.length; k++) shares.set(indices[k]!, (shares.get(indices[k]!) ?? 0) + causes[k]!.share);
      }
    }
  }

  /** The account indices of a list of causes (looked up once per list: a stress's entries share theirs). */
  #indicesOf(causes: readonly ContagionCause[]): Int32Array {
    let indices = this.#causeIndices.get(causes);
    if (indices === undefined) {
      indices = Int32Array.from(causes, (cause) => this.#index(cause.positionId));
      this.#causeIndices.set(causes, indices);
    }
    return indices;
  }

  #index(positionId: string): number {
    const index = this.#indexOf.get(positionId);
    if (index === undefined) throw new Error(`StressFold: cause ${positionId} is not a position of the account`);
    return index;
  }

  /** Each cause's total (every listed share is positive, so a cause has a positive total). */
  #totals(shares: Float64Array | Map<number, number>): [number, number][] {
    if (!(shares instanceof Float64Array)) return [...shares.entries()];
    const totals: [number, number][] = [];
    for (let c = 0; c < shares.length; c++) if (shares[c]! > 0) totals.push([c, shares[c]!]);
    return totals;
  }

  /** Average cause shares per position id, first-seen order. */
  finish(): StressContagionEntry[] {
    return [...this.#byId.entries()].map(([positionId, sums]) => {
      const causes = this.#totals(sums.shares)
        .map(([c, total]) => ({ positionId: this.positionIds[c]!, share: total / sums.count }))
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
