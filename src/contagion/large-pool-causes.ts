// Cause shares in a large cross pool, per path, in time linear in the pool's size. The exact rule
// (`cause-shares.ts`, `PoolDrawdowns`) gives every victim a share from every other member, so a
// path costs O(entries × members) and a pool of thousands of positions grows quadratically
// (4,000 positions × 1,000 paths took minutes and 2.8 GB). Above EXACT_POOL_MEMBERS members, the
// shares are the same formulas taken over each path's PATH_CAUSES largest candidates only:
//
//   victim v liquidated at step s; group G_s = members liquidated at s; d_k⁺ = max(drawdown, 0)
//     losses_v = Σ_{k∈G_s, k≠v} d_k⁺,  net_v = Σ_{k∈G_s, k≠v} d_k    (one pass per group, then
//                                      minus v's own term; summed afresh, in member order, for a
//                                      v holding half the group's losses or more, where the
//                                      subtraction would cancel)
//     net_v > 0 and losses_v > 0: share_c = d_c⁺ / losses_v for the PATH_CAUSES largest d_c⁺ of
//                                 G_s other than v (ties: lower member index first); the rest of
//                                 the share, 1 − Σ listed, names no position
//     otherwise:                  v itself, share 1 (as the exact rule)
//   rescue r: the same over every member with the horizon gains G_k⁺ and net Σ_{k≠r} G_k; no
//     gain (net or positive part) → the shared collateral, as the exact rule.
//
// Every cause listed on a path gets exactly its exact share on that path, so an entry's listed
// share of a cause is a lower bound of its exact share; the rows that sum them keep the largest
// causes and read them as lower bounds too (cause-sums.ts), and what the listed causes do not
// cover is reported as `othersShare`. The candidates are chosen once per group and path
// (O(members × PATH_CAUSES) at worst, O(members) on most paths), then each entry costs
// O(PATH_CAUSES).

import type { RescueAttribution, VictimAttribution } from './cause-shares.js';
import type { CauseSums } from './cause-sums.js';
import type { PoolDrawdowns } from './pool-drawdowns.js';

/** Pools up to this many members get the exact rule (every member's share, on every path). */
export const EXACT_POOL_MEMBERS = 256;

/** Candidates a path names per group in a larger pool (more than the TOP_CAUSES an entry lists). */
export const PATH_CAUSES = 16;

/** CandidateGroup.key: nothing held yet; the rescues' group (every member, horizon gains). */
const NONE = -2;
const RESCUES = -3;

/**
 * One group's candidates on one path: its PATH_CAUSES + 1 largest positive values (one more than
 * listed, so dropping the entry itself still leaves PATH_CAUSES), largest first, and its sums.
 */
class CandidateGroup {
  readonly members = new Int32Array(PATH_CAUSES + 1);
  count = 0;
  /** Σ of the positive values, Σ of the values. */
  positive = 0;
  net = 0;
  /** What the group is (a victim step, or RESCUES); NONE: nothing held. */
  key = NONE;

  /** Members with `step[k] === key` (every member when `step` is null), from `values`. */
  hold(size: number, values: Float64Array, step: Int32Array | null, key: number): void {
    const members = this.members;
    const capacity = PATH_CAUSES + 1;
    let count = 0;
    let positive = 0;
    let net = 0;
    for (let k = 0; k < size; k++) {
      if (step !== null && step[k] !== key) continue;
      const x = values[k]!;
      net += x;
      if (!(x > 0)) continue;
      positive += x;
      if (count === capacity && !(x > values[members[capacity - 1]!]!)) continue;
      // Insert in order (largest first; an equal value stays after the earlier member).
      let at = count < capacity ? count++ : capacity - 1;
      while (at > 0 && x > values[members[at - 1]!]!) {
        members[at] = members[at - 1]!;
        at--;
      }
      members[at] = k;
    }
    this.count = count;
    this.positive = positive;
    this.net = net;
    this.key = key;
  }
}

/**
 * The per-path scratch of the large-pool rule, reused: the victims' group (of the last victim's
 * step) and the rescues' group are held apart, so a path with both in one pool chooses each once.
 */
export class LargePoolCauses {
  private readonly victims = new CandidateGroup();
  private readonly rescues = new CandidateGroup();
  /** The group's sums without the current entry (othersTotals). */
  private othersPositive = 0;
  private othersNet = 0;

  /** Forget the candidates (a new pool or path). */
  reset(): void {
    this.victims.key = NONE;
    this.rescues.key = NONE;
  }

  /**
   * Victim `v` (pool-local) of the pool in `drawdowns`: its shares added to row v of `sums`
   * (pool `pool`).
   */
  addVictim(drawdowns: PoolDrawdowns, pool: number, v: number, sums: CauseSums): VictimAttribution {
    const step = drawdowns.step;
    const own = step[v]!;
    const group = this.victims;
    if (group.key !== own) group.hold(drawdowns.size, drawdowns.drawdown, step, own);
    this.othersTotals(group, drawdowns.size, drawdowns.drawdown, step, v);
    if (!(this.othersNet > 0 && this.othersPositive > 0)) {
      sums.addCause(pool, v, v, 1);
      return 'self';
    }
    this.listShares(group, drawdowns.drawdown, pool, v, this.othersPositive, sums);
    return 'others';
  }

  /** Rescue `r` (pool-local): as `addVictim`, with the horizon gains of every member. */
  addRescue(drawdowns: PoolDrawdowns, pool: number, r: number, sums: CauseSums): RescueAttribution {
    const group = this.rescues;
    if (group.key !== RESCUES) group.hold(drawdowns.size, drawdowns.gain, null, RESCUES);
    this.othersTotals(group, drawdowns.size, drawdowns.gain, null, r);
    if (!(this.othersNet > 0 && this.othersPositive > 0)) return 'collateral';
    this.listShares(group, drawdowns.gain, pool, r, this.othersPositive, sums);
    return 'others';
  }

  /**
   * Σ of the positive values and Σ of the values of the group's members other than `self`, into
   * othersPositive and othersNet: the group's sums minus self's term, or, when self holds half
   * the positive sum or more (the difference would cancel), summed afresh in member order.
   */
  private othersTotals(group: CandidateGroup, size: number, values: Float64Array, step: Int32Array | null, self: number): void {
    const x = values[self]!;
    if (!(x > 0 && x >= 0.5 * group.positive)) {
      this.othersPositive = group.positive - (x > 0 ? x : 0);
      this.othersNet = group.net - x;
      return;
    }
    let positive = 0;
    let net = 0;
    for (let k = 0; k < size; k++) {
      if (k === self || (step !== null && step[k] !== group.key)) continue;
      net += values[k]!;
      if (values[k]! > 0) positive += values[k]!;
    }
    this.othersPositive = positive;
    this.othersNet = net;
  }

  /** value_c / total for the group's candidates other than `self` (PATH_CAUSES of them at most). */
  private listShares(group: CandidateGroup, values: Float64Array, pool: number, self: number, total: number, sums: CauseSums): void {
    let named = 0;
    for (let i = 0; i < group.count && named < PATH_CAUSES; i++) {
      const c = group.members[i]!;
      if (c === self) continue;
      sums.addCause(pool, self, c, values[c]! / total);
      named++;
    }
  }
}
