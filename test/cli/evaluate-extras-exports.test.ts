// `marginscope evaluate` on venue exports: the venues' documentation samples (kept beside the
// repository in ../shared/data/exports; skipped when absent) detected from their first bytes,
// companions given with --with, the venue's own liquidation price beside ours, and the
// importer's notes on stderr (none with --quiet).

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, ensureBuilt, lines, runCli } from './run-cli.js';

/** The samples, relative to the repository root (runCli runs there). */
const EXPORTS = '../shared/data/exports';
const hasExports = existsSync(join(REPO_ROOT, EXPORTS, 'hyperliquid_info_clearinghouseState.json'));
const sample = (name: string): string => `${EXPORTS}/${name}`;

interface PositionJson {
  positionId: string;
  liquidationPrice: number | null;
  venueLiquidationPrice?: number | 'none' | null;
}

interface DocumentJson {
  formatIn?: string;
  with?: string[];
  accounts: { account: string; modes: Record<string, { positions: PositionJson[] }>; stress?: unknown[] }[];
}

async function json(args: readonly string[]): Promise<DocumentJson> {
  const run = await runCli(['evaluate', ...args, '--format', 'json', '--quiet']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as DocumentJson;
}

beforeAll(() => {
  ensureBuilt();
});

describe.skipIf(!hasExports)(`venue exports${hasExports ? '' : ` (skipped: ${EXPORTS} is not there)`}`, () => {
  it('Hyperliquid: detected, and our liquidation price matches the venue', async () => {
    const document = await json([sample('hyperliquid_info_clearinghouseState.json')]);
    expect(document.formatIn).toBe('hyperliquid-clearinghouse-state');
    const position = document.accounts[0]!.modes['exported']!.positions[0]!;
    expect(typeof position.venueLiquidationPrice).toBe('number');
    expect(position.liquidationPrice! / (position.venueLiquidationPrice as number) - 1).toBeCloseTo(0, 6);
    // Only the mode the venue computed its figure for carries it.
    expect(document.accounts[0]!.modes['cross']!.positions[0]!.venueLiquidationPrice).toBeUndefined();
  });

  it('table: ours and the venue liquidation price side by side; notes on stderr, none with --quiet', async () => {
    const run = await runCli(['evaluate', sample('hyperliquid_info_clearinghouseState.json')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Liquidation prices as held: ours and the venue's:");
    expect(run.stdout).toMatch(/│ ETH:long │ .* │ match\s+│/);
    expect(run.stderr).toMatch(/^marginscope: note: .*hyperliquid_info_clearinghouseState\.json: /m);
    expect(run.stderr).not.toContain('no --balances or --wallet given');
    const quiet = await runCli(['evaluate', sample('hyperliquid_info_clearinghouseState.json'), '--quiet']);
    expect(quiet.stderr).toBe('');
  });

  it('a flattened export CSV is recognised by its header', async () => {
    const document = await json([sample('binance_usdm_fapi_v2_positionRisk.csv')]);
    expect(document.formatIn).toBe('binance-usdm-position-risk');
    expect(document.accounts[0]!.modes['exported']!.positions[0]!.venueLiquidationPrice).toBeCloseTo(19731.45529116, 6);
  });

  it('--with adds the venue\'s companion files (wallet, brackets) to the positions', async () => {
    const alone = await json([sample('binance_usdm_fapi_v2_positionRisk.json')]);
    const withWallet = await json([sample('binance_usdm_fapi_v2_positionRisk.json'), '--with', sample('binance_usdm_fapi_v3_account.json'), '--with', sample('binance_usdm_fapi_v1_leverageBracket.json')]);
    expect(withWallet.with).toHaveLength(2);
    const liq = (d: DocumentJson): number | null => d.accounts.find((a) => a.modes['exported']!.positions.length > 0)!.modes['exported']!.positions[0]!.liquidationPrice;
    // The account's wallet backs the position: its liquidation price moves away from the mark.
    expect(liq(withWallet)).not.toBe(liq(alone));
  });

  it('--stress and what-ifs work on an export too', async () => {
    const document = await json([sample('hyperliquid_info_clearinghouseState.json'), '--stress', '--what-if', 'ETH long 0.01']);
    expect(document.accounts[0]!.stress).toHaveLength(1);
  });

  it('--format-in canonical reads an export as the canonical CSV: input problems, exit 1', async () => {
    const run = await runCli(['evaluate', sample('binance_usdm_fapi_v2_positionRisk.csv'), '--format-in', 'canonical']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(lines(run.stderr).length).toBeGreaterThan(0);
    expect(run.stderr).toMatch(/binance_usdm_fapi_v2_positionRisk\.csv:1: column /);
  });

  it('--wallet gives collateral to a position-only export\'s one account, in its settlement asset', async () => {
    const document = (await json([sample('binance_usdm_fapi_v3_positionRisk.json'), '--wallet', '1000'])) as unknown as {
      accounts: { account: string; collateralGiven: boolean; modes: Record<string, { asset: string; equity: number }> }[];
    };
    const account = document.accounts[0]!;
    expect(account.account).toBe('main');
    expect(account.collateralGiven).toBe(true);
    expect(account.modes['cross']!.asset).toBe('USDT');
    // 1,000 USDT + the export's unRealizedProfit at its marks: ADAUSDT 0.764277, COMPUSDT 21.20817624
    expect(account.modes['cross']!.equity).toBeCloseTo(1000 + 0.764277 + 21.20817624, 6);
  });

  it('every documentation sample gives a result or one-line problems, never a crash', async () => {
    for (const name of ['binance_usdm_fapi_v3_positionRisk.json', 'bybit_v5_position_list.json', 'okx_v5_account_positions.json', 'deribit_private_get_positions.json', 'dydx_v4_indexer_perpetualPositions.json', 'ccxt_fetchPositions.json']) {
      const run = await runCli(['evaluate', sample(name), '--quiet']);
      expect([0, 1]).toContain(run.code);
      expect(run.stderr).not.toMatch(/internal error|^\s+at /m);
    }
  });
});
