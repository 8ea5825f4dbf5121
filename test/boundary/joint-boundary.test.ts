// The joint liquidation boundary of a two-asset cross pool with a closed form: with flat 1 %
// maintenance, a 12,000 wallet, 1 BTC long at 60,000 and 10 ETH long at 3,000,
//   h(x, y) = 12,000 + 60,000 x + 30,000 y − 600 (1 + x) − 300 (1 + y) = 11,100 + 59,400 x + 29,700 y.
// The boundary, the grid, the uniform and diagonal moves are checked against it, and the
// probability of reaching the boundary against the path kernel run on the same paths.

import { describe, expect, it } from 'vitest';
import { boundaryHitProbability, modelFactorPaths } from '../../src/boundary/boundary-hit-probability.js';
import { accountJointBoundary, gridMoves, jointLiquidationBoundary } from '../../src/boundary/joint-boundary.js';
import { modePoolsOf, prepareAccountOrThrow } from '../../src/margin/prepared-account.js';
import { riskFactors } from '../../src/boundary/risk-factors.js';
import { compileBook } from '../../src/kernel/compile-book.js';
import { runBlocks, runBlocksInProcess } from '../../src/kernel/run-blocks.js';
import { createGbmModel } from '../../src/scenarios/models/gbm-model.js';
import { makePosition } from '../support/make-position.js';
import { bookOf, btcLong, contextFor, ethLong, ethShort } from '../contagion/support/fixtures.js';

const positions = [btcLong, ethLong];
const account = prepareAccountOrThrow(bookOf(positions, 12_000), contextFor(positions), 'test');
const crossPool = modePoolsOf(account, 'cross').pools[0]!;
const h = (x: number, y: number) => 11_100 + 59_400 * x + 29_700 * y;

describe('jointLiquidationBoundary', () => {
  it('orders the risk factors by absolute net notional', () => {
    expect(riskFactors(crossPool)).toEqual([
      { asset: 'BTC', symbols: ['BTCUSDT'], netNotionalQuote: 60_000 },
      { asset: 'ETH', symbols: ['ETHUSDT'], netNotionalQuote: 30_000 },
    ]);
  });

  it('evaluates the grid exactly and solves the boundary along the second factor in closed form', () => {
    const boundary = jointLiquidationBoundary(crossPool, { points: 5 })!;
    expect(boundary.first.moves).toEqual([-0.6, -0.3, 0, 0.3, 0.6]);
    expect(boundary.second.asset).toBe('ETH');
    boundary.first.moves.forEach((x, i) =>
      boundary.second.moves.forEach((y, k) => {
        expect(boundary.health[i]![k]).toBeCloseTo(h(x, y), 6);
        expect(boundary.liquidated[i]![k]).toBe(h(x, y) <= 0);
      }),
    );
    const at = (x: number) => boundary.boundary.find((p) => p.x === x)!;
    // y*(x) = −(11,100 + 59,400 x) / 29,700 when that is a price move above −100 %.
    expect(at(0).below).toBeCloseTo(-11_100 / 29_700, 12);
    expect(at(0).above).toBeNull();
    expect(at(0.3).below).toBeCloseTo(-(11_100 + 59_400 * 0.3) / 29_700, 12);
    expect(at(0.6).below).toBeNull();
    // Already liquidated at (−60 %, 0): health comes back at y = 24,540 / 29,700.
    expect(at(-0.6).healthAtZero).toBeCloseTo(h(-0.6, 0), 6);
    expect(at(-0.6).above).toBeCloseTo(24_540 / 29_700, 12);
    expect(at(-0.6).below).toBeNull();
    // Both assets down together: 11,100 = 89,100 d.
    expect(boundary.uniformMove.down).toBeCloseTo(11_100 / 89_100, 12);
    expect(boundary.uniformMove.up).toBeNull();
    expect(boundary.diagonalMove.down).toBeCloseTo(11_100 / 89_100, 12);
    // Each factor alone, the other at its mark, exactly (not the grid's −30 %): BTC at
    // x = −11,100 / 59,400 = −18.69 %, ETH at y = −11,100 / 29,700 = −37.37 %.
    expect(boundary.alone.first.below).toBeCloseTo(-11_100 / 59_400, 12);
    expect(boundary.alone.first.above).toBeNull();
    expect(boundary.alone.second.below).toBeCloseTo(-11_100 / 29_700, 12);
    expect(boundary.alone.second.above).toBeNull();
  });

  it('holds the other marks: a third asset stays out of the diagonal move', () => {
    const sol = makePosition({ positionId: 'sol', symbol: 'SOLUSDT', size: 10, entryPrice: 150, markPrice: 150, leverage: 5 });
    const book = [btcLong, ethLong, sol];
    const pool = modePoolsOf(prepareAccountOrThrow(bookOf(book, 12_300), contextFor(book), 'test'), 'cross').pools[0]!;
    const boundary = jointLiquidationBoundary(pool, { points: 3 })!;
    // SOL adds 300 of margin and 15 of maintenance: h = 11,385 + 59,400 x + 29,700 y on the two axes.
    expect(boundary.diagonalMove.down).toBeCloseTo(11_385 / 89_100, 12);
    // All three down together: 11,385 = (89,100 + 1,485) d (SOL: 1,500 of notional less 1 % maintenance).
    expect(boundary.uniformMove.down).toBeCloseTo(11_385 / 90_585, 12);
  });

  it('picks the account’s largest cross pool', () => {
    const boundary = accountJointBoundary(bookOf(positions, 12_000), contextFor(positions), { points: 3 })!;
    expect(boundary.poolId).toBe(crossPool.poolId);
    expect(boundary.first.moves).toEqual([-0.6, 0, 0.6]);
  });

  it('is null for a one-asset pool and rejects a bad grid', () => {
    const btcOnly = modePoolsOf(prepareAccountOrThrow(bookOf([btcLong], 6_000), contextFor([btcLong]), 'test'), 'cross').pools[0]!;
    expect(jointLiquidationBoundary(btcOnly)).toBeNull();
    expect(() => gridMoves(-1, 0.5, 3)).toThrow(/gridMoves/);
    expect(gridMoves(-0.6, 0.6, 49)).toHaveLength(49);
  });
});

