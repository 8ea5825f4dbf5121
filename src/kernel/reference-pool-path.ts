// One pool over the whole path in the readable reference (reference-path.ts): per step, a barrier
// pool against its exact thresholds (bridge or bars), a gradient pool by its health with the
// bridge on the linearised health (or the bars' adverse extremes), and the trigger point where
// the health reaches zero (crossing-point.ts, spelled out by bisection).

import { bridgeCrossLowerProbability, bridgeCrossUpperProbability } from '../scenarios/monitoring/brownian-bridge.js';
import { BISECTION_STEPS, CROSSING_EXPONENT_CUTOFF, MAX_EVENTS_PER_STEP, TRIGGER_LOG_RESOLUTION } from './monitoring-limits.js';
import { barrierEvents, liquidate, renew } from './reference-liquidation.js';
import { factorsAt, gradientAt, healthAt, type LivePool } from './reference-pool-health.js';
import type { Setting } from './reference-setting.js';

/**
 * The bridge's crossing probability of a lower barrier (`upper`: of an upper one) as the kernel
 * monitors it: 0 when its exponent 2 d0 d1 / v is at or above CROSSING_EXPONENT_CUTOFF.
 */
function monitoredCrossing(x0: number, x1: number, barrier: number, variance: number, upper: boolean): number {
  const d0 = upper ? barrier - x0 : x0 - barrier;
  const d1 = upper ? barrier - x1 : x1 - barrier;
  if (d0 > 0 && d1 > 0 && 2 * d0 * d1 >= CROSSING_EXPONENT_CUTOFF * variance) return 0;
  return upper ? bridgeCrossUpperProbability(x0, x1, barrier, variance) : bridgeCrossLowerProbability(x0, x1, barrier, variance);
}

/** Step covariance of the book assets, scaled by the step's variance factor. */
function covarianceOf(setting: Setting, scale: number): number[][] {
  const { layout } = setting.run;
  const cols = setting.assets.map((a) => layout.assets.indexOf(a));
  return cols.map((ca) =>
    cols.map((cb) => {
      const rho = ca === cb ? 1 : layout.correlation === null ? 0 : layout.correlation[ca * layout.assets.length + cb]!;
      return rho * Math.sqrt(layout.stepVariance[ca]!) * Math.sqrt(layout.stepVariance[cb]!) * scale;
    }),
  );
}

/**
 * Bisection of (lo, hi) for the `at` of a line whose unit of t spans `span` in log price, h(lo) > 0
 * >= h(hi), until the bracket spans less than TRIGGER_LOG_RESOLUTION: the final hi.
 */
