// simulate's analyses as library calls (in process): the recommendation's path budget, its
// modes evaluated on the simulation's own paths, set-ups liquidatable at once ruled out, ties
// kept as the book is held, and the joint boundary with its hitting probability on the same paths.

import { describe, expect, it } from 'vitest';
import { poolValuationAtFactors, UNMOVED } from '../../src/margin/pool-valuation.js';
import { modePoolsOf, prepareAccountOrThrow } from '../../src/margin/prepared-account.js';
import type { AccountBook } from '../../src/domain/account-book.js';
import type { Position } from '../../src/domain/position.js';
import { loadBundledTierBook } from '../../src/io/bundled-tiers.js';
import type { MarginContext } from '../../src/margin/evaluate-account.js';
import type { AccountRecommendation } from '../../src/recommendation/recommendation-summary.js';
import { recommendCandidateBound, recommendPaths } from '../../src/flows/simulate-analyses.js';
import { simulateAccount } from '../../src/flows/simulate.js';
import { RECOMMEND_MAX_PATHS, RECOMMEND_MIN_PATHS, RECOMMEND_PATH_BUDGET, type SimulationSettings } from '../../src/flows/simulation-settings.js';
import { makePosition } from '../support/make-position.js';
import { smallSimulationSettings, usdtBook } from '../support/shock-books.js';

const context: MarginContext = { tierBook: loadBundledTierBook(), allocation: 'leverage' };

const settings: SimulationSettings = smallSimulationSettings(400, 3);

const book = usdtBook;

/** The sample's 50x account: BTC and SOL isolated, a DOGE long under water on a thin cross wallet. */
const degen = book(
  [
    makePosition({ symbol: 'BTCUSDT', size: 0.8, entryPrice: 90_850, markPrice: 91_250, leverage: 50, marginMode: 'isolated', isolatedMargin: 1_460, venue: 'binance-usdm' }),
    makePosition({ symbol: 'DOGEUSDT', size: 150_000, entryPrice: 0.158, markPrice: 0.1512, leverage: 25, venue: 'binance-usdm' }),
    makePosition({ symbol: 'SOLUSDT', side: 'short', size: 120, entryPrice: 133.4, markPrice: 135.2, leverage: 25, marginMode: 'isolated', isolatedMargin: 640, venue: 'binance-usdm' }),
  ],
  2_400,
);

/** The recommended set-up as a book: the assignment's margins, the rest in the cross wallet. */
function recommendedBook(source: AccountBook, rec: AccountRecommendation): AccountBook {
  const byId = new Map(rec.assignment.map((a) => [a.positionId, a]));
  const positions = source.positions.map((p): Position => {
    const a = byId.get(p.positionId)!;
    return a.marginMode === 'isolated' ? { ...p, marginMode: 'isolated', isolatedMargin: a.margin } : { ...p, marginMode: 'cross', isolatedMargin: null };
  });
  return { ...source, positions, balances: source.balances.map((b) => ({ ...b, amount: rec.capital.find((c) => c.asset === b.asset)!.crossWallet })) };
}

describe('the recommendation budget', () => {
  it('gives each candidate min(paths, 5,000) paths, fewer when there are many candidates, never below 500', () => {
    expect(recommendCandidateBound(3)).toBe(3 + 4 * 7);
    expect(recommendCandidateBound(12)).toBe(3 + 4 * (1 + 144));
    const recommend = { objective: 'liquidation' } as const;
    expect(recommendPaths(3, 10_000, recommend)).toBe(RECOMMEND_MAX_PATHS);
    expect(recommendPaths(6, 10_000, recommend)).toBe(Math.floor(RECOMMEND_PATH_BUDGET / recommendCandidateBound(6)));
    expect(recommendPaths(10, 10_000, recommend)).toBe(RECOMMEND_MIN_PATHS);
    expect(recommendPaths(3, 700, recommend)).toBe(700);
    expect(recommendPaths(10, 200, recommend)).toBe(200);
    expect(recommendPaths(3, 10_000, { ...recommend, maxPaths: 1_000 })).toBe(1_000);
  });
});

