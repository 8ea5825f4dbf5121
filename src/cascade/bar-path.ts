// A replay's bars as the cascade's exogenous path: each bar is walked through its extremes in
// three sub-steps, open → low → high → close for a rising bar (close >= open) and open → high →
// low → close for a falling one (the usual assumption when only OHLC is known), so a cascade set
// off by a wick within a bar is found even when the bar closes back. Bars without their own
// extremes (closes only) have low/high = the closes at both ends: the sub-steps then move once
// and stay. Steps reported by the replay (liquidation steps, ADL steps, the fund's path) are bars:
// engine sub-step k belongs to bar ceil(k / 3).

import type { ReplayPricePath } from '../scenarios/events/replay-path.js';
import type { ExogenousPath } from './cascade-path.js';

export const SUB_STEPS_PER_BAR = 3;

/** The exogenous log returns of `path`, SUB_STEPS_PER_BAR per bar. */
export function barPath(path: ReplayPricePath): ExogenousPath {
  const n = path.assets.length;
  const nSteps = path.nSteps * SUB_STEPS_PER_BAR;
  const logReturns = new Float64Array(nSteps * n);
  for (let bar = 0; bar < path.nSteps; bar++) {
    for (let a = 0; a < n; a++) {
      const k = bar * n + a;
      const open = bar === 0 ? path.marks[a]! : path.close[k - n]!;
      const close = path.close[k]!;
      const [first, second] = close >= open ? [path.low[k]!, path.high[k]!] : [path.high[k]!, path.low[k]!];
      const base = bar * SUB_STEPS_PER_BAR;
      logReturns[base * n + a] = Math.log(first / open);
      logReturns[(base + 1) * n + a] = Math.log(second / first);
      logReturns[(base + 2) * n + a] = Math.log(close / second);
    }
  }
  return { nSteps, logReturns };
}

/** The bar an engine step belongs to (0: at the start prices). */
export function barOfStep(step: number, subStepsPerBar: number = SUB_STEPS_PER_BAR): number {
  return Math.ceil(step / subStepsPerBar);
}
