// Probability that a cross pool reaches its joint liquidation boundary within the horizon, from
// paths of its two risk factors (every other mark held, as on the boundary grid):
//   hit on a path  ⇔  h(fA_k, fB_k) <= 0 at some monitoring step k = 0 … nSteps
//   probability    = hits / paths, standard error sqrt(p (1 − p) / paths)
// with h the exact two-factor health (`two-factor-health.ts`), fA_k, fB_k the factors' price
// factors after step k (1 at k = 0). Monitoring is at step ends: a path that crosses the boundary
// and comes back between two steps is missed, so this is a lower bound of the continuously
// monitored probability, converging to it as steps get shorter (the kernel's bridge correction
// does not apply to a two-dimensional boundary without its gradient).
//
// `modelFactorPaths` draws the paths exactly as the path kernel does for the same model, seed
// and block size (block b from `streamForBlock(seed, b)`, per path: the model's fill, then the two
// monitor words), so the estimate is on the very paths of the simulation it accompanies.

import { proportionWithStandardError } from '../kernel/tail-statistics.js';
import { DEFAULT_BLOCK_SIZE } from '../kernel/run-block.js';
import type { Pool } from '../margin/pool.js';
import { allocatePathBuffers, type PathModel } from '../scenarios/models/path-model.js';
import { streamForBlock } from '../scenarios/random/stream-for-block.js';
import { twoFactorHealth } from './two-factor-health.js';

/**
 * Paths of two price factors. `forEachPath` calls `visit` once per path, in path order, with
 * `factors[2k]` and `factors[2k + 1]` the first and second factor's price relative to now after
 * step k + 1 (k = 0 … nSteps − 1); the buffer is reused between calls.
 */
export interface FactorPathSource {
  readonly paths: number;
  readonly nSteps: number;
  forEachPath(visit: (factors: Float64Array) => void): void;
}

export interface BoundaryHitEstimate {
  readonly firstAsset: string;
  readonly secondAsset: string;
  readonly paths: number;
  readonly probability: number;
  readonly standardError: number;
  readonly monitoring: 'step-end';
}

/** Estimate the probability that `pool` is liquidated along `source`'s paths of the two factors. */
export function boundaryHitProbability(pool: Pool, firstAsset: string, secondAsset: string, source: FactorPathSource): BoundaryHitEstimate {
  const surface = twoFactorHealth(pool, firstAsset, secondAsset);
  const liquidatedNow = surface.liquidatable(1, 1);
  let hits = 0;
  let seen = 0;
  source.forEachPath((factors) => {
    seen++;
    if (liquidatedNow) {
      hits++;
      return;
    }
    for (let k = 0; k < source.nSteps; k++) {
      if (surface.liquidatable(factors[2 * k]!, factors[2 * k + 1]!)) {
        hits++;
        return;
      }
    }
  });
  if (seen !== source.paths) throw new Error(`boundaryHitProbability: the source visited ${seen} paths, announced ${source.paths}`);
  const p = proportionWithStandardError(hits, seen);
  return { firstAsset, secondAsset, paths: seen, probability: p.value, standardError: p.standardError ?? 0, monitoring: 'step-end' };
}

/**
 * The estimate from a count: `hits` of `paths` paths reached the boundary (the path kernel's
 * two-factor probe, kernel/two-factor-probe.ts, counts them on the simulation's own paths with
 * the same surface and test as `boundaryHitProbability`).
 */
export function boundaryHitFromCount(firstAsset: string, secondAsset: string, hits: number, paths: number): BoundaryHitEstimate {
  if (!(Number.isInteger(paths) && paths >= 1 && Number.isInteger(hits) && hits >= 0 && hits <= paths)) {
    throw new Error(`boundaryHitFromCount: ${hits} hits of ${paths} paths`);
  }
  const p = proportionWithStandardError(hits, paths);
  return { firstAsset, secondAsset, paths, probability: p.value, standardError: p.standardError ?? 0, monitoring: 'step-end' };
}

/**
 * Factor paths of columns `firstColumn` and `secondColumn` of `model`, drawn as the path kernel
 * draws them for `seed`, `paths` and `blockSize` (default: the kernel's).
 */
export function modelFactorPaths(model: PathModel, firstColumn: number, secondColumn: number, seed: number, paths: number, blockSize = DEFAULT_BLOCK_SIZE): FactorPathSource {
  if (!(firstColumn >= 0 && firstColumn < model.nAssets && secondColumn >= 0 && secondColumn < model.nAssets && firstColumn !== secondColumn)) {
    throw new Error(`modelFactorPaths: columns ${firstColumn} and ${secondColumn} must be distinct columns of a ${model.nAssets}-asset model`);
  }
  if (!Number.isInteger(paths) || paths < 1 || !Number.isInteger(blockSize) || blockSize < 1) {
    throw new Error(`modelFactorPaths: paths and blockSize must be positive integers, got ${paths}, ${blockSize}`);
  }
  const nSteps = model.nSteps;
  return {
    paths,
    nSteps,
    forEachPath(visit) {
      const buffers = allocatePathBuffers(model);
      const factors = new Float64Array(2 * nSteps);
      const n = model.nAssets;
      for (let first = 0, block = 0; first < paths; first += blockSize, block++) {
        const rng = streamForBlock(seed, block);
        const count = Math.min(blockSize, paths - first);
        for (let p = 0; p < count; p++) {
          model.fillPath(rng, buffers.logReturns, buffers.stepVarianceScale);
          rng.nextUint32();
          rng.nextUint32();
          let logA = 0;
          let logB = 0;
          for (let k = 0; k < nSteps; k++) {
            logA += buffers.logReturns[k * n + firstColumn]!;
            logB += buffers.logReturns[k * n + secondColumn]!;
            factors[2 * k] = Math.exp(logA);
            factors[2 * k + 1] = Math.exp(logB);
          }
          visit(factors);
        }
      }
    },
  };
}
