// Victims and rescues of one account folded one path at a time, in memory that does not grow
// with the number of paths: per position, how often it was a victim or a rescue, and per
// (cause, position) pair of a cross pool the sum of the cause's shares (`cause-sums.ts`). Each
// pool is read once per path (`pool-drawdowns.ts`), so a path costs O(positions + Σ entries ×
// pool size) in flat loops; each entry lists its top causes (`top-causes.ts`).
//
//   victim v on a path:  liquidated in cross (liquidationStep(cross, v) >= 0) and never
//                        liquidated isolated (liquidationStep(isolated, v) < 0)
//   rescue r on a path:  the reverse
//   probability        = count / paths, standard error sqrt(p (1 − p) / paths)
//   cause share        = Σ_paths share / count (averaged over the entry's own paths)
//   matrix[c][v]       = Σ_paths share_c→v / paths
// Shares per path follow `cause-shares.ts`; in a pool of more than EXACT_POOL_MEMBERS members,
// each entry is given the shares of its path's PATH_CAUSES largest candidates only
// (`large-pool-causes.ts`), so a path costs O(pool size + entries × PATH_CAUSES) there; the sums
// are dense up to 2,048 members and beyond in rows of at most ROW_CAUSES causes (`cause-sums.ts`,
// memory O(pool size)); what the listed causes do not cover is the entry's `othersShare`.
// A position alone in its cross pool is an entry like any other (the contract's definition has no
// exception): nothing else can drag it down or hold it up, so its rescue is held up by the shared
// wallet alone (collateralShare 1, no causes), and its rare victim (a wallet whose collateral
// assets fall with the market) names itself as its one cause.

import { proportionWithStandardError } from '../kernel/tail-statistics.js';
import { CauseSums } from './cause-sums.js';
import type { ContagionLayout } from './contagion-layout.js';
import type { ContagionPath, FlatPathCells } from './contagion-path.js';
import type { AccountContagion, ContagionEntry, ContagionMatrix } from './contagion-summary.js';
import { EXACT_POOL_MEMBERS, LargePoolCauses } from './large-pool-causes.js';
import { PoolDrawdowns } from './pool-drawdowns.js';
import { topCauses } from './top-causes.js';

