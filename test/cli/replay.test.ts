// `marginscope replay` as a user runs it: a constructed BTC long replayed through 2025-10-10 is
// liquidated in the bar where the event file's BTC low first crosses its liquidation price; a 2x
// long survives; the user's own --prices path is rebased to the mark; proxies are stated; an
// unknown event or a symbol with no path and no proxy is one line.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, lines, runCli, useScratchFiles } from './run-cli.js';

const EVENT = '2025-10-10';
const MARK = 100_000;

interface ModeJson {
  liquidated: boolean;
  liquidatedAt: string | null;
  liquidatedBy: string | null;
  loss: number;
  badDebt: number;
  minEquity: number;
  positions: { positionId: string; symbol: string; liquidated: boolean; liquidatedAt: string | null; loss: number }[];
}

interface ReplayJson {
  schema: string;
  events: {
    event: string;
    start: string;
    end: string;
    proxies: { asset: string; kind: string; series: string | null }[];
    accounts: { account: string; stepMinutes: number | null; modes: Record<'exported' | 'isolated' | 'cross', ModeJson>; contagion: { victims: { probability: number }[]; rescues: unknown[] } }[];
  }[];
}

const file = useScratchFiles('marginscope-replay-');

/** An isolated BTC long at `leverage`x, margin = notional / leverage, entry = mark. */
function btcLong(leverage: number): string {
  return file(`btc-${leverage}x.csv`, `symbol,side,size,entry_price,mark_price,margin_mode,isolated_margin,leverage\nBTCUSDT,long,1,${MARK},${MARK},isolated,${MARK / leverage},${leverage}\n`);
}

/** The isolated liquidation price evaluate reports for the book. */
async function isolatedLiquidationPrice(positions: string): Promise<number> {
  const run = await runCli(['evaluate', positions, '--format', 'json', '--quiet']);
  const json = JSON.parse(run.stdout) as { accounts: { modes: { isolated: { positions: { liquidationPrice: number }[] } } }[] };
  return json.accounts[0]!.modes.isolated.positions[0]!.liquidationPrice;
}

/** Open time of the first BTC bar of the event whose low (a ratio to the start) is at or below `ratio`. */
function firstBarAtOrBelow(ratio: number): string | null {
  const index = JSON.parse(readFileSync(join(REPO_ROOT, 'data/events/index.json'), 'utf8')) as { events: { name: string; start: string }[] };
  const startMs = Date.parse(index.events.find((e) => e.name === EVENT)!.start);
  for (const row of readFileSync(join(REPO_ROOT, `data/events/${EVENT}.csv`), 'utf8').split('\n').slice(1)) {
    const [offset, symbol, , , low] = row.split(',');
    if (symbol === 'BTC' && Number(low) <= ratio) return new Date(startMs + Number(offset) * 60_000).toISOString().replace('.000Z', 'Z');
  }
  return null;
}

