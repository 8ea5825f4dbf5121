// Hyperliquid `POST /info {"type": "clearinghouseState", "user": …}`: one user's perpetual
// positions and margin summary → venue `hyperliquid`.
// https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint/perpetuals
//
// Units: strings except `leverage.value`; `szi` signed in coin units (negative = short); USDC.
// The response carries no mark price: mark = `positionValue / |szi|` (the venue's position value
// is at the mark), a note says so; a `markPx` field, if a tool added one, wins.
// Mode per position: `leverage.type` cross / isolated. Isolated margin = `marginUsed -
// unrealizedPnl` (Hyperliquid's `marginUsed` of an isolated position is its margin including
// PnL), checked against `leverage.rawUsd + szi * entryPx` when present.
// Cross wallet (USDC) = `crossMarginSummary.accountValue` less the cross positions' unrealised
// PnL: account value counts it, and the evaluation adds it back at the mark.
// Account: the option, else a `user` field if the saved file has one, else a 0x address in the
// file name, else `main`.
// Kept as the venue's own figures: `liquidationPx` (null = none), `unrealizedPnl`; for the account
// `crossMarginSummary.accountValue` and `crossMaintenanceMarginUsed`.

import { compensatedSum } from '../../../domain/compensated-sum.js';
import type { MarginMode } from '../../../domain/position.js';
import { symbolAssets } from '../../../domain/symbol-assets.js';
import { listRecords, rootRecord } from '../document-records.js';
import type { ExportFormat } from '../export-format.js';
import { fieldIssue, type ExportRecord } from '../export-record.js';
import { readChoice, readNumber, readText, shownIfAny, type FieldContext } from '../field-values.js';
import type { ImportSink } from '../import-sink.js';
import { hyperliquidTiers } from '../../../venues/hyperliquid-margin-table.js';
import { venueProfile } from '../../../venues/registry.js';
import { hasKeys } from '../json-shape.js';

const LEVERAGE_TYPES: Readonly<Record<string, MarginMode>> = { cross: 'cross', isolated: 'isolated' };

/** Tolerance on `marginUsed - unrealizedPnl = rawUsd + szi * entryPx`: amounts are rounded to 1e-6 USDC. */
const MARGIN_CHECK_TOLERANCE_USDC = 1e-5;

const ADDRESS = /0x[0-9a-fA-F]{40}/;

function accountOf(root: ExportRecord, sink: ImportSink, label: string): string {
  const user = readText(root, 'user', sink.forAccount(sink.accountOption));
  return sink.account(user ?? ADDRESS.exec(label)?.[0] ?? 'main');
}

interface ReadPosition {
  readonly marginMode: MarginMode;
  readonly unrealizedPnl: number;
}

