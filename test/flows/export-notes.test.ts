// The pieces issue #10 added to the venue-export road, on hand-made exports: a schedule derived
// from the venue's own maintenance margin when no table is known (flagged), `--wallet` placed on
// the export's one account (refused, naming --balances, for several), and the notes beside each
// evaluation (no collateral, bundled snapshots older than a year or undated).

import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/domain/issue.js';
import { formatIssue } from '../../src/domain/issue.js';
import { loadBundledTierBook } from '../../src/io/bundled-tiers.js';
import { walletBalances } from '../../src/import/index.js';
import { evaluateVenueExport } from '../../src/flows/evaluate.js';
import { annotateEvaluation } from '../../src/flows/evaluation-notes.js';
import { placeExportWallet } from '../../src/flows/export-wallet.js';
import { evaluateAccount } from '../../src/margin/evaluate-account.js';
import { makePosition } from '../support/make-position.js';

/** A Binance v3 positionRisk of one one-way position (the venue's own maintMargin given). */
function positionRisk(symbol: string, amount: string, entry: string, mark: string, maintMargin: string): { label: string; text: string } {
  const row = { symbol, positionSide: 'BOTH', positionAmt: amount, entryPrice: entry, breakEvenPrice: '0', markPrice: mark, unRealizedProfit: '0', liquidationPrice: '0', isolatedMargin: '0', notional: '0', marginAsset: 'USDT', isolatedWallet: '0', initialMargin: '0', maintMargin, positionInitialMargin: '0', openOrderInitialMargin: '0', adl: 0, bidNotional: '0', askNotional: '0', updateTime: 1720736417660 };
  return { label: 'positionRisk.json', text: JSON.stringify([row]) };
}

function evaluate(files: { label: string; text: string }[], wallet: number | null) {
  const issues: Issue[] = [];
  const result = evaluateVenueExport(
    { files, balances: wallet === null ? [] : walletBalances(wallet), defaultTiers: loadBundledTierBook(), allocation: 'leverage' },
    issues,
  );
  return { result, issues };
}

describe('a schedule derived from the export\'s own maintenance margin', () => {
  it('a symbol no table lists: one bracket at maintMargin / notional, frozen at the current notional, flagged', () => {
    // 10 NEWCOIN at 100 = 1,000 USDT notional, maintMargin 7.5: 0.75 %
    const { result, issues } = evaluate([positionRisk('NEWCOINUSDT', '10', '100', '100', '7.5')], 200);
    expect(issues).toEqual([]);
    const evaluation = result.evaluations[0]!;
    expect(evaluation.modes.exported.positions[0]!.maintenanceMargin).toBeCloseTo(7.5, 10);
    const book = result.books.get('main')!;
    const annotated = annotateEvaluation(evaluation, book, result.tierBook, '2026-12-06');
    expect(annotated.tierTables).toEqual([
      { venue: 'binance-usdm', key: 'NEWCOINUSDT', symbols: ['NEWCOINUSDT'], origin: 'derived', source: "positionRisk.json:1 (the venue's maintenance margin of NEWCOINUSDT)", snapshotDate: '' },
    ]);
    expect(annotated.warnings).toContain(
      "tiers of NEWCOINUSDT (binance-usdm): none bundled or given, so one bracket was derived from positionRisk.json:1 (the venue's maintenance margin of NEWCOINUSDT), frozen at the current notional (exact now, blind to higher brackets); for the full schedule supply them with --tiers FILE, or pass the venue's own with --with (GET /fapi/v1/leverageBracket)",
    );
    // Liquidation at 200 + 10 (P - 100) = 10 P * 0.75 %: P = 800 / 9.925, the rate frozen at 0.75 %.
    expect(evaluation.modes.cross.positions[0]!.liquidationPrice).toBeCloseTo(800 / 9.925, 8);
  });

  it('no maintMargin reported: still refused, naming the bracket export', () => {
    const { issues } = evaluate([positionRisk('NEWCOINUSDT', '10', '100', '100', '0')], 2_000);
    expect(issues.map(formatIssue)).toEqual([
      'positionRisk.json:1: column symbol: no maintenance-margin tiers for this symbol on venue binance-usdm; supply them with --tiers FILE, or pass the venue\'s own with --with (GET /fapi/v1/leverageBracket) (got "NEWCOINUSDT")',
    ]);
  });
});

