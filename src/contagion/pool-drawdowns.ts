// The cause shares of `cause-shares.ts` for every victim and rescue of one cross pool on one path,
// computed from the pool's members read once into flat arrays (pool-local index k = position
// `poolMembers[poolMemberStart[pool] + k]`). Reading the path once per pool instead of once per
// (victim, member) pair keeps a path with many victims in a large pool to one tight loop per
// victim over contiguous memory. The arithmetic — which members count, the order of the sums,
// the divisions — is exactly that of `victimCauseShares` / `rescueCauseShares` (the readable
// definitions, which the tests hold this twin to), so results are bit-identical.
//
// The members that share out an entry (the gainers for rescues, the losers at a step for victims)
// are listed once per path, in order, with their total and each one's share of it: an entry that
// is not itself among them has exactly that total (it adds nothing to the sum it is left out of),
// so it takes the listed shares without a division or a sign test per member.
//
// Whether the others' net drawdown (gain) is positive is read from the pool's whole in-order sum
// and sum of magnitudes (per step for drawdowns), kept with the lists, unless rounding could
// decide it (`others-sum-sign.ts`); only then is the sum without the entry taken in order.

import { beyondRounding } from './cause-shares.js';
import type { ContagionLayout } from './contagion-layout.js';
import type { FlatPathCells } from './contagion-path.js';
import { othersSumSign, SUM_POSITIVE, SUM_UNDECIDED } from './others-sum-sign.js';

/** One pool's members on one path, pool-local; sized for the largest pool and reused. */
export class PoolDrawdowns {
  /** Members in the pool now. */
  size = 0;
  /** Cross liquidation step of each member (-1: never). */
  readonly step: Int32Array;
  /** Drawdown from now to its cross liquidation (only where step >= 0), rounding removed. */
  readonly drawdown: Float64Array;
  /** Gain to the horizon in cross (−loss), rounding removed. */
  readonly gain: Float64Array;

  /** The members with a positive gain, in order (`gainerCount` of them), listed on first use after `fill`. */
  private readonly gainers: Int32Array;
  private gainerCount = -1;
  /** Σ of the positive gains, in member order, and gain_k / that sum per gainer k. */
  private gainTotal = 0;
  private readonly gainShare: Float64Array;
  /** Σ of every member's gain in member order, and Σ |gain| (read by `othersGained`). */
  private gainSum = 0;
  private gainMagnitude = 0;
  /** The members liquidated at step `loserStep` with a positive drawdown, in order, and the same. */
  private readonly losers: Int32Array;
  private loserCount = 0;
  private loserStep = NO_STEP;
  private lossTotal = 0;
  private readonly lossShare: Float64Array;
  /** Σ of the drawdowns of the members at `loserStep`, in member order, and Σ |drawdown|. */
  private stepSum = 0;
  private stepMagnitude = 0;

  constructor(maxPoolSize: number) {
    this.step = new Int32Array(maxPoolSize);
    this.drawdown = new Float64Array(maxPoolSize);
    this.gain = new Float64Array(maxPoolSize);
    this.gainers = new Int32Array(maxPoolSize);
    this.gainShare = new Float64Array(maxPoolSize);
    this.losers = new Int32Array(maxPoolSize);
    this.lossShare = new Float64Array(maxPoolSize);
  }

  /** Read the members `start..end` of the layout's pool from a path's flat cells. */
  fill(layout: ContagionLayout, path: FlatPathCells, start: number, end: number): void {
    this.size = end - start;
    this.gainerCount = -1;
    this.loserStep = NO_STEP;
    const cross = path.cross;
    const { poolMembers, pnlNow } = layout;
    const { steps, pnl, loss: losses } = path;
    let gainSum = 0;
    let gainMagnitude = 0;
    for (let k = 0; k < this.size; k++) {
      const j = poolMembers[start + k]!;
      const step = steps[cross + j]!;
      this.step[k] = step;
      const now = pnlNow[j]!;
      if (step >= 0) {
        const then = pnl[cross + j]!;
        this.drawdown[k] = beyondRounding(now - then, now, then);
      } else {
        this.drawdown[k] = 0;
      }
      const loss = losses[cross + j]!;
      const gain = beyondRounding(-loss, now, loss);
      this.gain[k] = gain;
      gainSum += gain;
      gainMagnitude += Math.abs(gain);
    }
    this.gainSum = gainSum;
    this.gainMagnitude = gainMagnitude;
  }

  /**
   * `victimCauseShares` for pool-local victim `v`: shares into `out[0..size)`. Returns true for
   * `others`, false for `self` (`out[v] = 1`).
   */
  victimShares(v: number, out: Float64Array): boolean {
    out.fill(0, 0, this.size);
    return this.addVictimShares(v, out, 0);
  }

  /**
   * `rescueCauseShares` for pool-local rescue `r`: shares into `out[0..size)`. Returns true for
   * `others`, false for `collateral` (every share 0).
   */
  rescueShares(r: number, out: Float64Array): boolean {
    out.fill(0, 0, this.size);
    return this.addRescueShares(r, out, 0);
  }

