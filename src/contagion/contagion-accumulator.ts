// Victims and rescues of one account folded one path at a time, in memory that does not grow
// with the number of paths: per position, how often it was a victim or a rescue, and per
// (cause, position) pair that ever occurred the sum of the cause's shares (kept sparse: at most
// the pairs of positions sharing a cross pool, in practice far fewer).
//
//   victim v on a path:  liquidated in cross (liquidationStep(cross, v) >= 0) and never
//                        liquidated isolated (liquidationStep(isolated, v) < 0)
//   rescue r on a path:  the reverse
//   probability        = count / paths, standard error sqrt(p (1 − p) / paths)
//   cause share        = Σ_paths share / count (averaged over the entry's own paths)
//   matrix[c][v]       = Σ_paths share_c→v / paths
// Shares per path follow `cause-shares.ts`. A position alone in its cross pool has no contagion:
// nothing else can drag it down or hold it up, and any difference between its modes comes only
// from how much collateral backs it, which the modes' own liquidation probabilities show.

import { proportionWithStandardError } from '../kernel/tail-statistics.js';
import { rescueCauseShares, victimCauseShares } from './cause-shares.js';
import type { ContagionLayout } from './contagion-layout.js';
import { MODE_CROSS, MODE_ISOLATED, type ContagionPath } from './contagion-path.js';
import type { AccountContagion, ContagionCause, ContagionEntry, ContagionMatrix } from './contagion-summary.js';

