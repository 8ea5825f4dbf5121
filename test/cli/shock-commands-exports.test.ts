// Venue exports are read by every command that reads positions for its accounts (the contract):
// simulate, replay and report take each documentation sample as downloaded, with the same
// arguments evaluate needs, and work on the very books evaluate reads (each mode's equity now is
// evaluate's, up to the order of the sums). The export-only options are refused with a canonical CSV, and the
// companion files are inputs `--out` never replaces.

import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORTS, EXPORT_SAMPLE_CASES, exportSample as sample, hasExports } from './export-samples.js';
import { ensureBuilt, runCli } from './run-cli.js';

/** Volatilities for the samples' assets the bundled calibration does not hold. */
const VOLS = ['--vol', 'ADA=0.9', '--vol', 'COMP=1.0'];

interface ModeJson {
  equity: number;
  asset: string;
}

async function jsonOf(command: string, args: readonly string[]): Promise<{ accounts: { account: string; modes: Record<string, ModeJson> }[] }> {
  const run = await runCli([command, ...args, '--format', 'json', '--quiet']);
  expect(run.stderr, `${command} ${args.join(' ')}`).toBe('');
  expect(run.code, `${command} ${args.join(' ')}`).toBe(0);
  return JSON.parse(run.stdout) as { accounts: { account: string; modes: Record<string, ModeJson> }[] };
}

let scratch = '';

