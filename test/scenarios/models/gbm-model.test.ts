import { describe, expect, it } from 'vitest';
import { choleskyLower } from '../../../src/scenarios/correlation/cholesky.js';
import { correlateSteps } from '../../../src/scenarios/models/correlate-in-place.js';
import { createGbmModel } from '../../../src/scenarios/models/gbm-model.js';
import { allocatePathBuffers, unitScaleFill, type PathModel } from '../../../src/scenarios/models/path-model.js';
import { fillStandardNormal } from '../../../src/scenarios/random/standard-normal.js';
import { streamForBlock } from '../../../src/scenarios/random/stream-for-block.js';
import { correlation, sampleMoments } from '../sample-moments.js';

const YEAR = 1;
const DAY = YEAR / 365;

/** Terminal log returns ln(S_T / S_0) of every path, per asset: out[a][path]. */
function terminalLogReturns(vols: number[], rho: number, horizonYears: number, nSteps: number, nPaths: number, seed: number): Float64Array[] {
  const n = vols.length;
  const corr = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : rho)));
  const model = createGbmModel({ volAnnual: vols, choleskyFactor: choleskyLower(corr), nSteps, dtYears: horizonYears / nSteps });
  const { logReturns, stepVarianceScale } = allocatePathBuffers(model);
  const out = vols.map(() => new Float64Array(nPaths));
  const rng = streamForBlock(seed, 0);
  for (let p = 0; p < nPaths; p++) {
    model.fillPath(rng, logReturns, stepVarianceScale);
    for (let a = 0; a < n; a++) {
      let sum = 0;
      for (let s = 0; s < nSteps; s++) sum += logReturns[s * n + a]!;
      out[a]![p] = sum;
    }
  }
  return out;
}

