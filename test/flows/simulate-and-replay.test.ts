// The simulate and replay flows as library functions: one account in process (no worker
// threads under vitest), reproducible by seed, problems as Issues naming the account, the
// replay price path turned into the kernel's log returns, and the streaming portfolio flow.

import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/domain/issue.js';
import type { Position } from '../../src/domain/position.js';
import { loadBundledEvent, loadBundledEventLibrary } from '../../src/io/bundled-events.js';
import { loadBundledTierBook } from '../../src/io/bundled-tiers.js';
import type { MarginContext } from '../../src/margin/evaluate-account.js';
import { parseUserPricePaths } from '../../src/scenarios/events/user-price-paths.js';
import { kernelReplayPath, replayAccount } from '../../src/flows/replay.js';
import { simulateAccount, simulatePortfolio, type SimulateRequest } from '../../src/flows/simulate.js';
import type { SimulationSettings } from '../../src/flows/simulation-settings.js';
import { makePosition } from '../support/make-position.js';
import { smallSimulationSettings, usdtBook } from '../support/shock-books.js';

const context: MarginContext = { tierBook: loadBundledTierBook(), allocation: 'leverage' };

const settings: SimulationSettings = smallSimulationSettings(600, 11);

const book = usdtBook;

/** A leveraged long BTC and short SOL sharing a thin cross wallet: contagion is likely. */
const crossBook = book(
  [
    makePosition({ symbol: 'BTCUSDT', size: 1, entryPrice: 90_000, markPrice: 90_000, leverage: 20 }),
    makePosition({ symbol: 'SOLUSDT', side: 'short', size: 300, entryPrice: 130, markPrice: 130, leverage: 20 }),
  ],
  7_000,
);

describe('simulateAccount', () => {
  it('simulates the three modes and the contagion over every path', async () => {
    const { simulation, issues } = await simulateAccount(crossBook, context, settings);
    expect(issues).toEqual([]);
    expect(simulation).not.toBeNull();
    const { outcome, contagion } = simulation!;
    expect(outcome.paths).toBe(600);
    expect(outcome.steps).toBe(4);
    expect(contagion.paths).toBe(600);
    expect(simulation!.modelAssets).toEqual(['BTC', 'SOL']);
    expect(simulation!.modelInputs.volSources).toEqual(['calibration:BTC', 'calibration:SOL']);
    expect(simulation!.positions.map((p) => `${p.symbol} ${p.side}`)).toEqual(['BTCUSDT long', 'SOLUSDT short']);
    for (const mode of ['exported', 'isolated', 'cross'] as const) {
      const m = outcome.modes[mode];
      expect(m.liquidationProbability).toBeGreaterThanOrEqual(0);
      expect(m.valueAtRisk['0.99']).toBeGreaterThanOrEqual(m.valueAtRisk['0.95']!);
      expect(m.expectedShortfall['0.99']).toBeGreaterThanOrEqual(m.valueAtRisk['0.99']!);
    }
    expect(contagion.victims.length + contagion.rescues.length).toBeGreaterThan(0);
  });

  it('is reproducible by seed', async () => {
    const a = await simulateAccount(crossBook, context, settings);
    const b = await simulateAccount(crossBook, context, settings);
    const c = await simulateAccount(crossBook, context, { ...settings, seed: 12 });
    expect(b.simulation!.outcome.modes).toEqual(a.simulation!.outcome.modes);
    expect(b.simulation!.contagion).toEqual(a.simulation!.contagion);
    expect(c.simulation!.outcome.modes.cross.expectedLoss).not.toBe(a.simulation!.outcome.modes.cross.expectedLoss);
  });

  it('shows every path to an observer and reports progress', async () => {
    let seen = 0;
    let last = 0;
    await simulateAccount(crossBook, context, settings, {
      observer: () => () => {
        seen++;
      },
      onProgress: (_account, done) => {
        last = done;
      },
    });
    expect(seen).toBe(600);
    expect(last).toBe(600);
  });

  it('names an asset with no volatility, tagged with the account, unless --vol gives one', async () => {
    const avax = book([makePosition({ symbol: 'AVAXUSDT', size: 10, entryPrice: 20, markPrice: 20, leverage: 5 })], 100);
    const { simulation, issues } = await simulateAccount(avax, context, settings);
    expect(simulation).toBeNull();
    expect(issues).toEqual([expect.objectContaining({ code: 'unknown-symbol', value: 'AVAX', account: 'main' })]);
    const given = await simulateAccount(avax, context, { ...settings, volOverrides: new Map([['AVAXUSDT', 0.9]]) });
    expect(given.simulation!.modelInputs.volAnnual).toEqual([0.9]);
  });

  it('checks but does not simulate an account a hook skips', async () => {
    const { simulation, issues } = await simulateAccount(crossBook, context, settings, { skip: () => true });
    expect(simulation).toBeNull();
    expect(issues).toEqual([]);
  });
});

