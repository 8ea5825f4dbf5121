// Venue ADL rankings (hand-worked), the bar walk of replays (open → low → high → close for a
// rising bar, open → high → low → close for a falling one), and the depth CSV read through the
// project's CSV layer with located problems.

import { describe, expect, it } from 'vitest';
import { adlRank } from '../../src/cascade/adl-rank.js';
import { barOfStep, barPath } from '../../src/cascade/bar-path.js';
import { compileCascadeMarket } from '../../src/cascade/cascade-market.js';
import { CascadeState } from '../../src/cascade/cascade-state.js';
import { parseDepthCsv } from '../../src/cascade/depth-table.js';
import type { MarketDepth } from '../../src/cascade/cascade-market.js';
import type { VenueName } from '../../src/domain/venue-name.js';
import type { Issue } from '../../src/domain/issue.js';
import type { ReplayPricePath } from '../../src/scenarios/events/replay-path.js';
import { flatSchedule } from './cascade-fixtures.js';

/** Long 10 YUSDT from 50 with 100 cash, marked at 60: pnl 100, equity 200, notional 600, MM 3. */
function rankAt60(venue: VenueName): number {
  const market = compileCascadeMarket('USDT', ['YUSDT'], [50], [{ bid1pct: Infinity, ask1pct: Infinity }], [
    { account: 'A', cash: 100, members: [{ positionId: 'A:Y', symbol: 'YUSDT', side: 'long', size: 10, entryPrice: 50, schedule: flatSchedule(0.005), venue }] },
  ]);
  const state = new CascadeState(market);
  state.reset(0, 1, false);
  state.price[0] = 60;
  return adlRank(market, state, 0, 100);
}

describe('ADL ranking per venue', () => {
  it('contract (generic, Bybit): pnl / margin x notional / margin = 100/200 x 600/200 = 1.5', () => {
    expect(rankAt60('generic')).toBeCloseTo(1.5, 12);
    expect(rankAt60('bybit-linear')).toBeCloseTo(1.5, 12);
  });
  it("Binance's Leverage PnL: 100 / max(1, 100) x MM 3 / (100 + 100) = 0.015", () => {
    expect(rankAt60('binance-usdm')).toBeCloseTo(0.015, 12);
  });
  it("Hyperliquid's sorting index: (60 / 50) x 600 / 200 = 3.6", () => {
    expect(rankAt60('hyperliquid')).toBeCloseTo(3.6, 12);
  });
});

describe('replay bars walked through their extremes', () => {
  const path: ReplayPricePath = {
    name: 'test', startMs: 0, endMs: 7_200_000, assets: ['YUSDT'], sources: [{ kind: 'user', series: 'YUSDT' }], marks: Float64Array.of(100), nSteps: 2,
    stepEndMs: Float64Array.of(3_600_000, 7_200_000), close: Float64Array.of(90, 95), high: Float64Array.of(101, 97), low: Float64Array.of(85, 89),
  };
  it('falling bar: open, high, low, close; rising bar: open, low, high, close', () => {
    const exo = barPath(path);
    expect(exo.nSteps).toBe(6);
    const prices: number[] = [];
    let log = Math.log(100);
    for (const r of exo.logReturns) prices.push(Number(Math.exp((log += r)).toFixed(9)));
    expect(prices).toEqual([101, 85, 90, 89, 97, 95]);
  });
  it('engine steps map back to bars', () => {
    expect([0, 1, 2, 3, 4, 6].map((k) => barOfStep(k))).toEqual([0, 1, 1, 1, 2, 2]);
  });
});

describe('depth CSV through readCsvText', () => {
  it('reads a sep= line, quotes and semicolons; a bad amount is located', () => {
    const depth = new Map<string, MarketDepth>();
    const issues: Issue[] = [];
    parseDepthCsv('sep=;\nsymbol;"depth_1pct"\nbtcusdt;"1000000"\nETHUSDT;-5\n', 'depth.csv', depth, issues);
    expect(depth.get('BTCUSDT')).toEqual({ bid1pct: 1_000_000, ask1pct: 1_000_000 });
    expect(depth.has('ETHUSDT')).toBe(false);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: 'depth.csv', line: 4, column: 'depth_1pct', value: '-5' });
  });
});
