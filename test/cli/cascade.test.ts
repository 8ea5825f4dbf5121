// `marginscope cascade` as a user runs it: the synthetic sample crowd through 2025-10-10 (a
// document with the contract's names, conservation to rounding, amplification > 1 where longs
// were liquidated), a Monte Carlo run reproducible by seed, and bad input as located lines with
// exit 1 and nothing written.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lines, runCli, useScratchFiles } from './run-cli.js';

const SAMPLE = ['data/samples/cascade-own.csv', '--balances', 'data/samples/cascade-own-balances.csv', '--crowd', 'data/samples/crowd.csv', '--crowd-balances', 'data/samples/crowd-balances.csv', '--depth', 'data/samples/depth.csv'];

interface SymbolJson {
  symbol: string;
  exogenousMove: number;
  realisedMove: number;
  finalPrice: number | null;
  amplification: number | null;
  liquidatedNotional: number;
  rounds: number;
}

describe('marginscope cascade', () => {
  it('replays 2025-10-10 on the sample crowd with the contract names', async () => {
    const run = await runCli(['cascade', ...SAMPLE, '--insurance-fund', 'USDT=3000000', '--event', '2025-10-10', '--format', 'json', '-q']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.schema).toBe('marginscope/cascade@1');
    expect(doc.marketAccounts).toBe(3002);
    const event = doc.events[0];
    expect(event.event).toBe('2025-10-10');
    const btc = event.market.symbols.find((s: SymbolJson) => s.symbol === 'BTCUSDT') as SymbolJson;
    expect(btc.exogenousMove).toBeLessThan(-0.05);
    expect(btc.realisedMove).toBeLessThan(btc.exogenousMove);
    expect(btc.amplification).toBeGreaterThan(1);
    expect(btc.amplification).toBeCloseTo(Math.log1p(btc.realisedMove) / Math.log1p(btc.exogenousMove), 9);
    expect(btc.liquidatedNotional).toBeGreaterThan(0);
    const fund = event.market.insuranceFund[0];
    expect(fund).toMatchObject({ asset: 'USDT', start: 3_000_000 });
    expect(fund.end).toBeCloseTo(fund.start - fund.paid + fund.received, 4);
    expect(fund.path).toHaveLength(event.steps + 1);
    expect(Math.abs(event.market.conservation.residual)).toBeLessThan(1e-6);
    for (const a of event.market.adl) expect(Object.keys(a)).toEqual(expect.arrayContaining(['account', 'positionId', 'symbol', 'size', 'price', 'realisedPnl']));
    const desk = event.accounts.find((a: { account: string }) => a.account === 'desk');
    for (const mode of ['exported', 'isolated', 'cross']) expect(Object.keys(desk.modes[mode])).toEqual(expect.arrayContaining(['liquidated', 'loss', 'badDebt', 'adl', 'liquidatedByCascade']));
  });

  it('writes the table, CSV and Markdown', async () => {
    for (const format of ['table', 'csv', 'markdown']) {
      const run = await runCli(['cascade', ...SAMPLE, '--insurance-fund', 'USDT=3000000', '--event', '2025-10-10', '--format', format, '-q']);
      expect(run.code, format).toBe(0);
      expect(run.stdout).toContain('BTCUSDT');
      expect(run.stdout).not.toMatch(/NaN|Infinity/);
    }
  });

  it('Monte Carlo: same seed, same JSON; probabilities in [0, 1]', async () => {
    const args = ['cascade', ...SAMPLE, '--insurance-fund', 'USDT=1000000', '--paths', '40', '--horizon', '24h', '--steps', '24', '--seed', '5', '--format', 'json', '-q'];
    const a = await runCli(args);
    // Same seed, same numbers whatever the worker threads (blocks merged in block order).
    const b = await runCli([...args, '--threads', '1']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const doc = JSON.parse(a.stdout);
    expect(doc.market.insuranceFund[0].depletionProbability).toBeGreaterThanOrEqual(0);
    expect(doc.market.insuranceFund[0].depletionProbability).toBeLessThanOrEqual(1);
    for (const account of doc.accounts) for (const p of account.modes.exported.positions) expect(p.adlProbability).toBeGreaterThanOrEqual(0);
    const c = await runCli(args.map((x) => (x === '5' ? '6' : x)));
    expect(c.stdout).not.toBe(a.stdout);
  });

  const scratch = useScratchFiles('cascade-cli-');

  it('bad input: located lines, exit 1, nothing written', async () => {
    const out = scratch('out.json', '');
    const crowd = scratch('crowd.csv', 'account,symbol,side,size,entry_price,mark_price,margin_mode,isolated_margin,venue\nx,BTC,long,1,91250,91250,isolated,5000,hyperliquid\ny,BTCUSDT,short,1,91250,91250,isolated,5000,binance-usdm\nz,ETH,long,1,3015,3015,isolated,500,hyperliquid\n');
    const depth = scratch('depth.csv', 'symbol,depth_1pct\nBTCUSDT,1000000\nETHUSDT,abc\n');
    const run = await runCli(['cascade', 'data/samples/cascade-own.csv', '--balances', 'data/samples/cascade-own-balances.csv', '--crowd', crowd, '--depth', depth, '--insurance-fund', 'USDT=-5', '--event', '2025-10-10', '--out', join(out, '..', 'never.json')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const got = lines(run.stderr);
    expect(got).toContain(`${depth}:3: column depth_1pct: expected a quote amount > 0 per 1 % move (got "abc")`);
    expect(got).toContain('--insurance-fund: column USDT: the insurance fund must be an amount >= 0 (got "-5")');
    expect(existsSync(join(out, '..', 'never.json'))).toBe(false);
    const second = await runCli(['cascade', 'data/samples/cascade-own.csv', '--balances', 'data/samples/cascade-own-balances.csv', '--crowd', crowd, '--depth', 'data/samples/depth.csv', '--event', '2025-10-10']);
    expect(second.code).toBe(1);
    expect(lines(second.stderr)).toEqual([
      `${crowd}:2: column symbol: settles in USDC, but the market settles in USDT (one settlement asset per cascade) (got "BTC")`,
      `${crowd}:4: column symbol: settles in USDC, but the market settles in USDT (one settlement asset per cascade) (got "ETH")`,
    ]);
    const third = await runCli(['cascade', 'data/samples/cascade-own.csv', '--balances', 'data/samples/cascade-own-balances.csv', '--depth', 'BTCUSDT=1000000', '--event', '2025-10-10']);
    expect(third.code).toBe(1);
    expect(lines(third.stderr)[0]).toBe('data/samples/cascade-own.csv:3: column symbol: no market depth for this symbol (give it with --depth ETHUSDT=AMOUNT or a row in --depth) (got "ETHUSDT")');
  });

  it('--skip-invalid is a usage error with a cascade (cascade, and report with --depth): the market is every account together', async () => {
    const message = '--skip-invalid cannot be used with a cascade: its market is every account together, and one left out would change the prices all the others see; fix the rows the problems name';
    const cascade = await runCli(['cascade', ...SAMPLE, '--event', '2025-10-10', '--skip-invalid']);
    expect(cascade.code).toBe(2);
    expect(cascade.stdout).toBe('');
    expect(lines(cascade.stderr)).toEqual([`marginscope: ${message} (see 'marginscope cascade --help')`]);
    const report = await runCli(['report', 'data/samples/cascade-own.csv', '--depth', 'data/samples/depth.csv', '--event', '2025-10-10', '--skip-invalid']);
    expect(report.code).toBe(2);
    expect(lines(report.stderr)).toEqual([`marginscope: ${message} (see 'marginscope report --help')`]);
    expect((await runCli(['cascade', '--help'])).stdout).not.toContain('--skip-invalid');
  });
});
