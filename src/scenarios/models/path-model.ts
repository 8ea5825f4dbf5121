// The one interface every Monte Carlo price model implements: fill one path's per-step log
// returns into a caller-owned buffer, plus what the continuous-monitoring correction needs.
//
// Buffer layout (struct of arrays, step-major): `logReturns[step * nAssets + asset]` is the log
// return of `asset` over step `step`, i.e. ln(S[step+1] / S[step]). Prices follow as
// S[step+1] = S[step] · exp(logReturns[...]).

import type { Xoshiro128 } from '../random/xoshiro128.js';

export type PathModelKind = 'gbm' | 'student-t' | 'bootstrap';

export interface PathModel {
  readonly kind: PathModelKind;
  readonly nAssets: number;
  readonly nSteps: number;
  /** Length of one step in years (365-day years). */
  readonly dtYears: number;
  /**
   * Baseline variance of one step's log return for each asset (length nAssets): σ_a² Δt for the
   * parametric models, the history's variance per step for the bootstrap. The variance to use in
   * the Brownian-bridge crossing probability of step k is `stepVariance[a] * stepVarianceScale[k]`.
   */
  readonly stepVariance: Float64Array;
  /**
   * Fill one path: `logReturns` (length nSteps * nAssets) and `stepVarianceScale` (length nSteps,
   * the factor on `stepVariance` for each step; 1 except in the student-t model, where it is the
   * step's mixing variable). Allocates nothing; consumes random numbers from `rng` only.
   * (A model whose scales are always 1 says so with `unitScales`.)
   */
  fillPath(rng: Xoshiro128, logReturns: Float64Array, stepVarianceScale: Float64Array): void;
  /**
   * Present when `fillPath` leaves every step variance scale at 1 on every path (GBM): the same
   * fill without the scales, for a runner that keeps its scales at 1 itself (`unitScaleFill`).
   */
  readonly unitScales?: UnitScaleFill;
}

/**
 * A model's statement that its steps keep variance scale 1, tied to the `fillPath` it is about:
 * `fillReturns(rng, logReturns)` writes the same log returns from the same draws as
 * `fillPath(rng, logReturns, scales)`, which also sets `scales[0 .. nSteps)` to 1.
 */
export interface UnitScaleFill {
  /** The fillPath this holds for. */
  readonly fillPath: PathModel['fillPath'];
  fillReturns(rng: Xoshiro128, logReturns: Float64Array): void;
}

/**
 * The returns-only fill of `model` when its scales stay at 1, else null. A model that copies
 * another's fields but brings its own `fillPath` (a wrapper adding jumps, say) keeps the other's
 * `unitScales`, whose `fillPath` is then not its own: null, and its fillPath runs.
 */
export function unitScaleFill(model: Pick<PathModel, 'fillPath' | 'unitScales'>): UnitScaleFill | null {
  const unit = model.unitScales;
  return unit !== undefined && unit.fillPath === model.fillPath ? unit : null;
}

/** Buffers for one path of `model`, allocated once per run (or per worker) and reused. */
export interface PathBuffers {
  readonly logReturns: Float64Array;
  readonly stepVarianceScale: Float64Array;
}

export function allocatePathBuffers(model: PathModel): PathBuffers {
  return {
    logReturns: new Float64Array(model.nSteps * model.nAssets),
    stepVarianceScale: new Float64Array(model.nSteps),
  };
}

/** Throws unless the buffers fit the model (a caller bug). */
export function assertPathBuffers(model: PathModel, logReturns: Float64Array, stepVarianceScale: Float64Array): void {
  if (logReturns.length < model.nSteps * model.nAssets || stepVarianceScale.length < model.nSteps) {
    throw new Error(
      `${model.kind}.fillPath: buffers too short (logReturns ${logReturns.length} < ${model.nSteps * model.nAssets} or stepVarianceScale ${stepVarianceScale.length} < ${model.nSteps})`,
    );
  }
}

/** Throws unless the step grid is valid: nSteps a positive integer, dtYears positive and finite. */
export function assertStepGrid(functionName: string, nSteps: number, dtYears: number): void {
  if (!Number.isInteger(nSteps) || nSteps < 1) throw new Error(`${functionName}: nSteps must be a positive integer, got ${nSteps}`);
  if (!(dtYears > 0) || !Number.isFinite(dtYears)) throw new Error(`${functionName}: dtYears must be > 0, got ${dtYears}`);
}