describe('gbm model', () => {
  const vols = [0.8, 1.2];
  const T = 7 * DAY;
  const nPaths = 50_000;
  const [x1, x2] = terminalLogReturns(vols, 0.6, T, 24, nPaths, 1) as [Float64Array, Float64Array];

  it('has zero drift in price: E[S_T] = S_0 within 3 standard errors', () => {
    // SE of mean(S_T/S_0) = sqrt(exp(σ²T) - 1) / sqrt(n): 0.00497 for σ = 0.8, 0.00747 for σ = 1.2.
    vols.forEach((vol, a) => {
      const x = a === 0 ? x1 : x2;
      const gross = x.map(Math.exp);
      const se = Math.sqrt(Math.expm1(vol * vol * T)) / Math.sqrt(nPaths);
      expect(Math.abs(sampleMoments(gross).mean - 1)).toBeLessThan(3 * se);
    });
  });

  it('has Var[ln S_T] = σ² T and E[ln S_T] = -σ² T / 2 within 3 standard errors', () => {
    vols.forEach((vol, a) => {
      const m = sampleMoments(a === 0 ? x1 : x2);
      const variance = vol * vol * T;
      expect(Math.abs(m.variance - variance)).toBeLessThan(3 * variance * Math.sqrt(2 / (nPaths - 1)));
      expect(Math.abs(m.mean + variance / 2)).toBeLessThan(3 * Math.sqrt(variance / nPaths));
    });
  });

  it('correlates the assets as asked', () => {
    // SE of a sample correlation ≈ (1 - ρ²) / sqrt(n) = 0.00286.
    expect(Math.abs(correlation(x1, x2) - 0.6)).toBeLessThan(3 * 0.00286);
  });

  it('reports σ² Δt per step and a variance scale of 1', () => {
    const model = createGbmModel({ volAnnual: [0.5], choleskyFactor: null, nSteps: 10, dtYears: DAY });
    expect(model.stepVariance[0]).toBeCloseTo(0.25 * DAY, 18);
    const buffers = allocatePathBuffers(model);
    model.fillPath(streamForBlock(1, 0), buffers.logReturns, buffers.stepVarianceScale);
    expect(Array.from(buffers.stepVarianceScale)).toEqual(new Array(10).fill(1));
  });

  it('says its scales stay at 1: fillReturns writes fillPath\'s log returns from the same draws', () => {
    const model = createGbmModel({ volAnnual: [0.5, 0.9], choleskyFactor: choleskyLower([[1, 0.4], [0.4, 1]]), nSteps: 6, dtYears: DAY });
    const unit = unitScaleFill(model);
    expect(unit).not.toBeNull();
    const full = allocatePathBuffers(model);
    const alone = allocatePathBuffers(model);
    const rngFull = streamForBlock(4, 2);
    const rngAlone = streamForBlock(4, 2);
    for (let p = 0; p < 3; p++) {
      full.stepVarianceScale.fill(7);
      model.fillPath(rngFull, full.logReturns, full.stepVarianceScale);
      unit!.fillReturns(rngAlone, alone.logReturns);
      expect(alone.logReturns).toEqual(full.logReturns);
      expect(Array.from(full.stepVarianceScale)).toEqual(new Array(6).fill(1));
    }
    expect(rngAlone.nextInt32()).toBe(rngFull.nextInt32());
    expect(() => unit!.fillReturns(streamForBlock(1, 0), new Float64Array(11))).toThrow(/too short/);
  });

  it('a model that copies the GBM model but brings its own fillPath gets no returns-only fill', () => {
    const gbm = createGbmModel({ volAnnual: [0.5], choleskyFactor: null, nSteps: 4, dtYears: DAY });
    const wrapped: PathModel = {
      ...gbm,
      fillPath(rng, logReturns, stepVarianceScale): void {
        gbm.fillPath(rng, logReturns, stepVarianceScale);
        stepVarianceScale.fill(2);
      },
    };
    expect(wrapped.unitScales).toBeDefined();
    expect(unitScaleFill(wrapped)).toBeNull();
    expect(unitScaleFill({ fillPath: gbm.fillPath })).toBeNull();
  });

  it('gives identical paths for the same seed and block', () => {
    const a = terminalLogReturns([0.5, 0.7], 0.3, DAY, 8, 10, 99);
    const b = terminalLogReturns([0.5, 0.7], 0.3, DAY, 8, 10, 99);
    expect(a).toEqual(b);
  });

  it('rejects bad inputs', () => {
    expect(() => createGbmModel({ volAnnual: [-0.1], choleskyFactor: null, nSteps: 1, dtYears: DAY })).toThrow(/volAnnual/);
    expect(() => createGbmModel({ volAnnual: [0.1], choleskyFactor: null, nSteps: 0, dtYears: DAY })).toThrow(/nSteps/);
    const model = createGbmModel({ volAnnual: [0.1, 0.2], choleskyFactor: null, nSteps: 4, dtYears: DAY });
    expect(() => model.fillPath(streamForBlock(1, 0), new Float64Array(7), new Float64Array(4))).toThrow(/too short/);
  });

  it('fills exactly the readable form: all the normals of the path, then drift + (σ L) z step by step', () => {
    // The WebAssembly kernels (normals, then the correlation four steps and two pairs of rows at a
    // time) against fillStandardNormal and correlateSteps, bit for bit, for every asset count mod 4
    // (a last pair alone, full or a lone row; a second pair that is a lone row) and step counts
    // that are not multiples of four; nothing is written past the path.
    for (const n of [2, 3, 4, 5, 6, 7, 8, 10]) {
      for (const nSteps of [1, 3, 4, 9]) {
        const vols = Array.from({ length: n }, (_, a) => 0.4 + 0.15 * a);
        const corr = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0.3 + 0.05 * ((i + j) % 3))));
        const factor = choleskyLower(corr);
        const dtYears = DAY / 24;
        const model = createGbmModel({ volAnnual: vols, choleskyFactor: factor, nSteps, dtYears });
        const scaled = new Float64Array(n * n);
        for (let a = 0; a < n; a++) for (let b = 0; b <= a; b++) scaled[a * n + b] = vols[a]! * Math.sqrt(dtYears) * factor[a * n + b]!;
        const drift = Float64Array.from(vols, (v) => -0.5 * v * v * dtYears);
        const fast = streamForBlock(5, n);
        const slow = streamForBlock(5, n);
        const logReturns = new Float64Array(nSteps * n + 1).fill(7);
        const z = new Float64Array(nSteps * n);
        const expected = new Float64Array(nSteps * n);
        for (let p = 0; p < 20; p++) {
          model.fillPath(fast, logReturns, new Float64Array(nSteps));
          fillStandardNormal(slow, z);
          correlateSteps(scaled, n, z, expected, drift, nSteps);
          expect(Array.from(logReturns.subarray(0, nSteps * n))).toEqual(Array.from(expected));
          expect(logReturns[nSteps * n]).toBe(7);
        }
        expect(fast.nextUint32()).toBe(slow.nextUint32());
      }
    }
  });

  it('fills uncorrelated assets exactly as drift + σ z, value by value (the scaleShift kernel)', () => {
    // One asset (two steps at a time in the kernel's SIMD lanes, odd step counts leave one) and
    // several independent ones (no factor, and an identity factor), bit for bit against the loop.
    for (const n of [1, 2, 3, 7]) {
      for (const nSteps of [1, 2, 5, 96]) {
        for (const factor of [null, choleskyLower(Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))))]) {
          const vols = Array.from({ length: n }, (_, a) => 0.3 + 0.2 * a);
          const dtYears = DAY / 24;
          const model = createGbmModel({ volAnnual: vols, choleskyFactor: factor, nSteps, dtYears });
          const fast = streamForBlock(9, n * 100 + nSteps);
          const slow = streamForBlock(9, n * 100 + nSteps);
          const logReturns = new Float64Array(nSteps * n + 1).fill(7);
          const z = new Float64Array(nSteps * n);
          for (let p = 0; p < 10; p++) {
            model.fillPath(fast, logReturns, new Float64Array(nSteps));
            fillStandardNormal(slow, z);
            const expected = Array.from(z, (value, cell) => {
              const a = cell % n;
              const variance = vols[a]! * vols[a]! * dtYears;
              return -0.5 * variance + vols[a]! * Math.sqrt(dtYears) * value;
            });
            expect(Array.from(logReturns.subarray(0, nSteps * n))).toEqual(expected);
            expect(logReturns[nSteps * n]).toBe(7);
          }
          expect(fast.nextUint32()).toBe(slow.nextUint32());
        }
      }
    }
  });

  it('correlates by the lower-triangular factor, step by step (correlateSteps)', () => {
    const n = 3;
    const factor = Float64Array.from([2, 99, 99, 1, 3, 99, -1, 0.5, 4]);
    const z = Float64Array.from([1, 2, 3, -1, 0, 2]);
    const out = new Float64Array(6);
    correlateSteps(factor, n, z, out, Float64Array.from([10, 20, 30]), 2);
    expect(Array.from(out)).toEqual([10 + 2, 20 + 1 + 6, 30 - 1 + 1 + 12, 10 - 2, 20 - 1 + 0, 30 + 1 + 0 + 8]);
  });
});