function readPosition(outer: ExportRecord, sink: ImportSink, ctx: FieldContext, account: string): ReadPosition | null {
  const record = outer.child('position');
  if (record === null) {
    ctx.addIssue(fieldIssue(outer, 'position', 'missing-value', 'position is missing', undefined, account));
    return null;
  }
  const before = sink.issueCount;
  const coin = readText(record, 'coin', ctx, 'coin');
  const signedSize = readNumber(record, 'szi', ctx, { required: 'size (szi)' });
  if (coin === null || signedSize === null) return null;
  if (signedSize === 0) {
    sink.skip(record.file, 'zero-size positions (szi 0)');
    return null;
  }
  const entryPrice = readNumber(record, 'entryPx', ctx, { required: 'entry price (entryPx)', sign: 'positive' });
  const markField = readNumber(record, 'markPx', ctx, { sign: 'positive' });
  const positionValue = markField === null ? readNumber(record, 'positionValue', ctx, { required: 'position value (for the mark price)', sign: 'positive' }) : null;
  const unrealizedPnl = readNumber(record, 'unrealizedPnl', ctx, { required: 'unrealized PnL' });
  const marginUsed = readNumber(record, 'marginUsed', ctx, { sign: 'non-negative' });
  const liquidationPrice = readNumber(record, 'liquidationPx', ctx, { sign: 'non-negative' });
  const maxLeverage = readNumber(record, 'maxLeverage', ctx, { sign: 'positive' });
  const leverage = record.child('leverage');
  if (leverage === null) ctx.addIssue(fieldIssue(record, 'leverage', 'missing-value', 'leverage (with its margin type) is missing', undefined, account));
  const marginMode = leverage === null ? null : readChoice(leverage, 'type', ctx, LEVERAGE_TYPES, 'margin type (leverage.type)');
  const leverageValue = leverage === null ? null : readNumber(leverage, 'value', ctx, { sign: 'positive' });
  const rawUsd = leverage === null ? null : readNumber(leverage, 'rawUsd', ctx);
  if (sink.issueCount > before || entryPrice === null || unrealizedPnl === null || marginMode === null) return null;

  const size = Math.abs(signedSize);
  const markPrice = markField ?? positionValue! / size;
  if (markField === null) sink.note(`${record.file}: mark prices derived as positionValue / |szi| (clearinghouseState carries no mark price)`);

  let isolatedMargin: number | null = null;
  if (marginMode === 'isolated') {
    const fromRaw = rawUsd === null ? null : rawUsd + signedSize * entryPrice;
    const fromUsed = marginUsed === null ? null : marginUsed - unrealizedPnl;
    if (fromUsed !== null && fromRaw !== null && Math.abs(fromUsed - fromRaw) > Math.max(MARGIN_CHECK_TOLERANCE_USDC, Math.abs(fromRaw) * 1e-9)) {
      ctx.addIssue(
        fieldIssue(record, 'marginUsed', 'inconsistent', `marginUsed - unrealizedPnl = ${fromUsed} but leverage.rawUsd + szi * entryPx = ${fromRaw}`, record.shown('marginUsed'), account),
      );
      return null;
    }
    isolatedMargin = fromUsed ?? fromRaw;
    if (isolatedMargin === null || !(isolatedMargin > 0)) {
      ctx.addIssue(fieldIssue(record, 'marginUsed', 'missing-value', 'isolated position without its margin (marginUsed)', shownIfAny(record, 'marginUsed'), account));
      return null;
    }
  }
  if (maxLeverage !== null && maxLeverage >= 1) {
    // The export states the coin's max leverage when it was taken; maintenance is half the
    // initial margin at that leverage (https://hyperliquid.gitbook.io/hyperliquid-docs/trading/margin-tiers).
    // It overrides the bundled table, whose figure may be from another date; larger tiers of
    // the live margin table are not in the export, so a note says so.
    const key = venueProfile('hyperliquid').tierKey(coin);
    sink.addTierTable('hyperliquid', key, {
      symbol: key,
      measure: 'notional',
      tiers: hyperliquidTiers([{ lowerBoundQuote: 0, maxLeverage }]),
      source: `${record.file} (maxLeverage ${maxLeverage})`,
      snapshotDate: '',
    });
    sink.noteEach(record.file, "maintenance taken from the export's maxLeverage (one tier; pass --tiers for the live multi-tier margin table)", `${coin} ${maxLeverage}x`);
  }
  sink.addPosition(
    record,
    {
      account,
      symbol: coin,
      side: signedSize > 0 ? 'long' : 'short',
      size,
      entryPrice,
      markPrice,
      marginMode,
      isolatedMargin,
      leverage: leverageValue,
      instrument: 'linear',
      contractSize: 1,
      venue: 'hyperliquid',
      assets: symbolAssets(coin, 'linear', 'USDC'),
    },
    {
      liquidationPrice: liquidationPrice ?? (record.get('liquidationPx') === null ? 'none' : null),
      maintenanceMargin: null,
      marginRatio: null,
      unrealizedPnl,
    },
  );
  return { marginMode, unrealizedPnl };
}

export const hyperliquidClearinghouseState: ExportFormat = {
  name: 'hyperliquid-clearinghouse-state',
  family: 'hyperliquid',
  stage: 1,
  matchesJson: (root) => hasKeys(root, 'assetPositions') && (hasKeys(root, 'marginSummary') || hasKeys(root, 'crossMarginSummary')),
  matchesCsvHeader: () => false,
  read(doc, sink) {
    const root = rootRecord(doc, sink, 'the clearinghouseState response');
    if (root === null) return;
    const account = accountOf(root, sink, doc.file);
    const ctx = sink.forAccount(account);
    const crossPnls: number[] = [];
    let complete = true;
    for (const element of listRecords(doc, sink, ['assetPositions'], 'asset positions')) {
      const before = sink.issueCount;
      const read = readPosition(element, sink, ctx, account);
      if (sink.issueCount > before) complete = false;
      if (read !== null && read.marginMode === 'cross') crossPnls.push(read.unrealizedPnl);
    }
    const summary = root.child('crossMarginSummary');
    if (summary === null) {
      ctx.addIssue(fieldIssue(root, 'crossMarginSummary', 'missing-value', 'crossMarginSummary (the cross account value) is missing', undefined, account));
      return;
    }
    const accountValue = readNumber(summary, 'accountValue', ctx, { required: 'cross account value' });
    const maintenanceMargin = readNumber(root, 'crossMaintenanceMarginUsed', ctx, { sign: 'non-negative' });
    if (accountValue === null) return;
    sink.addAccountFigures({
      account,
      equity: accountValue,
      maintenanceMargin,
      marginRatio: maintenanceMargin !== null && accountValue > 0 ? maintenanceMargin / accountValue : null,
      asset: 'USDC',
      source: { file: summary.file, line: summary.line },
    });
    // A cross position that could not be read leaves its PnL inside the account value: no wallet
    // rather than a wrong one (the position's issue already stops the account).
    if (!complete) return;
    // Compensated: thousands of PnLs summed one by one drift in the last digits.
    const crossPnl = compensatedSum(crossPnls);
    const wallet = accountValue - crossPnl;
    if (crossPnl !== 0) sink.note(`${summary.file}: cross wallet = crossMarginSummary.accountValue ${accountValue} less the cross positions' unrealized PnL ${crossPnl}`);
    if (wallet === 0) sink.skip(summary.file, 'zero balances');
    else sink.addBalance(summary, account, 'USDC', wallet);
  },
};
