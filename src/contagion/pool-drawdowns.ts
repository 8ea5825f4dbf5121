// The cause shares of `cause-shares.ts` for every victim and rescue of one cross pool on one path,
// computed from the pool's members read once into flat arrays (pool-local index k = position
// `poolMembers[poolMemberStart[pool] + k]`). Reading the path once per pool instead of once per
// (victim, member) pair keeps a path with many victims in a large pool to one tight loop per
// victim over contiguous memory. The arithmetic — which members count, the order of the sums,
// the divisions — is exactly that of `victimCauseShares` / `rescueCauseShares` (the readable
// definitions, which the tests hold this twin to), so results are bit-identical.

import { beyondRounding } from './cause-shares.js';
import type { ContagionLayout } from './contagion-layout.js';
import { MODE_CROSS, type FlatPathCells } from './contagion-path.js';

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

  constructor(maxPoolSize: number) {
    this.step = new Int32Array(maxPoolSize);
    this.drawdown = new Float64Array(maxPoolSize);
    this.gain = new Float64Array(maxPoolSize);
  }

  /** Read the members `start..end` of the layout's pool from a path's flat cells. */
  fill(layout: ContagionLayout, path: FlatPathCells, start: number, end: number): void {
    this.size = end - start;
    const cross = path.base + MODE_CROSS * layout.positionCount;
    for (let k = 0; k < this.size; k++) {
      const j = layout.poolMembers[start + k]!;
      const step = path.steps[cross + j]!;
      this.step[k] = step;
      const now = layout.pnlNow[j]!;
      if (step >= 0) {
        const then = path.pnl[cross + j]!;
        this.drawdown[k] = beyondRounding(now - then, now, then);
      } else {
        this.drawdown[k] = 0;
      }
      const loss = path.loss[cross + j]!;
      this.gain[k] = beyondRounding(-loss, now, loss);
    }
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

  /**
   * The shares of victim `v` added into a row of sums, `row[at + k] += share_k` (a dense row of
   * `CauseSums.denseRow`, or a zeroed scratch row for `victimShares`): two passes over the pool,
   * the losses of the others at v's step, then each one's share. Returns true for `others`.
   */
  addVictimShares(v: number, row: Float64Array, at: number): boolean {
    const m = this.size;
    const step = this.step;
    const drawdown = this.drawdown;
    const own = step[v]!;
    let net = 0;
    let losses = 0;
    for (let k = 0; k < m; k++) {
      if (k === v || step[k] !== own) continue;
      const d = drawdown[k]!;
      net += d;
      if (d > 0) losses += d;
    }
    if (net > 0 && losses > 0) {
      for (let k = 0; k < m; k++) {
        if (k === v || step[k] !== own) continue;
        const d = drawdown[k]!;
        if (d > 0) row[at + k]! += d / losses;
      }
      return true;
    }
    row[at + v]! += 1;
    return false;
  }

  /** The shares of rescue `r` added into a row of sums (see `addVictimShares`). Returns true for `others`. */
  addRescueShares(r: number, row: Float64Array, at: number): boolean {
    const m = this.size;
    const gain = this.gain;
    let net = 0;
    let gains = 0;
    for (let k = 0; k < m; k++) {
      if (k === r) continue;
      const g = gain[k]!;
      net += g;
      if (g > 0) gains += g;
    }
    if (!(net > 0 && gains > 0)) return false;
    for (let k = 0; k < m; k++) {
      if (k === r) continue;
      const g = gain[k]!;
      if (g > 0) row[at + k]! += g / gains;
    }
    return true;
  }
}