describe('simulatePortfolio', () => {
  it('streams the accounts of a positions file and collects bad rows as issues', async () => {
    const csv = 'account,symbol,side,size,entry_price,mark_price,leverage\na,BTCUSDT,long,0.1,90000,90000,10\nb,ETHUSDT,short,2,3000,3000,5\nc,ETHUSDT,short,2,abc,3000,5\n';
    const issues: Issue[] = [];
    const accounts: string[] = [];
    async function* chunks(): AsyncGenerator<string> {
      yield csv;
    }
    const request: SimulateRequest = {
      positions: { chunks: chunks(), label: 'book.csv' },
      balances: [],
      defaultTiers: loadBundledTierBook(),
      defaultVenue: 'generic',
      allocation: 'leverage',
      settings: { ...settings, paths: 100 },
    };
    for await (const simulation of simulatePortfolio(request, issues)) accounts.push(simulation.account);
    expect(accounts).toEqual(['a', 'b']);
    expect(issues).toEqual([expect.objectContaining({ file: 'book.csv', line: 4, account: 'c' })]);
  });
});

describe('kernelReplayPath', () => {
  it('turns prices into log returns and bar extremes against the previous close', () => {
    const path = kernelReplayPath({
      name: 'prices',
      startMs: 0,
      endMs: 2,
      assets: ['BTC'],
      sources: [{ kind: 'user', series: 'BTC' }],
      marks: Float64Array.from([100]),
      nSteps: 2,
      stepEndMs: Float64Array.from([1, 2]),
      close: Float64Array.from([90, 99]),
      high: Float64Array.from([100, 99]),
      low: Float64Array.from([80, 88]),
    });
    expect(path.assets).toEqual(['BTC']);
    expect(Array.from(path.logReturns)).toEqual([Math.log(0.9), Math.log(1.1)]);
    expect(Array.from(path.barLow!)).toEqual([Math.log(0.8), Math.log(88 / 90)]);
    expect(Array.from(path.barHigh!)).toEqual([0, Math.log(1.1)]);
  });
});

describe('replayAccount', () => {
  const isolatedLong = (leverage: number) =>
    book([makePosition({ symbol: 'BTCUSDT', size: 1, entryPrice: 100_000, markPrice: 100_000, leverage, marginMode: 'isolated', isolatedMargin: 100_000 / leverage })], 0);

  it('replays a library event and a user path, in the order given', () => {
    const entry = loadBundledEventLibrary().find('2025-10-10')!;
    const { series } = parseUserPricePaths('timestamp,symbol,price\n2025-01-01T00:00Z,BTC,10\n2025-01-01T01:00Z,BTC,8\n', 'p.csv');
    const { replay, issues } = replayAccount(isolatedLong(10), context, {
      scenarios: [
        { kind: 'event', event: loadBundledEvent(entry) },
        { kind: 'prices', label: 'p.csv', series },
      ],
      slippageBps: 0,
    });
    expect(issues).toEqual([]);
    const [event, prices] = replay!.replays;
    expect(event!.scenario).toBe('2025-10-10');
    expect(event!.stepEndMs).toHaveLength(144);
    const step = event!.modes.isolated.liquidatedStep!;
    // Step k ends at stepEndMs[k − 1]: the 21:00–21:30Z bar of 10 October.
    expect(new Date(event!.stepEndMs[step - 1]!).toISOString()).toBe('2025-10-10T21:30:00.000Z');
    expect(event!.sources).toEqual([{ kind: 'own', series: 'BTC' }]);
    expect(prices!.scenario).toBe('prices');
    expect(prices!.modes.isolated.liquidatedStep).toBe(1);
  });

  it('names a symbol with no path and no proxy', () => {
    const entry = loadBundledEventLibrary().find('ftx')!;
    const avax = book([makePosition({ symbol: 'AVAXUSDT', size: 10, entryPrice: 20, markPrice: 20, leverage: 5 })], 100);
    const { replay, issues } = replayAccount(avax, context, { scenarios: [{ kind: 'event', event: loadBundledEvent(entry) }], proxyAsset: null, slippageBps: 0 });
    expect(replay).toBeNull();
    expect(issues).toEqual([expect.objectContaining({ code: 'unknown-symbol', value: 'AVAX', account: 'main' })]);
    const proxied = replayAccount(avax, context, { scenarios: [{ kind: 'event', event: loadBundledEvent(entry) }], slippageBps: 0 });
    expect(proxied.replay!.replays[0]!.sources).toEqual([{ kind: 'proxy', series: 'ETH' }]);
  });

  it('a flat account (a wallet, no positions) has nothing to replay or simulate: null with no issue from both', async () => {
    const flat = book([], 5_000);
    const entry = loadBundledEventLibrary().find('2025-10-10')!;
    // Its replay once came back with a minimum equity of 0 in USD against the 5,000 USDT wallet.
    expect(replayAccount(flat, context, { scenarios: [{ kind: 'event', event: loadBundledEvent(entry) }], slippageBps: 0 })).toEqual({ replay: null, issues: [] });
    expect(await simulateAccount(flat, context, smallSimulationSettings(100, 1))).toEqual({ simulation: null, issues: [] });
  });
});
