// The cascade flow against the replay flow: with infinite depth and a large fund the market moves
// no price and never deleverages, so every own account in every mode must come out exactly as
// `replay` has it (closes-only prices, generic venue, no slippage). Plus the flow's input checks.

import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/domain/issue.js';
import { runCascade, type CascadeRequest } from '../../src/flows/cascade.js';
import { replayPortfolio } from '../../src/flows/replay.js';
import { loadBundledTierBook } from '../../src/io/bundled-tiers.js';
import { MODE_NAMES } from '../../src/margin/evaluation.js';
import { parseUserPricePaths } from '../../src/scenarios/events/user-price-paths.js';
import type { AccountReplay } from '../../src/results/shock-results.js';

const POSITIONS = [
  'account,symbol,side,size,entry_price,mark_price,margin_mode,isolated_margin,leverage',
  'a,BTCUSDT,long,1,100000,100000,cross,,20',
  'a,ETHUSDT,short,10,3000,3000,cross,,10',
  'b,BTCUSDT,long,0.5,100000,100000,isolated,2500,',
  'b,ETHUSDT,long,20,3000,3000,isolated,5000,',
  'c,ETHUSDT,short,30,3000,3000,isolated,3000,',
].join('\n');

const BALANCES = [
  { account: 'a', asset: 'USDT', amount: 9000 },
  { account: 'b', asset: 'USDT', amount: 1000 },
].map((b) => ({ ...b, priceQuote: null, haircut: null, source: { file: 'balances.csv', line: 2 } }));

const PRICES = [
  'timestamp,symbol,price',
  ...[100000, 98000, 95500, 93000, 96000, 99000].map((p, k) => `2025-01-01T0${k}:00:00Z,BTCUSDT,${p}`),
  ...[3000, 3050, 2900, 2700, 2850, 3300].map((p, k) => `2025-01-01T0${k}:00:00Z,ETHUSDT,${p}`),
].join('\n');

function stream(text: string, label: string) {
  return { chunks: (async function* () { yield text; })(), label };
}

function request(overrides: Partial<CascadeRequest> = {}): CascadeRequest {
  const { series } = parseUserPricePaths(PRICES, 'prices.csv');
  const infinite = { bid1pct: Infinity, ask1pct: Infinity };
  return {
    positions: stream(POSITIONS, 'positions.csv'),
    balances: BALANCES,
    defaultTiers: loadBundledTierBook(),
    defaultVenue: 'generic',
    allocation: 'leverage',
    crowd: null,
    market: { depth: new Map([['BTCUSDT', infinite], ['ETHUSDT', infinite]]), depthLabel: '--depth', insuranceFund: new Map([['USDT', 1e12]]), resilienceHalfLifeHours: null },
    scenarios: { kind: 'replay', scenarios: [{ kind: 'prices', label: 'prices.csv', series }] },
    ...overrides,
  };
}

describe('cascade flow', () => {
  it('equals replay exactly with infinite depth and a large fund', async () => {
    const issues: Issue[] = [];
    const result = await runCascade(request(), issues);
    expect(issues).toEqual([]);
    const replays: AccountReplay[] = [];
    const { series } = parseUserPricePaths(PRICES, 'prices.csv');
    for await (const r of replayPortfolio({ ...request(), settings: { scenarios: [{ kind: 'prices', label: 'prices.csv', series }], slippageBps: 0 } }, issues)) replays.push(r);
    expect(issues).toEqual([]);
    const event = result!.events![0]!;
    expect(event.market.adl).toEqual([]);
    for (const s of event.market.symbols) {
      expect(s.realisedMove).toBeCloseTo(s.exogenousMove, 12);
      expect(s.amplification).toBeCloseTo(1, 12);
    }
    let liquidations = 0;
    for (const replay of replays) {
      const own = event.accounts.find((a) => a.account === replay.account)!;
      for (const mode of MODE_NAMES) {
        const want = replay.replays[0]!.modes[mode];
        const got = own.modes[mode];
        expect(got.liquidated, `${replay.account} ${mode}`).toBe(want.liquidated);
        expect(got.liquidatedStep, `${replay.account} ${mode}`).toBe(want.liquidatedStep);
        // Replay fills at the liquidation price; the cascade at the step's price (cascade.md rule
        // 3, p0 when k = 0): a liquidation that gaps through its price costs at least as much.
        if (want.liquidated) expect(got.loss + 1e-9, `${replay.account} ${mode} loss`).toBeGreaterThanOrEqual(want.loss);
        else {
          expect(got.loss, `${replay.account} ${mode} loss`).toBeCloseTo(want.loss, 6);
          expect(got.badDebt).toBe(0);
        }
        expect(got.liquidatedByCascade).toBe(false);
        for (const p of want.positions) {
          const q = got.positions.find((x) => x.positionId === p.positionId)!;
          expect(q.liquidated, `${mode} ${p.positionId}`).toBe(p.liquidated);
          expect(q.liquidatedStep, `${mode} ${p.positionId}`).toBe(p.liquidatedStep);
        }
        if (want.liquidated) liquidations++;
      }
    }
    expect(liquidations).toBeGreaterThanOrEqual(3);
  });

  it('names a symbol with no depth, on its row', async () => {
    const issues: Issue[] = [];
    const r = request();
    const result = await runCascade({ ...r, market: { ...r.market, depth: new Map([['BTCUSDT', { bid1pct: 1e6, ask1pct: 1e6 }]]) } }, issues);
    expect(result).toBeNull();
    expect(issues.map((i) => `${i.file}:${i.line}:${i.column}:${i.value}`)).toEqual(['positions.csv:3:symbol:ETHUSDT', 'positions.csv:5:symbol:ETHUSDT', 'positions.csv:6:symbol:ETHUSDT']);
  });

  it('refuses a crowd settled in another asset, naming every bad row', async () => {
    const issues: Issue[] = [];
    const crowd = ['account,symbol,side,size,entry_price,mark_price,margin_mode,isolated_margin', 'x,BTCUSDC,long,1,100000,100000,isolated,5000', 'y,BTCUSDT,short,1,100000,100000,isolated,5000', 'z,ETHUSDC,long,1,3000,3000,isolated,500'].join('\n');
    const r = request();
    const depth = new Map([...r.market.depth, ['BTCUSDC', { bid1pct: 1, ask1pct: 1 }], ['ETHUSDC', { bid1pct: 1, ask1pct: 1 }]]);
    const result = await runCascade({ ...r, crowd: { ...stream(crowd, 'crowd.csv'), balances: [] }, market: { ...r.market, depth } }, issues);
    expect(result).toBeNull();
    expect(issues.map((i) => `${i.file}:${i.line}:${i.column}:${i.value}`)).toEqual(['crowd.csv:2:symbol:BTCUSDC', 'crowd.csv:4:symbol:ETHUSDC']);
  });
});