function bisectLine(setting: Setting, live: LivePool, at: (t: number) => number[], lo: number, hi: number, span: number): number {
  for (let it = 0; it < BISECTION_STEPS && (hi - lo) * span >= TRIGGER_LOG_RESOLUTION; it++) {
    const mid = 0.5 * (lo + hi);
    if (healthAt(live, factorsAt(setting.assets, at(mid))).health > 0) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** The largest |v_a|: how far a unit of t moves the log prices. */
function spanOf(v: readonly number[]): number {
  return v.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
}

/** Log prices of a zero of h on the segment x0 → x1, by bisection (crossing-point.ts `segmentTrigger`). */
function segmentZero(setting: Setting, live: LivePool, x0: readonly number[], x1: readonly number[]): number[] {
  const at = (t: number): number[] => x0.map((v, a) => v + t * (x1[a]! - v));
  return at(bisectLine(setting, live, at, 0, 1, spanOf(x0.map((v, a) => x1[a]! - v))));
}

/** The bridge trigger of a gradient pool (crossing-point.ts `bridgeTrigger`). */
function bridgeZero(setting: Setting, live: LivePool, x0: number[], x1: number[], h0: number, h1: number, g: number[], covariance: number[][]): number[] {
  const tau = h0 / (h0 + h1);
  const base = x0.map((v, a) => v + tau * (x1[a]! - v));
  const direction = covariance.map((row) => -row.reduce((s, c, b) => s + c * g[b]!, 0));
  const slope = g.reduce((s, ga, a) => s + ga * direction[a]!, 0);
  const along = (t: number): number[] => base.map((v, a) => v + t * direction[a]!);
  const hBase = healthAt(live, factorsAt(setting.assets, base)).health;
  if (hBase <= 0) return segmentZero(setting, live, x0, base);
  if (!(slope < 0)) return base;
  let hi = hBase / -slope;
  let found = false;
  for (let it = 0; it < 40 && !found; it++) {
    if (healthAt(live, factorsAt(setting.assets, along(hi))).health <= 0) found = true;
    else hi *= 2;
  }
  if (!found) return base;
  return along(bisectLine(setting, live, along, 0, hi, spanOf(direction)));
}

/** The whole path for one pool. */
export function simulatePool(setting: Setting, live: LivePool): void {
  const { assets, cumulative, input } = setting;
  const nSteps = setting.run.layout.nSteps;
  const columns = setting.run.layout.assets.length;
  const column = (a: string): number => setting.run.layout.assets.indexOf(a);
  const zero = assets.map(() => 0);
  if (healthAt(live, factorsAt(assets, zero)).health <= 0 && live.alive) {
    if (live.barrierAsset !== null) barrierEvents(setting, live, live.barrierAsset, 0, 0, 0, 0, factorsAt(assets, zero));
    else if (liquidate(setting, live, factorsAt(assets, zero), 0)) renew(setting, live);
  }
  if (live.alive && live.barrierAsset === null) {
    live.healthPrev = healthAt(live, factorsAt(assets, zero)).health;
    live.gradientPrev = gradientAt(live, factorsAt(assets, zero), assets);
  }
  for (let k = 1; k <= nSteps && live.alive; k++) {
    const x0 = cumulative[k - 1]!;
    const x1 = cumulative[k]!;
    const scale = input.stepVarianceScale[k - 1]!;
    const row = (k - 1) * columns;
    if (live.barrierAsset !== null) {
      const asset = live.barrierAsset;
      const a = assets.indexOf(asset);
      let lowest = x1[a]!;
      let highest = x1[a]!;
      if (input.barLow !== undefined && input.barHigh !== undefined) {
        lowest = Math.min(lowest, x0[a]! + input.barLow[row + column(asset)]!);
        highest = Math.max(highest, x0[a]! + input.barHigh[row + column(asset)]!);
      }
      let hitLow = lowest <= live.low;
      let hitHigh = highest >= live.high;
      let pLow = hitLow ? 1 : 0;
      let pHigh = hitHigh ? 1 : 0;
      if (setting.bridge) {
        const variance = setting.run.layout.stepVariance[column(asset)]! * scale;
        if (!hitLow && live.low > -Infinity) {
          pLow = monitoredCrossing(x0[a]!, x1[a]!, live.low, variance, false);
          live.survivalLow *= 1 - pLow;
          hitLow = live.survivalLow <= live.thresholdLow;
        }
        if (!hitHigh && live.high < Infinity) {
          pHigh = monitoredCrossing(x0[a]!, x1[a]!, live.high, variance, true);
          live.survivalHigh *= 1 - pHigh;
          hitHigh = live.survivalHigh <= live.thresholdHigh;
        }
      }
      if (!hitLow && !hitHigh) continue;
      const useLow = hitLow && (!hitHigh || (input.barLow !== undefined ? x1[a]! <= x0[a]! : pLow >= pHigh));
      barrierEvents(setting, live, asset, useLow ? live.low : live.high, lowest, highest, k, factorsAt(assets, x1));
      continue;
    }
    // Gradient pool.
    const f1 = factorsAt(assets, x1);
    const h1 = healthAt(live, f1).health;
    const g1 = gradientAt(live, f1, assets);
    let trigger: number[] | null = null;
    if (input.barLow !== undefined && input.barHigh !== undefined) {
      const adverse = assets.map((asset, a) => x0[a]! + (live.gradientPrev[a]! >= 0 ? input.barLow![row + column(asset)]! : input.barHigh![row + column(asset)]!));
      if (healthAt(live, factorsAt(assets, adverse)).health <= 0) trigger = segmentZero(setting, live, x0, adverse);
      else if (h1 <= 0) trigger = segmentZero(setting, live, x0, x1);
    } else if (h1 <= 0) {
      trigger = segmentZero(setting, live, x0, x1);
    } else if (setting.bridge) {
      const gMid = g1.map((g, a) => 0.5 * (live.gradientPrev[a]! + g));
      const covariance = covarianceOf(setting, 1);
      const variance = gMid.reduce((s, ga, a) => s + ga * covariance[a]!.reduce((t, c, b) => t + c * gMid[b]!, 0), 0) * scale;
      if (variance > 0) {
        const p = monitoredCrossing(live.healthPrev, h1, 0, variance, false);
        live.survivalLow *= 1 - p;
        if (live.survivalLow <= live.thresholdLow) trigger = bridgeZero(setting, live, x0, x1, live.healthPrev, h1, gMid, covarianceOf(setting, scale));
      }
    }
    if (trigger === null) {
      live.healthPrev = h1;
      live.gradientPrev = g1;
      continue;
    }
    for (let events = 0; ; events++) {
      if (!liquidate(setting, live, factorsAt(assets, trigger), k, events >= MAX_EVENTS_PER_STEP)) break;
      renew(setting, live);
      const h = healthAt(live, f1).health;
      if (h > 0) {
        live.healthPrev = h;
        live.gradientPrev = gradientAt(live, f1, assets);
        break;
      }
      trigger = segmentZero(setting, live, trigger, x1);
    }
  }
}
