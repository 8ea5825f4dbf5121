// `marginscope evaluate --shock / --shock-file` as a user runs them: the sample book re-valued at
// shocked marks in every format, checked against figures worked out by hand, and the mistakes
// (a bad value: usage error naming it; an asset the book does not hold: a located problem).

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli } from './run-cli.js';

const SAMPLE = ['data/samples/positions.csv', '--balances', 'data/samples/balances.csv'];
const CRASH = 'BTC=-20%,ETH=-30%,*=-35%';
const MODES = ['exported', 'isolated', 'cross'] as const;

interface ShockedModeJson {
  asset: string;
  equityBefore: number;
  equity: number;
  maintenanceMargin: number;
  marginRatio: number | null;
  liquidated: boolean;
  liquidatedPositions: string[];
  loss: number;
  badDebt: number;
  positions: { positionId: string; symbol: string; markPrice: number; shockedPrice: number; move: number; liquidated: boolean }[];
}
interface AccountJson {
  account: string;
  modes: Record<string, { equity: number; maintenanceMargin: number; asset: string }>;
  shocks: { scenario: string; modes: Record<string, ShockedModeJson> }[];
}

async function shockJson(...args: string[]): Promise<{ head: Record<string, unknown>; accounts: AccountJson[] }> {
  const run = await runCli(['evaluate', ...SAMPLE, '--format', 'json', '-q', ...args]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const doc = JSON.parse(run.stdout) as Record<string, unknown> & { accounts: AccountJson[] };
  return { head: doc, accounts: doc.accounts };
}

beforeAll(() => ensureBuilt());

describe('evaluate --shock', () => {
  it('re-values the hedged desk at the shocked marks: figures by hand', async () => {
    const { head, accounts } = await shockJson('--accounts', 'hedged-desk', '--shock', CRASH);
    expect(head['shocks']).toEqual([{ name: CRASH, source: '--shock', moves: [{ asset: 'BTC', move: -0.2 }, { asset: 'ETH', move: -0.3 }, { asset: '*', move: -0.35 }] }]);
    const shock = accounts[0]!.shocks[0]!;
    expect(shock.scenario).toBe(CRASH);
    // BTC long 1.5 × 91,250 × −20 % = −27,375; ETH short 40 × 3,015 × −30 % = +36,180; SOL long 300 × 135.2 × −35 % = −14,196.
    const cross = shock.modes['cross']!;
    expect(cross.loss).toBeCloseTo(27_375 - 36_180 + 14_196, 6);
    expect(cross.equity).toBeCloseTo(cross.equityBefore - 5_391, 6);
    expect(cross.liquidated).toBe(false);
    // Isolated: SOL holds 38,520 / 5 = 7,704 of margin plus 300 × 6.8 = 2,040 of PnL: 9,744, less than its 14,196 loss.
    const isolated = shock.modes['isolated']!;
    expect(isolated.liquidatedPositions).toEqual(['hedged-desk:SOLUSDT:long']);
    expect(isolated.badDebt).toBeCloseTo(14_196 - 9_744, 6);
    expect(isolated.loss).toBeCloseTo(27_375 - 36_180 + 9_744, 6);
    // Equity is marked to market (the SOL pool below zero counts), so it is the same capital in every mode.
    for (const mode of MODES) expect(shock.modes[mode]!.equity).toBeCloseTo(cross.equity, 6);
    const sol = isolated.positions.find((p) => p.symbol === 'SOLUSDT')!;
    expect(sol.shockedPrice).toBeCloseTo(135.2 * 0.65, 9);
    expect(sol.liquidated).toBe(true);
  });

  it('moves every symbol of the asset (BTCUSDT, BTC, BTCUSD_PERP) and prices the coin-margined pool in BTC', async () => {
    const { accounts } = await shockJson('--shock', 'BTC=-20%');
    for (const account of accounts) {
      for (const mode of MODES) {
        for (const p of account.shocks[0]!.modes[mode]!.positions) {
          const btc = ['BTCUSDT', 'BTC', 'BTCUSD_PERP'].includes(p.symbol);
          expect(p.move, p.positionId).toBeCloseTo(btc ? -0.2 : 0, 12);
          expect(p.shockedPrice).toBeCloseTo(p.markPrice * (btc ? 0.8 : 1), 9);
        }
      }
    }
    const miner = accounts.find((a) => a.account === 'miner-hedge')!.shocks[0]!.modes['cross']!;
    expect(miner.asset).toBe('BTC');
    // 1,200 short contracts of 100 USD: PnL = 120,000 × (1/price − 1/94,300) BTC, wallet 1.45 BTC.
    expect(miner.equity).toBeCloseTo(1.45 + 120_000 * (1 / (91_250 * 0.8) - 1 / 94_300), 9);
    expect(miner.loss).toBeCloseTo(-120_000 * (1 / (91_250 * 0.8) - 1 / 91_250), 9);
  });

  it('a zero shock gives back the evaluation: equity and maintenance margin of every mode', async () => {
    const { accounts } = await shockJson('--shock', 'BTC=0%,*=0%');
    for (const account of accounts) {
      for (const mode of MODES) {
        const shocked = account.shocks[0]!.modes[mode]!;
        expect(shocked.asset).toBe(account.modes[mode]!.asset);
        expect(shocked.equity, `${account.account} ${mode}`).toBeCloseTo(account.modes[mode]!.equity, 6);
        expect(shocked.equityBefore).toBeCloseTo(account.modes[mode]!.equity, 6);
        expect(shocked.maintenanceMargin).toBeCloseTo(account.modes[mode]!.maintenanceMargin, 6);
        expect(shocked.loss).toBeCloseTo(0, 6);
      }
    }
  });

  it('reads named scenarios from --shock-file after the --shock ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'marginscope-shock-'));
    const file = join(dir, 'shocks.csv');
    writeFileSync(file, 'scenario,asset,move\ncrash,BTC,-20%\ncrash,ETH,-30%\ncrash,*,-35%\nrally,BTC,+10%\n');
    const { head, accounts } = await shockJson('--accounts', 'hedged-desk', '--shock', 'SOL=-1%', '--shock-file', file);
    expect((head['shocks'] as { name: string }[]).map((s) => s.name)).toEqual(['SOL=-1%', 'crash', 'rally']);
    const shocks = accounts[0]!.shocks;
    expect(shocks.map((s) => s.scenario)).toEqual(['SOL=-1%', 'crash', 'rally']);
    expect(shocks[1]!.modes['cross']!.loss).toBeCloseTo(5_391, 6);
    expect(shocks[2]!.modes['cross']!.loss).toBeCloseTo(-1.5 * 91_250 * 0.1, 6);
  });

  it('shows the shock in the table, Markdown and CSV', async () => {
    const args = ['evaluate', ...SAMPLE, '-q', '--accounts', 'hedged-desk', '--shock', CRASH];
    const table = await runCli([...args, '--format', 'table']);
    expect(table.stdout).toContain(`Shock "${CRASH}": BTC -20.00%, ETH -30.00%, every other asset -35.00%:`);
    expect(table.stdout).toMatch(/│ Loss \(USDT\)\s+│\s+5,391\.00 │\s+939\.00 │\s+5,391\.00 │/);
    expect(table.stdout).toMatch(/│ Liquidated\s+│\s+none │\s+SOLUSDT:long │\s+none │/);
    const md = await runCli([...args, '--format', 'markdown']);
    expect(md.stdout).toContain('### Shock "BTC=-20%,ETH=-30%,\\*=-35%"');
    expect(md.stdout).toMatch(/\| Bad debt \(USDT\) \| 0\.00 \| 4,452\.00 \| 0\.00 \|/);
    const csv = await runCli([...args, '--format', 'csv']);
    // The scenario name holds commas, so it is quoted: split outside quotes.
    const rows = csv.stdout.trim().split('\n').map((l) => l.match(/("[^"]*"|[^,]*)(,|$)/g)!.slice(0, -1).map((f) => f.replace(/,$/, '').replace(/^"|"$/g, '')));
    const header = rows[0]!;
    expect(header.slice(-10)).toEqual(['scenario', 'shockMove', 'shockedPrice', 'shockedUnrealizedPnl', 'shockedMaintenanceMargin', 'shockLiquidated', 'shockEquity', 'shockMarginRatio', 'shockLoss', 'shockBadDebt']);
    const col = (name: string) => header.indexOf(name);
    const asIs = rows.slice(1).filter((r) => r[col('scenario')] === '');
    expect(asIs).toHaveLength(9);
    const modeRows = rows.slice(1).filter((r) => r[col('scenario')] !== '' && r[col('positionId')] === '');
    expect(modeRows.map((r) => [r[col('mode')], Number(r[col('shockLoss')]).toFixed(2)])).toEqual([
      ['exported', '5391.00'],
      ['isolated', '939.00'],
      ['cross', '5391.00'],
    ]);
    const sol = rows.find((r) => r[col('scenario')] !== '' && r[col('mode')] === 'isolated' && r[col('symbol')] === 'SOLUSDT')!;
    expect(Number(sol[col('shockedPrice')])).toBeCloseTo(87.88, 9);
    expect(sol[col('shockLiquidated')]).toBe('true');
  });

  it('refuses a bad value with a usage error naming the option and the value', async () => {
    const run = await runCli(['evaluate', ...SAMPLE, '--shock', 'BTC=-20']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim()).toBe(
      `marginscope: --shock "BTC=-20": "-20" moves a price to zero or below; a move must be above -100% (a fraction: did you mean -20%?) (see 'marginscope evaluate --help')`,
    );
  });

  it('an asset the book does not hold is a located input problem, for --shock and --shock-file', async () => {
    const run = await runCli(['evaluate', ...SAMPLE, '-q', '--shock', 'XBT=-20%']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('--shock "XBT=-20%": XBT is the base asset of no position (and no collateral) in the accounts evaluated; the book holds BNB, BTC, DOGE, ETH, SOL, USDC, USDT, XRP (got "XBT")');
    const dir = mkdtempSync(join(tmpdir(), 'marginscope-shock-'));
    const file = join(dir, 'shocks.csv');
    writeFileSync(file, 'scenario,asset,move\ncrash,BTC,-20%\ncrash,XBT,-5%\n');
    const fromFile = await runCli(['evaluate', ...SAMPLE, '-q', '--shock-file', file]);
    expect(fromFile.code).toBe(1);
    expect(fromFile.stderr).toContain(`${file}:3: column asset: scenario "crash": XBT is the base asset of no position`);
    writeFileSync(file, 'scenario,asset,move\ncrash,BTC,-20\n');
    const bad = await runCli(['evaluate', ...SAMPLE, '-q', '--shock-file', file]);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toBe(`${file}:2: column move: "-20" moves a price to zero or below; a move must be above -100% (a fraction: did you mean -20%?) (got "-20")`);
  });
});