async function replayJson(args: readonly string[]): Promise<ReplayJson> {
  const run = await runCli(['replay', ...args, '--format', 'json', '--quiet']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as ReplayJson;
}

describe(`replay ${EVENT}`, () => {
  it.each([20, 10])('liquidates a %ix BTC long in the bar where BTC first trades through its liquidation price', async (leverage) => {
    const positions = btcLong(leverage);
    const ratio = (await isolatedLiquidationPrice(positions)) / MARK;
    const expectedBar = firstBarAtOrBelow(ratio);
    expect(expectedBar).not.toBeNull();
    expect(expectedBar!.startsWith('2025-10-10T')).toBe(true);
    const json = await replayJson([positions, '--event', EVENT]);
    expect(json.schema).toBe('marginscope/replay@1');
    const event = json.events[0]!;
    expect(event).toMatchObject({ event: EVENT, start: '2025-10-09T00:00:00Z', end: '2025-10-12T00:00:00Z', proxies: [] });
    const account = event.accounts[0]!;
    expect(account.stepMinutes).toBe(30);
    for (const mode of ['exported', 'isolated', 'cross'] as const) {
      const m = account.modes[mode];
      expect(m.liquidated).toBe(true);
      expect(m.liquidatedAt).toBe(expectedBar);
      expect(Date.parse(m.liquidatedBy!) - Date.parse(m.liquidatedAt!)).toBe(30 * 60_000);
      expect(m.positions[0]!).toMatchObject({ symbol: 'BTCUSDT', liquidated: true, liquidatedAt: expectedBar });
      // Everything posted is lost (fees included), nothing beyond it at this depth.
      expect(m.loss).toBeGreaterThan(0);
      expect(m.loss).toBeLessThanOrEqual(MARK / leverage + 1e-6);
    }
    if (leverage === 10) expect(expectedBar).toBe('2025-10-10T21:00:00Z');
  });

  it('lets a 2x BTC long survive, losing what BTC lost', async () => {
    const json = await replayJson([btcLong(2), '--event', 'tariff-shock']);
    const m = json.events[0]!.accounts[0]!.modes.isolated;
    expect(m).toMatchObject({ liquidated: false, liquidatedAt: null, badDebt: 0 });
    expect(m.minEquity).toBeGreaterThan(0);
    expect(m.minEquity).toBeLessThan(MARK / 2);
  });

  it('states a proxy in the JSON and in the table', async () => {
    const positions = file('avax.csv', 'symbol,side,size,entry_price,mark_price,leverage\nAVAXUSDT,long,100,20,20,5\n');
    const json = await replayJson([positions, '--wallet', '1000', '--event', EVENT]);
    expect(json.events[0]!.proxies).toEqual([{ asset: 'AVAX', kind: 'proxy', series: 'ETH', accounts: ['main'] }]);
    const table = await runCli(['replay', positions, '--wallet', '1000', '--event', EVENT]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/AVAX follows ETH's path as a proxy/);
    const refused = await runCli(['replay', positions, '--wallet', '1000', '--event', EVENT, '--proxy', 'none']);
    expect(refused.code).toBe(1);
    expect(lines(refused.stderr)).toHaveLength(1);
    expect(refused.stderr).toMatch(/no price path for AVAX/);
  });
});

describe('replay --prices', () => {
  it('rebases the user path to the mark and replays it', async () => {
    // BTC 50,000 → 48,000 → 44,000 (low 43,000) → 47,000: −14 % at the low.
    const prices = file(
      'prices.csv',
      'timestamp,symbol,price,high,low\n2025-01-01T00:00:00Z,BTCUSDT,50000,,\n2025-01-01T01:00:00Z,BTCUSDT,48000,50000,47900\n2025-01-01T02:00:00Z,BTCUSDT,44000,48000,43000\n2025-01-01T03:00:00Z,BTCUSDT,47000,47500,44000\n',
    );
    const json = await replayJson([btcLong(10), '--prices', prices]);
    expect(json.events.map((e) => e.event)).toEqual(['prices']);
    const event = json.events[0]!;
    expect(event).toMatchObject({ start: '2025-01-01T00:00:00Z', end: '2025-01-01T03:00:00Z' });
    const m = event.accounts[0]!.modes.isolated;
    expect(m).toMatchObject({ liquidated: true, liquidatedAt: '2025-01-01T01:00:00Z', liquidatedBy: '2025-01-01T02:00:00Z' });
    const survivor = (await replayJson([btcLong(2), '--prices', prices])).events[0]!.accounts[0]!.modes.isolated;
    expect(survivor.liquidated).toBe(false);
    // 1 BTC bought at 100,000, path rebased: 47,000 / 50,000 → 94,000.
    expect(survivor.loss).toBeCloseTo(6_000, 6);
    expect(survivor.minEquity).toBeCloseTo(50_000 - 12_000, 6);
  });

  it('reports a bad prices row with its line (exit 1)', async () => {
    const prices = file('bad-prices.csv', 'timestamp,symbol,price\n2025-01-01T00:00:00Z,BTCUSDT,50000\nyesterday,BTCUSDT,48000\n');
    const run = await runCli(['replay', btcLong(10), '--prices', prices]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/bad-prices\.csv:3: column timestamp: not a timestamp/);
  });
});

describe('replay on the sample book', () => {
  it('replays every event by default, with contagion of probability 1', async () => {
    const json = await replayJson(['data/samples/positions.csv', '--balances', 'data/samples/balances.csv']);
    expect(json.events.length).toBeGreaterThanOrEqual(7);
    const text = JSON.stringify(json);
    expect(text).not.toMatch(/NaN/);
    for (const event of json.events) {
      expect(event.accounts.map((a) => a.account)).toEqual(['hedged-desk', 'degen-50x', 'miner-hedge', 'mixed']);
      for (const account of event.accounts) for (const victim of account.contagion.victims) expect(victim.probability).toBe(1);
    }
  });

  it('writes a table, csv and markdown', async () => {
    for (const format of ['table', 'csv', 'markdown']) {
      const run = await runCli(['replay', 'data/samples/positions.csv', '--balances', 'data/samples/balances.csv', '--event', 'ftx', '--format', format]);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/2022-11-09/);
    }
  });

  it('refuses an unknown event in one line (exit 2)', async () => {
    const run = await runCli(['replay', 'data/samples/positions.csv', '--event', 'bogus']);
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toMatch(/--event: no historical event named "bogus"; the events are 2020-03-12, /);
  });
});