function byIdThen(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Add the non-zero `shares` of pool members `start..end` as causes of position `j`. */
function addShares(sums: Map<number, number>, layout: ContagionLayout, start: number, end: number, j: number, shares: Float64Array): void {
  const n = layout.positionCount;
  for (let k = start; k < end; k++) {
    const c = layout.poolMembers[k]!;
    const share = shares[c]!;
    if (share !== 0) sums.set(c * n + j, (sums.get(c * n + j) ?? 0) + share);
  }
}

export class ContagionAccumulator {
  private paths = 0;
  private readonly victimCount: Float64Array;
  private readonly rescueCount: Float64Array;
  /** Σ share of cause c in victim v's liquidations, keyed `c * n + v`. */
  private readonly victimShares = new Map<number, number>();
  /** Σ share of helper c in rescue r, keyed `c * n + r`. */
  private readonly rescueShares = new Map<number, number>();
  /** Σ collateral share of each rescue. */
  private readonly rescueCollateral: Float64Array;
  private readonly scratch: Float64Array;

  constructor(readonly layout: ContagionLayout) {
    const n = layout.positionCount;
    this.victimCount = new Float64Array(n);
    this.rescueCount = new Float64Array(n);
    this.rescueCollateral = new Float64Array(n);
    this.scratch = new Float64Array(n);
  }

  /** Paths folded so far. */
  get pathCount(): number {
    return this.paths;
  }

  /** Fold one path (a kernel `PathRecordView`, a replay's record, or an `ArrayContagionPath`). */
  add(path: ContagionPath): void {
    const layout = this.layout;
    const n = layout.positionCount;
    const shares = this.scratch;
    this.paths++;
    for (let j = 0; j < n; j++) {
      const pool = layout.crossPool[j]!;
      const start = layout.poolMemberStart[pool]!;
      const end = layout.poolMemberStart[pool + 1]!;
      if (end - start < 2) continue;
      const inCross = path.liquidationStep(MODE_CROSS, j) >= 0;
      const inIsolated = path.liquidationStep(MODE_ISOLATED, j) >= 0;
      if (inCross === inIsolated) continue;
      if (inCross) {
        this.victimCount[j]! += 1;
        victimCauseShares(layout, path, j, shares);
        addShares(this.victimShares, layout, start, end, j, shares);
      } else {
        this.rescueCount[j]! += 1;
        const attribution = rescueCauseShares(layout, path, j, shares);
        if (attribution === 'collateral') this.rescueCollateral[j]! += 1;
        addShares(this.rescueShares, layout, start, end, j, shares);
      }
    }
  }

  /** Fold another accumulator over the same layout (e.g. one per block, merged in block order). */
  merge(other: ContagionAccumulator): void {
    if (other.layout.positionCount !== this.layout.positionCount) throw new Error('ContagionAccumulator.merge: layouts differ');
    this.paths += other.paths;
    const arrays: [Float64Array, Float64Array][] = [
      [this.victimCount, other.victimCount],
      [this.rescueCount, other.rescueCount],
      [this.rescueCollateral, other.rescueCollateral],
    ];
    for (const [into, from] of arrays) for (let i = 0; i < into.length; i++) into[i]! += from[i]!;
    for (const [into, from] of [
      [this.victimShares, other.victimShares],
      [this.rescueShares, other.rescueShares],
    ] as const) {
      for (const [key, sum] of from) into.set(key, (into.get(key) ?? 0) + sum);
    }
  }

  /** The summary over the paths folded so far (throws when there are none). */
  finish(): AccountContagion {
    if (this.paths === 0) throw new Error('ContagionAccumulator.finish: no paths were added');
    const victims = this.entries(this.victimCount, this.victimShares, null);
    const rescues = this.entries(this.rescueCount, this.rescueShares, this.rescueCollateral);
    return { paths: this.paths, victims, rescues, matrix: this.matrix(victims) };
  }

  /** The (cause, position, sum) triples of `sums`, grouped by position. */
  private byPosition(sums: ReadonlyMap<number, number>): Map<number, { c: number; sum: number }[]> {
    const n = this.layout.positionCount;
    const grouped = new Map<number, { c: number; sum: number }[]>();
    for (const [key, sum] of sums) {
      if (!(sum > 0)) continue;
      const j = key % n;
      const list = grouped.get(j) ?? [];
      list.push({ c: (key - j) / n, sum });
      grouped.set(j, list);
    }
    return grouped;
  }

  private entries(counts: Float64Array, sums: ReadonlyMap<number, number>, collateral: Float64Array | null): ContagionEntry[] {
    const { positionIds, positionCount: n } = this.layout;
    const grouped = this.byPosition(sums);
    const out: ContagionEntry[] = [];
    for (let j = 0; j < n; j++) {
      const count = counts[j]!;
      if (count === 0) continue;
      const causes: ContagionCause[] = (grouped.get(j) ?? []).map(({ c, sum }) => ({ positionId: positionIds[c]!, share: sum / count }));
      causes.sort((a, b) => b.share - a.share || byIdThen(a.positionId, b.positionId));
      const p = proportionWithStandardError(count, this.paths);
      out.push({
        positionId: positionIds[j]!,
        probability: p.value,
        standardError: p.standardError ?? 0,
        causes,
        collateralShare: collateral === null ? 0 : collateral[j]! / count,
      });
    }
    return out.sort((a, b) => b.probability - a.probability || byIdThen(a.positionId, b.positionId));
  }

  private matrix(victims: readonly ContagionEntry[]): ContagionMatrix {
    const { positionIds } = this.layout;
    const grouped = this.byPosition(this.victimShares);
    const index = new Map<string, number>();
    positionIds.forEach((id, j) => index.set(id, j));
    // cause → (victim column → Σ share)
    const rows = new Map<number, Map<number, number>>();
    victims.forEach((victim, column) => {
      for (const { c, sum } of grouped.get(index.get(victim.positionId)!) ?? []) {
        const row = rows.get(c) ?? new Map<number, number>();
        row.set(column, sum);
        rows.set(c, row);
      }
    });
    const order = [...rows.entries()].map(([c, row]) => ({ c, row, total: [...row.values()].reduce((s, x) => s + x, 0) }));
    order.sort((a, b) => b.total - a.total || byIdThen(positionIds[a.c]!, positionIds[b.c]!));
    return {
      causeIds: order.map((r) => positionIds[r.c]!),
      victimIds: victims.map((v) => v.positionId),
      probability: order.map((r) => victims.map((_, column) => (r.row.get(column) ?? 0) / this.paths)),
    };
  }
}