beforeAll(() => {
  ensureBuilt();
  scratch = mkdtempSync(join(tmpdir(), 'marginscope-shock-exports-'));
});

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe.skipIf(!hasExports)(`simulate, replay and report of venue exports${hasExports ? '' : ` (skipped: ${EXPORTS} is not there)`}`, () => {
  for (const c of EXPORT_SAMPLE_CASES) {
    it(`${c.file} ${c.args.filter((a) => !a.startsWith('../')).join(' ')}: simulated and replayed from the books evaluate reads`, async () => {
      const evaluated = await jsonOf('evaluate', [sample(c.file), ...c.args]);
      const simulated = await jsonOf('simulate', [sample(c.file), ...c.args, ...VOLS, '--paths', '300', '--seed', '7']);
      const replayed = (await jsonOf('replay', [sample(c.file), ...c.args, '--event', '2020-03-12'])) as unknown as { events: { accounts: { account: string; modes: Record<string, { asset: string }> }[] }[] };
      expect(simulated.accounts.map((a) => a.account)).toEqual([c.account]);
      for (const mode of ['exported', 'isolated', 'cross']) {
        expect(simulated.accounts[0]!.modes[mode]!.asset).toBe(c.asset);
        // The same book: equal up to the order of the sums (the kernel adds in its own order).
        const equity = evaluated.accounts[0]!.modes[mode]!.equity;
        expect(Math.abs(simulated.accounts[0]!.modes[mode]!.equity - equity), mode).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(equity)));
      }
      expect(replayed.events[0]!.accounts.map((a) => a.account)).toEqual([c.account]);
      expect(replayed.events[0]!.accounts[0]!.modes['cross']!.asset).toBe(c.asset);
    });
  }

  it('the JSON heads echo the export format read and its --with files, as evaluate does; the table names the format', async () => {
    const args = [sample('binance_usdm_fapi_v3_positionRisk.json'), '--with', sample('binance_usdm_fapi_v3_account.json'), ...VOLS, '--paths', '100', '--format', 'json', '--quiet'];
    const simulated = JSON.parse((await runCli(['simulate', ...args])).stdout) as Record<string, unknown>;
    expect(simulated['formatIn']).toBe('binance-usdm-position-risk');
    expect(simulated['with']).toEqual([sample('binance_usdm_fapi_v3_account.json')]);
    const replayed = JSON.parse((await runCli(['replay', sample('hyperliquid_info_clearinghouseState.json'), '--event', 'ftx', '--format', 'json', '--quiet'])).stdout) as Record<string, unknown>;
    expect(replayed['formatIn']).toBe('hyperliquid-clearinghouse-state');
    expect(replayed['with']).toBeUndefined();
    const canonical = JSON.parse((await runCli(['simulate', 'data/samples/positions.csv', '--paths', '50', '--format', 'json', '--quiet'])).stdout) as Record<string, unknown>;
    expect('formatIn' in canonical).toBe(false);
    const table = await runCli(['simulate', sample('hyperliquid_info_clearinghouseState.json'), '--paths', '100', '--quiet']);
    expect(table.stdout).toContain('read as hyperliquid-clearinghouse-state, allocation leverage');
  });

  it('a table derived from the export\'s own maintenance margin is named in the account notes of simulate and replay, as evaluate warns', async () => {
    const args = [sample('okx_v5_account_positions.json'), '--wallet', '0.01'];
    const simulated = JSON.parse((await runCli(['simulate', ...args, '--paths', '100', '--format', 'json', '--quiet'])).stdout) as { accounts: { notes: string[] }[] };
    const replayed = JSON.parse((await runCli(['replay', ...args, '--event', 'ftx', '--format', 'json', '--quiet'])).stdout) as { events: { accounts: { notes: string[] }[] }[] };
    const derived = 'tiers of ETH-USD-210430, ETH-USD-SWAP (okx-swap): none bundled or given, so one bracket was derived from';
    expect(simulated.accounts[0]!.notes.filter((n) => n.startsWith(derived))).toHaveLength(1);
    expect(replayed.events[0]!.accounts[0]!.notes.filter((n) => n.startsWith(derived))).toHaveLength(1);
    const canonical = JSON.parse((await runCli(['simulate', 'data/samples/positions.csv', '--paths', '50', '--format', 'json', '--quiet'])).stdout) as { accounts: { notes: string[] }[] };
    for (const account of canonical.accounts) expect(account.notes.filter((n) => n.includes('derived from'))).toEqual([]);
  });

  it('report: a Hyperliquid export (it carries its wallet: no note that collateral is missing)', async () => {
    const run = await runCli(['report', sample('hyperliquid_info_clearinghouseState.json'), '--format', 'markdown', '--paths', '300']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('main');
    expect(run.stdout).toContain('ETH');
    expect(run.stderr).toContain('maintenance taken from the export');
    expect(run.stderr).not.toContain('no --balances or --wallet given');
    expect(run.stdout).toContain('- **Read as:** venue export hyperliquid-clearinghouse-state');
    const canonical = await runCli(['report', 'data/samples/positions.csv', '--format', 'markdown', '--no-shocks', '--quiet']);
    expect(canonical.stdout).not.toContain('Read as');
  });

  it('the importer\'s problems are located lines, exit 1, nothing on stdout', async () => {
    const run = await runCli(['simulate', sample('bybit_v5_position_list.json'), '--paths', '100']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/bybit_v5_position_list\.json:6: column symbol: no maintenance-margin tiers for this symbol on venue bybit-inverse; .*--with \(GET \/v5\/market\/risk-limit\?category=inverse\) \(got "BTCUSD"\)/);
  });

  it('--with and --exchange with a canonical CSV are usage errors; --format-in canonical reads an export as CSV', async () => {
    for (const command of ['simulate', 'replay', 'report']) {
      const run = await runCli([command, 'data/samples/positions.csv', '--exchange', 'okx']);
      expect(run.code, command).toBe(2);
      expect(run.stderr).toContain(`--exchange applies to a venue export, but data/samples/positions.csv reads as the canonical positions CSV (name its format with --format-in) (see 'marginscope ${command} --help')`);
    }
    const forced = await runCli(['simulate', sample('binance_usdm_fapi_v2_positionRisk.csv'), '--format-in', 'canonical', '--paths', '100']);
    expect(forced.code).toBe(1);
    expect(forced.stderr).toContain('binance_usdm_fapi_v2_positionRisk.csv:1: column isolated_margin: column given twice');
  });

  it('--out never replaces a --with file', async () => {
    const account = join(scratch, 'account.json');
    copyFileSync(sample('binance_usdm_fapi_v3_account.json'), account);
    const before = readFileSync(account, 'utf8');
    const run = await runCli(['simulate', sample('binance_usdm_fapi_v3_positionRisk.json'), '--with', account, ...VOLS, '--paths', '100', '--out', account]);
    expect(run.code).toBe(2);
    expect(readFileSync(account, 'utf8')).toBe(before);
  });
  it('a one-position account whose isolated margin is liquidated in a replay and its cross wallet holds: a rescue by the shared collateral alone (the contract has no exception for a lone position)', async () => {
    // Hyperliquid documentation sample: one ETH long of 13,109 USDC equity; on 2025-10-10 its
    // isolated margin (entry notional / leverage) runs out at 08:00Z, the cross wallet does not.
    const file = sample('hyperliquid_info_clearinghouseState.json');
    const json = JSON.parse((await runCli(['replay', file, '--event', '2025-10-10', '--format', 'json', '--quiet'])).stdout) as {
      events: { accounts: { modes: Record<string, { liquidated: boolean }>; contagion: { victims: unknown[]; rescues: { positionId: string; probability: number; causes: unknown[]; collateralShare: number }[] } }[] }[];
    };
    const account = json.events[0]!.accounts[0]!;
    expect([account.modes.isolated!.liquidated, account.modes.cross!.liquidated]).toEqual([true, false]);
    expect(account.contagion.victims).toEqual([]);
    expect(account.contagion.rescues.map((r) => [r.positionId, r.probability, r.causes, r.collateralShare])).toEqual([['main:ETH:long', 1, [], 1]]);
    const table = await runCli(['replay', file, '--event', '2025-10-10', '--quiet']);
    expect(table.stdout).toContain('  ETH long survives in cross but is liquidated isolated; held up by: the shared collateral 100.0%\n');
  });

});