describe('boundaryHitProbability', () => {
  it('counts a path once it reaches the boundary at any step end', () => {
    // Path 1: both −20 % at step 2 (h = 11,100 − 11,880 − 5,940 < 0); path 2: ETH −10 % only.
    const paths = [Float64Array.from([1, 1, 0.8, 0.8, 1, 1]), Float64Array.from([1, 0.9, 1, 0.9, 1, 0.9])];
    const source = { paths: 2, nSteps: 3, forEachPath: (visit: (f: Float64Array) => void) => paths.forEach(visit) };
    expect(boundaryHitProbability(crossPool, 'BTC', 'ETH', source)).toEqual({ firstAsset: 'BTC', secondAsset: 'ETH', paths: 2, probability: 0.5, standardError: 0.25 * Math.SQRT2, monitoring: 'step-end' });
  });

  it('equals the path kernel’s step-end liquidation probability of the cross pool on the same paths', () => {
    const model = createGbmModel({ volAnnual: [1.5, 1.5], choleskyFactor: null, nSteps: 8, dtYears: 7 / 365 / 8 });
    const paths = 600;
    const blockSize = 256;
    const estimate = boundaryHitProbability(crossPool, 'BTC', 'ETH', modelFactorPaths(model, 0, 1, 42, paths, blockSize));
    const book = compileBook(account.resolved, account.collateral, account.policy);
    const outcome = runBlocksInProcess({ book, model, modelAssets: ['BTC', 'ETH'], correlation: null, seed: 42, paths, blockSize, options: { slippageBps: 0, monitoring: 'step-end' } });
    expect(estimate.paths).toBe(paths);
    expect(estimate.probability).toBeGreaterThan(0.05);
    expect(estimate.probability).toBe(outcome.modes.cross.liquidationProbability);
    expect(estimate.standardError).toBeCloseTo(Math.sqrt((estimate.probability * (1 - estimate.probability)) / paths), 15);
  });

  it('is what the kernel’s two-factor probe counts on the simulation’s own paths (third asset held, short and long legs)', async () => {
    const sol = makePosition({ positionId: 'sol', symbol: 'SOLUSDT', side: 'short', size: 100, entryPrice: 150, markPrice: 150, leverage: 5 });
    const members = [btcLong, ethShort, sol];
    const held = prepareAccountOrThrow(bookOf(members, 9_000), contextFor(members), 'test');
    const pool = modePoolsOf(held, 'cross').pools[0]!;
    const model = createGbmModel({ volAnnual: [1.2, 1.6, 2], choleskyFactor: null, nSteps: 12, dtYears: 7 / 365 / 12 });
    const assets = ['BTC', 'ETH', 'SOL'];
    const paths = 700;
    const blockSize = 128;
    const book = compileBook(held.resolved, held.collateral, held.policy);
    const crossPoolIndex = book.poolIds.indexOf(pool.poolId, book.modePoolStart[2]!);
    for (const [first, second] of [
      ['BTC', 'ETH'],
      ['ETH', 'SOL'],
    ] as const) {
      const estimate = boundaryHitProbability(pool, first, second, modelFactorPaths(model, assets.indexOf(first), assets.indexOf(second), 7, paths, blockSize));
      const probe = { pool: crossPoolIndex, firstAsset: book.assetNames.indexOf(first), secondAsset: book.assetNames.indexOf(second) };
      const outcome = await runBlocks({ book, model, modelAssets: assets, correlation: null, seed: 7, paths, blockSize, twoFactorProbe: probe });
      expect(estimate.probability).toBeGreaterThan(0.05);
      expect(estimate.probability).toBeLessThan(0.95);
      expect(outcome.twoFactorHits! / paths).toBe(estimate.probability);
    }
    // Without a probe there is no count.
    expect((await runBlocks({ book, model, modelAssets: assets, correlation: null, seed: 7, paths: 10, blockSize })).twoFactorHits).toBeUndefined();
  });
});
