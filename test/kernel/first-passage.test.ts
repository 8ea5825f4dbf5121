// Continuous monitoring against the closed form: the liquidation probability of an isolated
// position under GBM, simulated at 24 steps over 24 h, matches the first-passage probability of
// its exact liquidation price within 3 standard errors with the Brownian-bridge correction, and
// is biased low without it (the discretely monitored barrier is crossed too rarely).

import { describe, expect, it } from 'vitest';
import { runBlocksInProcess } from '../../src/kernel/run-blocks.js';
import { buildModePools } from '../../src/margin/mode-pools.js';
import { liquidationPrice } from '../../src/margin/liquidation-price.js';
import { createGbmModel } from '../../src/scenarios/models/gbm-model.js';
import { gbmHitAboveProbability, gbmHitBelowProbability } from '../../src/scenarios/monitoring/first-passage.js';
import { makePosition } from '../support/make-position.js';
import { testAccount } from './support/kernel-fixtures.js';

const VOL = 1.2;
const HOURS = 24;
const STEPS = 24;
const PATHS = 20_000;

function simulate(side: 'long' | 'short', monitoring: 'continuous' | 'step-end', seed: number) {
  const position = makePosition({ positionId: 'p', symbol: 'BTCUSDT', side, size: 1, entryPrice: 60_000, markPrice: 60_000, leverage: 10, marginMode: 'isolated', isolatedMargin: 6_000 });
  const account = testAccount([position], []);
  const pool = buildModePools('isolated', account.resolved, account.collateral, 'leverage').pools[0]!;
  const lp = liquidationPrice(pool, 'BTCUSDT')!;
  const model = createGbmModel({ volAnnual: [VOL], choleskyFactor: null, nSteps: STEPS, dtYears: HOURS / STEPS / (24 * 365) });
  const outcome = runBlocksInProcess({ book: account.book, model, modelAssets: ['BTC'], correlation: null, seed, paths: PATHS, options: { slippageBps: 0, monitoring } });
  const years = HOURS / (24 * 365);
  const exact = side === 'long' ? gbmHitBelowProbability(60_000, lp, VOL, years) : gbmHitAboveProbability(60_000, lp, VOL, years);
  return { estimate: outcome.modes.isolated.liquidationProbability, se: outcome.modes.isolated.standardErrors.liquidationProbability!, exact, outcome };
}

describe('liquidation probability vs closed-form first passage (GBM)', () => {
  for (const side of ['long', 'short'] as const) {
    it(`matches within 3 standard errors with the bridge correction (${side})`, () => {
      const { estimate, se, exact, outcome } = simulate(side, 'continuous', 11);
      expect(exact).toBeGreaterThan(0.05);
      expect(Math.abs(estimate - exact)).toBeLessThan(3 * se);
      // One position: every mode is the same pool with the same barrier, hence the same outcome.
      expect(outcome.modes.cross.liquidationProbability).toBe(estimate);
    });
  }

  it('is biased low without it (step ends only)', () => {
    const { estimate, se, exact } = simulate('long', 'step-end', 11);
    expect(estimate).toBeLessThan(exact - 3 * se);
  });
});
