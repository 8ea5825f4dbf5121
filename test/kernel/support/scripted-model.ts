// Test helper: a path model that replays fixed log returns on every path, with zero variance
// (so the bridge never fires): constructed paths with known outcomes.

import type { PathModel } from '../../../src/scenarios/models/path-model.js';
import type { Xoshiro128 } from '../../../src/scenarios/random/xoshiro128.js';

/** `steps[k][a]`: log return of asset a over step k, the same on every path. */
export function scriptedModel(steps: readonly (readonly number[])[], stepHours = 1): PathModel {
  const nAssets = steps[0]?.length ?? 0;
  const flat = Float64Array.from(steps.flat());
  return {
    kind: 'gbm',
    nAssets,
    nSteps: steps.length,
    dtYears: stepHours / (24 * 365),
    stepVariance: new Float64Array(nAssets),
    fillPath(_rng: Xoshiro128, logReturns: Float64Array, stepVarianceScale: Float64Array): void {
      logReturns.set(flat);
      stepVarianceScale.fill(1);
    },
  };
}