  /** List the members with a positive gain (once per `fill`), their total and shares. */
  private listGainers(): void {
    if (this.gainerCount >= 0) return;
    const gain = this.gain;
    let count = 0;
    let total = 0;
    for (let k = 0; k < this.size; k++) {
      const g = gain[k]!;
      if (g > 0) {
        total += g;
        this.gainers[count++] = k;
      }
    }
    for (let i = 0; i < count; i++) this.gainShare[this.gainers[i]!] = gain[this.gainers[i]!]! / total;
    this.gainerCount = count;
    this.gainTotal = total;
  }

  /** List the members liquidated at `own` with a positive drawdown (once per `fill` and step), their total and shares. */
  private listLosers(own: number): void {
    if (this.loserStep === own) return;
    const step = this.step;
    const drawdown = this.drawdown;
    let count = 0;
    let total = 0;
    let sum = 0;
    let magnitude = 0;
    for (let k = 0; k < this.size; k++) {
      if (step[k] !== own) continue;
      const d = drawdown[k]!;
      sum += d;
      magnitude += Math.abs(d);
      if (d > 0) {
        total += d;
        this.losers[count++] = k;
      }
    }
    this.stepSum = sum;
    this.stepMagnitude = magnitude;
    for (let i = 0; i < count; i++) this.lossShare[this.losers[i]!] = drawdown[this.losers[i]!]! / total;
    this.loserCount = count;
    this.loserStep = own;
    this.lossTotal = total;
  }

  /**
   * The shares of victim `v` added into a row of sums, `row[at + k] += share_k` (a dense row of
   * `CauseSums.denseRow`, or a zeroed scratch row for `victimShares`): the others' net drawdown at
   * v's step, their losses (Σ of the positive drawdowns), then each loser's share. Returns true
   * for `others`.
   */
  addVictimShares(v: number, row: Float64Array, at: number): boolean {
    const drawdown = this.drawdown;
    const own = this.step[v]!;
    this.listLosers(own);
    const drained = this.othersDrained(v, own);
    const losers = this.losers;
    const count = this.loserCount;
    if (!(drawdown[v]! > 0)) {
      // v is not among the losers: their total is the losses without v, and the shares are theirs.
      if (drained && this.lossTotal > 0) {
        const share = this.lossShare;
        for (let i = 0; i < count; i++) row[at + losers[i]!]! += share[losers[i]!]!;
        return true;
      }
    } else {
      let losses = 0;
      for (let i = 0; i < count; i++) if (losers[i] !== v) losses += drawdown[losers[i]!]!;
      if (drained && losses > 0) {
        for (let i = 0; i < count; i++) {
          const k = losers[i]!;
          if (k !== v) row[at + k]! += drawdown[k]! / losses;
        }
        return true;
      }
    }
    row[at + v]! += 1;
    return false;
  }

  /**
   * The others' net drawdown at victim v's step `own` (listed by `listLosers(own)`) is positive:
   * Σ_{k≠v, step_k = own} drawdown_k > 0, in member order where the step's sum cannot tell.
   */
  private othersDrained(v: number, own: number): boolean {
    const step = this.step;
    const drawdown = this.drawdown;
    const sign = othersSumSign(this.stepSum, this.stepMagnitude, this.size, drawdown[v]!);
    if (sign !== SUM_UNDECIDED) return sign === SUM_POSITIVE;
    let net = 0;
    for (let k = 0; k < this.size; k++) if (k !== v && step[k] === own) net += drawdown[k]!;
    return net > 0;
  }

  /** The others' net gain is positive: Σ_{k≠r} gain_k > 0, in member order where the pool's sum cannot tell. */
  private othersGained(r: number): boolean {
    const gain = this.gain;
    const sign = othersSumSign(this.gainSum, this.gainMagnitude, this.size, gain[r]!);
    if (sign !== SUM_UNDECIDED) return sign === SUM_POSITIVE;
    let net = 0;
    for (let k = 0; k < r; k++) net += gain[k]!;
    for (let k = r + 1; k < this.size; k++) net += gain[k]!;
    return net > 0;
  }

  /** The shares of rescue `r` added into a row of sums (see `addVictimShares`). Returns true for `others`. */
  addRescueShares(r: number, row: Float64Array, at: number): boolean {
    const gain = this.gain;
    const helped = this.othersGained(r);
    this.listGainers();
    const gainers = this.gainers;
    const count = this.gainerCount;
    if (!(gain[r]! > 0)) {
      // r is not among the gainers: their total is the gains without r, and the shares are theirs.
      if (!(helped && this.gainTotal > 0)) return false;
      const share = this.gainShare;
      for (let i = 0; i < count; i++) row[at + gainers[i]!]! += share[gainers[i]!]!;
      return true;
    }
    let gains = 0;
    for (let i = 0; i < count; i++) if (gainers[i] !== r) gains += gain[gainers[i]!]!;
    if (!(helped && gains > 0)) return false;
    for (let i = 0; i < count; i++) {
      const k = gainers[i]!;
      if (k !== r) row[at + k]! += gain[k]! / gains;
    }
    return true;
  }
}

/** `loserStep` before any step is listed (liquidation steps are >= 0, -1 for none). */
const NO_STEP = -2;
