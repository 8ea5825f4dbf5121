// Every position-bearing documentation sample in ../shared/data/exports evaluates as downloaded,
// with at most --wallet (position-only exports carry no wallet) and the companion files the sample
// set ships (--with), or the CCXT exchange id (a CCXT position names no exchange). Then the
// refusals and flags issue #10 asked for, each with its message: no collateral flagged in every
// format, --skip-invalid naming the account it left out, a --with file that lacks a symbol never
// asked for again.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli } from './run-cli.js';
import { EXPORTS, EXPORT_SAMPLE_CASES as CASES, exportSample as sample, hasExports } from './export-samples.js';

interface AccountJson {
  account: string;
  collateralGiven: boolean;
  warnings: string[];
  tierTables: { venue: string; key: string; origin: string; snapshotDate: string }[];
  modes: Record<string, { asset: string; positions: { symbol: string; size: number; entryPrice: number; markPrice: number; maintenanceMargin: number }[] }>;
}

async function evaluateJson(args: readonly string[]): Promise<{ accounts: AccountJson[]; leftOut?: unknown[] }> {
  const run = await runCli(['evaluate', ...args, '--format', 'json', '--quiet']);
  expect(run.stderr, args.join(' ')).toBe('');
  expect(run.code, args.join(' ')).toBe(0);
  return JSON.parse(run.stdout) as { accounts: AccountJson[] };
}

beforeAll(() => {
  ensureBuilt();
});

describe.skipIf(!hasExports)(`venue exports out of the box${hasExports ? '' : ` (skipped: ${EXPORTS} is not there)`}`, () => {
  for (const c of CASES) {
    it(`${c.file} ${c.args.filter((a) => !a.startsWith('../')).join(' ')}: one account with collateral, its positions, its tier tables dated`, async () => {
      const document = await evaluateJson([sample(c.file), ...c.args]);
      expect(document.accounts).toHaveLength(1);
      const account = document.accounts[0]!;
      expect(account.account).toBe(c.account);
      expect(account.collateralGiven).toBe(true);
      expect(account.modes['cross']!.asset).toBe(c.asset);
      expect(account.modes['exported']!.positions.map((p) => p.symbol).sort()).toEqual([...c.symbols].sort());
      expect([...new Set(account.tierTables.map((t) => t.origin))]).toEqual(c.origins);
      for (const table of account.tierTables.filter((t) => t.origin === 'bundled')) expect(table.snapshotDate, table.key).toMatch(/^\d{4}/);
    });
  }

  it('Binance v3 positionRisk: COMPUSDT from the 349-contract 2024-10-24 snapshot, the export\'s maintMargin matched', async () => {
    const document = await evaluateJson([sample('binance_usdm_fapi_v3_positionRisk.json'), '--wallet', '1000']);
    const comp = document.accounts[0]!.modes['exported']!.positions.find((p) => p.symbol === 'COMPUSDT')!;
    // 1 COMP at 49.72023376, bracket 1 of COMPUSDT: 1 % → 0.4972023376; the export's maintMargin "0.49720233" (8 decimals)
    expect(comp.maintenanceMargin).toBeCloseTo(0.4972023376, 12);
    expect(Math.abs(comp.maintenanceMargin - 0.49720233)).toBeLessThan(1e-8);
    expect(document.accounts[0]!.tierTables.find((t) => t.key === 'COMPUSDT')).toMatchObject({ origin: 'bundled', snapshotDate: '2024-10-24' });
  });

  it('a position-only export without --wallet is flagged in every format', async () => {
    const file = sample('deribit_private_get_positions.json');
    const json = await evaluateJson([file]);
    expect(json.accounts[0]!.collateralGiven).toBe(false);
    expect(json.accounts[0]!.warnings).toContain(
      'no collateral given: the cross wallet holds nothing, so every figure assumes an empty wallet; give it with --wallet AMOUNT or --balances FILE',
    );
    const table = await runCli(['evaluate', file, '--quiet']);
    expect(table.stdout).toContain('! no collateral given: the cross wallet holds nothing');
    const markdown = await runCli(['evaluate', file, '--quiet', '--format', 'markdown']);
    expect(markdown.stdout).toContain('> **Warning:** no collateral given: the cross wallet holds nothing');
    const csv = await runCli(['evaluate', file, '--quiet', '--format', 'csv']);
    const [header, row] = csv.stdout.split('\n');
    const column = header!.split(',').indexOf('collateralGiven');
    expect(column).toBeGreaterThan(0);
    expect(row!.split(',')[column]).toBe('false');
  });

  it('the Bybit inverse sample without its risk limits is refused, naming the export that supplies them', async () => {
    const run = await runCli(['evaluate', sample('bybit_v5_position_list.json'), '--wallet', '0.01', '--quiet']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'bybit_v5_position_list.json:6: column symbol: no maintenance-margin tiers for this symbol on venue bybit-inverse; supply them with --tiers FILE, or pass the venue\'s own with --with (GET /v5/market/risk-limit?category=inverse) (got "BTCUSD")',
    );
  });

  it('--skip-invalid with the one account refused says which account was left out and why (stderr, table, JSON)', async () => {
    const args = ['evaluate', sample('bybit_v5_position_list.json'), '--wallet', '0.01', '--skip-invalid', '--quiet'];
    const table = await runCli(args);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^No account evaluated\.\n! 1 account left out for input problems \(--skip-invalid\): main \(1 problem; first: .*bybit_v5_position_list\.json:6: column symbol: no maintenance-margin tiers/);
    expect(table.stderr).toContain('marginscope: 1 input problem above; left out: account main (--skip-invalid)');
    const json = await runCli([...args, '--format', 'json']);
    const document = JSON.parse(json.stdout) as { accounts: unknown[]; leftOut: { account: string; problems: number }[] };
    expect(document.accounts).toEqual([]);
    expect(document.leftOut).toMatchObject([{ account: 'main', problems: 1 }]);
  });

  it('a --with tier export that lacks the symbol is named, not asked for again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'marginscope-'));
    const riskLimits = join(dir, 'risk-limit.json');
    writeFileSync(
      riskLimits,
      JSON.stringify({ retCode: 0, retMsg: 'OK', result: { category: 'inverse', list: [{ id: 1, symbol: 'ETHUSD', riskLimitValue: '5000', maintenanceMargin: '0.5', initialMargin: '1', isLowestRisk: 1, maxLeverage: '100.00', mmDeduction: '' }] }, retExtInfo: {}, time: 1672054488010 }),
    );
    const run = await runCli(['evaluate', sample('bybit_v5_position_list.json'), '--wallet', '0.01', '--with', riskLimits, '--quiet']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`no maintenance-margin tiers for this symbol on venue bybit-inverse; the tiers given with --with (${riskLimits}) do not list it; supply them with --tiers FILE (got "BTCUSD")`);
  });
});