describe('simulateAccount with a recommendation', () => {
  it('evaluates every mode on the simulation paths: the same liquidation probability and expected loss', async () => {
    for (const objective of ['liquidation', 'expected-loss'] as const) {
      const { simulation } = await simulateAccount(degen, context, { ...settings, recommend: { objective } });
      const rec = simulation!.recommendation!;
      expect(rec.paths).toBe(settings.paths);
      for (const mode of ['exported', 'isolated', 'cross'] as const) {
        const simulated = simulation!.outcome.modes[mode];
        const value = objective === 'liquidation' ? simulated.liquidationProbability : simulated.expectedLoss;
        expect(rec.comparisons[mode].objectiveValue).toBeCloseTo(value, 9);
        expect(rec.objectiveValue).toBeLessThanOrEqual(rec.comparisons[mode].objectiveValue + 1e-9);
      }
    }
  });

  it('rules out set-ups that would be liquidatable at once, so a pool under water is never the answer', async () => {
    // Isolated at its 25x alone, the DOGE long (4 % under water) would be liquidatable at once;
    // the fair isolated mode first keeps it above maintenance, so that mode stands, while
    // set-ups with other splits (cross-distance, scaled leverage…) can still be under water.
    const candidates: AccountRecommendation[] = [];
    for (const objective of ['liquidation', 'expected-loss', 'es99'] as const) {
      const rec = (await simulateAccount(degen, context, { ...settings, recommend: { objective } })).simulation!.recommendation!;
      expect(rec.candidatesRuledOut).toBeGreaterThan(0);
      expect(rec.modesRuledOut).toEqual([]);
      const candidate = rec.mode === null ? recommendedBook(degen, rec) : degen;
      const pools = modePoolsOf(prepareAccountOrThrow(candidate, context, 'test'), rec.mode ?? 'exported').pools;
      for (const pool of pools) expect(poolValuationAtFactors(pool, UNMOVED).liquidatable, `${objective}: ${pool.poolId}`).toBe(false);
      candidates.push(rec);
    }
  });

  it('keeps the book as held when no set-up of the same capital changes anything', async () => {
    const single = book([makePosition({ symbol: 'BTCUSDT', size: 0.1, entryPrice: 90_000, markPrice: 90_000, leverage: 2 })], 50_000);
    for (const objective of ['liquidation', 'expected-loss', 'es99'] as const) {
      const rec = (await simulateAccount(single, context, { ...settings, recommend: { objective } })).simulation!.recommendation!;
      expect(rec.candidate).toBe('as-exported');
      expect(rec.mode).toBe('exported');
      expect(rec.split).toBeNull();
      expect(rec.assignment).toEqual([{ positionId: 'main:BTCUSDT:long', marginMode: 'cross', margin: null, asset: 'USDT' }]);
    }
  });

  it('leaves the analyses out unless asked for', async () => {
    const { simulation } = await simulateAccount(degen, context, settings);
    expect(simulation).not.toHaveProperty('recommendation');
    expect(simulation).not.toHaveProperty('jointBoundary');
  });
});

describe('simulateAccount with the joint boundary', () => {
  it('reaches the boundary at step ends no more often than the kernel liquidates the cross pool on the same paths', async () => {
    const pair = book(
      [makePosition({ symbol: 'BTCUSDT', size: 1, entryPrice: 90_000, markPrice: 90_000, leverage: 10 }), makePosition({ symbol: 'ETHUSDT', size: 20, entryPrice: 3_000, markPrice: 3_000, leverage: 10 })],
      6_000,
    );
    const { simulation } = await simulateAccount(pair, context, { ...settings, paths: 1_500, boundary: { gridPoints: 9 } });
    const jb = simulation!.jointBoundary!;
    expect(jb.boundary.first.asset).toBe('BTC');
    expect(jb.boundary.second.asset).toBe('ETH');
    expect(jb.boundary.first.moves).toHaveLength(9);
    expect(jb.steps).toBe(settings.steps);
    const hit = jb.hit!;
    expect(hit.paths).toBe(1_500);
    expect(hit.monitoring).toBe('step-end');
    expect(hit.probability).toBeGreaterThan(0);
    expect(hit.probability).toBeLessThanOrEqual(simulation!.outcome.modes.cross.liquidationProbability);
  });

  it('is null for a cross pool on one asset', async () => {
    const single = book([makePosition({ symbol: 'BTCUSDT', size: 1, entryPrice: 90_000, markPrice: 90_000 })], 20_000);
    const { simulation } = await simulateAccount(single, context, { ...settings, boundary: { gridPoints: 9 } });
    expect(simulation!.jointBoundary).toBeNull();
  });
});