describe('--wallet on a venue export', () => {
  it('goes to the one account, in the settlement asset of its positions', () => {
    const { result, issues } = evaluate([positionRisk('BTCUSDT', '0.1', '60000', '61000', '24.4')], 5_000);
    expect(issues).toEqual([]);
    expect(result.books.get('main')!.balances).toMatchObject([{ account: 'main', asset: 'USDT', amount: 5_000, source: { file: '--wallet' } }]);
    // 5,000 + 0.1 * (61,000 - 60,000)
    expect(result.evaluations[0]!.modes.cross.equity).toBeCloseTo(5_100, 9);
  });

  it('is refused for an export of several accounts, naming --balances', () => {
    const positions = [makePosition({ symbol: 'BTCUSDT', account: 'a' }), makePosition({ symbol: 'BTCUSDT', account: 'b' })];
    const issues: Issue[] = [];
    expect(placeExportWallet(walletBalances(100), positions, [], 'USDT', issues)).toEqual([]);
    expect(issues.map(formatIssue)).toEqual([
      '--wallet: the export holds 2 accounts (a, b); give each one\'s collateral with --balances FILE (columns account,asset,amount) (got "100")',
    ]);
  });
});

describe('notes beside each evaluation', () => {
  it('flags no collateral, and a bundled snapshot more than a year old (2024-10-24 on 2026-12-06, not on 2025-06-01)', () => {
    const { result } = evaluate([positionRisk('BTCUSDT', '0.1', '60000', '61000', '24.4')], null);
    const evaluation = result.evaluations[0]!;
    const book = result.books.get('main')!;
    const late = annotateEvaluation(evaluation, book, result.tierBook, '2026-12-06');
    expect(late.collateralGiven).toBe(false);
    expect(late.warnings).toContain(
      "no collateral given: the cross wallet holds nothing, so every figure assumes an empty wallet; give it with --wallet AMOUNT or --balances FILE, or pass the venue's wallet with --with (GET /fapi/v3/account)",
    );
    expect(late.warnings).toContain(
      "tiers of BTCUSDT (binance-usdm): the bundled data/tiers/binance-usdm.json is a snapshot of 2024-10-24, more than a year old; for current figures supply them with --tiers FILE, or pass the venue's own with --with (GET /fapi/v1/leverageBracket)",
    );
    const early = annotateEvaluation(evaluation, book, result.tierBook, '2025-06-01');
    expect(early.warnings.some((w) => w.startsWith('tiers of'))).toBe(false);
    expect(early.tierTables).toMatchObject([{ key: 'BTCUSDT', origin: 'bundled', snapshotDate: '2024-10-24' }]);
  });

  it('flags an undated bundled snapshot once, without echoing "undated" as its date', () => {
    const position = makePosition({ symbol: 'BTCUSDT', venue: 'bybit-linear', size: 0.1, entryPrice: 60_000, markPrice: 61_000 });
    const balances = [{ account: 'main', asset: 'USDT', amount: 5_000, priceQuote: null, haircut: null, source: { file: 'balances.csv', line: 2 } }];
    const book = { account: 'main', positions: [position], balances };
    const tierBook = loadBundledTierBook();
    const { evaluation, issues } = evaluateAccount(book, { tierBook, allocation: 'leverage' });
    expect(issues).toEqual([]);
    const annotated = annotateEvaluation(evaluation!, book, tierBook, '2026-12-06');
    expect(annotated.tierTables).toMatchObject([{ venue: 'bybit-linear', key: 'BTCUSDT', origin: 'bundled', snapshotDate: 'undated' }]);
    expect(annotated.warnings.filter((w) => w.startsWith('tiers of'))).toEqual([
      "tiers of BTCUSDT (bybit-linear): the bundled data/tiers/bybit-linear.json is an undated snapshot; for current figures supply them with --tiers FILE, or pass the venue's own with --with (GET /v5/market/risk-limit?category=linear)",
    ]);
  });
});