function byIdThen(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The listed causes of one entry with their sums (for the matrix). */
interface KeptCauses {
  readonly entry: ContagionEntry;
  /** Global position index and Σ share of each listed cause, in listed order. */
  readonly sums: readonly { readonly c: number; readonly sum: number }[];
}

export class ContagionAccumulator {
  private paths = 0;
  private readonly victimCount: Float64Array;
  private readonly rescueCount: Float64Array;
  /** Σ share of cause c in victim v's liquidations, per pool (pool-local indices). */
  private readonly victimShares: CauseSums;
  /** Σ share of helper c in rescue r. */
  private readonly rescueShares: CauseSums;
  /** Σ collateral share of each rescue. */
  private readonly rescueCollateral: Float64Array;
  private readonly largePool = new LargePoolCauses();
  private readonly poolSizes: Int32Array;
  private readonly drawdowns: PoolDrawdowns;
  private readonly scratch: Float64Array;
  /** The current path's flat cells (reused). */
  private readonly cells: FlatPathCells = { steps: new Int32Array(0), pnl: new Float64Array(0), loss: new Float64Array(0), isolated: 0, cross: 0 };

  constructor(readonly layout: ContagionLayout) {
    const n = layout.positionCount;
    this.victimCount = new Float64Array(n);
    this.rescueCount = new Float64Array(n);
    this.rescueCollateral = new Float64Array(n);
    const pools = layout.poolMemberStart.length - 1;
    this.poolSizes = new Int32Array(pools);
    let largest = 0;
    for (let i = 0; i < pools; i++) {
      this.poolSizes[i] = layout.poolMemberStart[i + 1]! - layout.poolMemberStart[i]!;
      largest = Math.max(largest, this.poolSizes[i]!);
    }
    this.victimShares = new CauseSums(this.poolSizes);
    this.rescueShares = new CauseSums(this.poolSizes);
    this.drawdowns = new PoolDrawdowns(largest);
    this.scratch = new Float64Array(largest);
  }

  /** Paths folded so far. */
  get pathCount(): number {
    return this.paths;
  }

  /** Fold one path (a kernel `PathRecordView`, a replay's record, or an `ArrayContagionPath`). */
  add(path: ContagionPath): void {
    const layout = this.layout;
    const shares = this.scratch;
    const drawdowns = this.drawdowns;
    const cells = this.cells;
    path.flatCells(cells);
    const steps = cells.steps;
    const cross = cells.cross;
    const isolated = cells.isolated;
    this.paths++;
    const { poolMemberStart, poolMembers } = layout;
    const poolSizes = this.poolSizes;
    for (let pool = 0; pool < poolSizes.length; pool++) {
      const m = poolSizes[pool]!;
      const start = poolMemberStart[pool]!;
      const large = m > EXACT_POOL_MEMBERS;
      let read = false;
      for (let v = 0; v < m; v++) {
        const j = poolMembers[start + v]!;
        const inCross = steps[cross + j]! >= 0;
        const inIsolated = steps[isolated + j]! >= 0;
        if (inCross === inIsolated) continue;
        if (!read) {
          drawdowns.fill(layout, cells, start, start + m);
          this.largePool.reset();
          read = true;
        }
        if (large) {
          this.addLargePoolEntry(pool, v, j, inCross);
          continue;
        }
        if (inCross) {
          this.victimCount[j]! += 1;
          const sums = this.victimShares.denseRow(pool);
          if (sums !== null) drawdowns.addVictimShares(v, sums, v * m);
          else {
            drawdowns.victimShares(v, shares);
            this.victimShares.addRow(pool, v, shares);
          }
        } else {
          this.rescueCount[j]! += 1;
          const sums = this.rescueShares.denseRow(pool);
          let byOthers: boolean;
          if (sums !== null) byOthers = drawdowns.addRescueShares(v, sums, v * m);
          else {
            byOthers = drawdowns.rescueShares(v, shares);
            this.rescueShares.addRow(pool, v, shares);
          }
          if (!byOthers) this.rescueCollateral[j]! += 1;
        }
      }
    }
  }

  /** Victim or rescue `v` (pool-local; position j) of a pool of more than EXACT_POOL_MEMBERS. */
  private addLargePoolEntry(pool: number, v: number, j: number, victim: boolean): void {
    const largePool = this.largePool;
    if (victim) {
      this.victimCount[j]! += 1;
      largePool.addVictim(this.drawdowns, pool, v, this.victimShares);
    } else {
      this.rescueCount[j]! += 1;
      if (largePool.addRescue(this.drawdowns, pool, v, this.rescueShares) === 'collateral') this.rescueCollateral[j]! += 1;
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
    this.victimShares.merge(other.victimShares);
    this.rescueShares.merge(other.rescueShares);
  }

  /** The summary over the paths folded so far (throws when there are none). */
  finish(): AccountContagion {
    if (this.paths === 0) throw new Error('ContagionAccumulator.finish: no paths were added');
    const victims = this.entries(this.victimCount, this.victimShares, null);
    const rescues = this.entries(this.rescueCount, this.rescueShares, this.rescueCollateral);
    return { paths: this.paths, victims: victims.map((k) => k.entry), rescues: rescues.map((k) => k.entry), matrix: this.matrix(victims) };
  }

  private entries(counts: Float64Array, sums: CauseSums, collateral: Float64Array | null): KeptCauses[] {
    const { positionIds, positionCount: n, crossPool, poolMemberStart, poolMembers } = this.layout;
    const local = new Int32Array(n);
    for (let k = 0; k < n; k++) local[poolMembers[k]!] = k - poolMemberStart[crossPool[poolMembers[k]!]!]!;
    const shares = this.scratch;
    const rowSums = new Float64Array(shares.length);
    const out: KeptCauses[] = [];
    for (let j = 0; j < n; j++) {
      const count = counts[j]!;
      if (count === 0) continue;
      const pool = crossPool[j]!;
      const start = poolMemberStart[pool]!;
      const m = this.poolSizes[pool]!;
      shares.fill(0, 0, m);
      sums.forEachCause(pool, local[j]!, (c, sum) => {
        rowSums[c] = sum;
        shares[c] = sum / count;
      });
      const top = topCauses(shares, m, (c) => positionIds[poolMembers[start + c]!]!);
      const p = proportionWithStandardError(count, this.paths);
      const collateralShare = collateral === null ? 0 : collateral[j]! / count;
      let others: { othersShare?: number; otherCauses?: number } = top.othersShare === undefined ? {} : { othersShare: top.othersShare, otherCauses: top.otherCauses! };
      if (m > EXACT_POOL_MEMBERS) {
        // The large-pool rule: what the listed causes do not cover (causes no path named, the
        // bounded rows' errors, the causes beyond the top ones) is the others' share.
        let listed = collateralShare;
        for (const c of top.kept) listed += shares[c]!;
        const rest = 1 - listed;
        if (rest > 1e-12 || top.othersShare !== undefined) others = { othersShare: Math.max(0, rest), otherCauses: top.otherCauses ?? 0 };
      }
      const entry: ContagionEntry = {
        positionId: positionIds[j]!,
        probability: p.value,
        standardError: p.standardError ?? 0,
        causes: top.kept.map((c) => ({ positionId: positionIds[poolMembers[start + c]!]!, share: shares[c]! })),
        collateralShare,
        ...others,
      };
      out.push({ entry, sums: top.kept.map((c) => ({ c: poolMembers[start + c]!, sum: rowSums[c]! })) });
    }
    return out.sort((a, b) => b.entry.probability - a.entry.probability || byIdThen(a.entry.positionId, b.entry.positionId));
  }

  private matrix(victims: readonly KeptCauses[]): ContagionMatrix {
    const { positionIds } = this.layout;
    // cause → (victim column → Σ share)
    const rows = new Map<number, Map<number, number>>();
    victims.forEach((victim, column) => {
      for (const { c, sum } of victim.sums) {
        const row = rows.get(c) ?? new Map<number, number>();
        row.set(column, sum);
        rows.set(c, row);
      }
    });
    const order = [...rows.entries()].map(([c, row]) => ({ c, row, total: [...row.values()].reduce((s, x) => s + x, 0) }));
    order.sort((a, b) => b.total - a.total || byIdThen(positionIds[a.c]!, positionIds[b.c]!));
    return {
      causeIds: order.map((r) => positionIds[r.c]!),
      victimIds: victims.map((v) => v.entry.positionId),
      probability: order.map((r) => victims.map((_, column) => (r.row.get(column) ?? 0) / this.paths)),
    };
  }
}
