// Every broken fixture under test/fixtures/broken, read as the CLI reads it (a byte stream), with
// the exact lines a user would see: FILE:LINE: column COL: message (got "VALUE").

import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/domain/issue.js';
import { readBalancesCsv, readTiersCsv } from '../../src/import/index.js';
import { fixtureChunks, readAll } from './import-test-support.js';

async function readFixture(name: string) {
  const label = `broken/${name}`;
  return readAll(fixtureChunks(label), {}, [], label);
}

describe('positions fixtures', () => {
  it('reports every problem of every row, each on its line and column, and keeps the good account', async () => {
    const { books, lines, issues } = await readFixture('positions-every-problem.csv');
    const f = 'broken/positions-every-problem.csv';
    expect(lines).toEqual([
      `${f}:4: column entry_price: required value is empty`,
      `${f}:5: column size: not a number (got "abc")`,
      `${f}:6: column mark_price: NaN is not a number (got "NaN")`,
      `${f}:7: column entry_price: must be a finite number (got "Infinity")`,
      `${f}:8: column size: must not be zero (got "0")`,
      `${f}:9: column entry_price: must be greater than zero (got "-60000")`,
      `${f}:10: column side: unknown side; use long, short, buy or sell (or leave it empty and sign the size) (got "up")`,
      `${f}:11: column margin_mode: unknown margin mode; use cross or isolated (got "portfolio")`,
      `${f}:12: column instrument: unknown instrument; use linear or inverse (got "quanto")`,
      `${f}:13: column venue: unknown venue profile; use one of binance-usdm, binance-coinm, bybit-linear, bybit-inverse, okx-swap, hyperliquid, dydx-v4, deribit, generic (got "ftx")`,
      `${f}:14: column isolated_margin: isolated positions need isolated_margin (the margin posted to the position)`,
      `${f}:15: column isolated_margin: cross position with an isolated margin; leave isolated_margin empty (or 0) or set margin_mode to isolated (got "50")`,
      `${f}:16: column side: side is long but size is negative (negative sizes mean short) (got "long")`,
      `${f}:17: column size: number contains a comma; write plain decimals with a point and no thousands separators (e.g. 1234.5) (got "1,5")`,
      `${f}:18: column size: hexadecimal, octal and binary numbers are not accepted; write a plain decimal (got "0x10")`,
      `${f}:19: column leverage: must be greater than zero (got "0")`,
      `${f}:20: column size: not a number (got "abc")`,
      `${f}:20: column side: unknown side; use long, short, buy or sell (or leave it empty and sign the size) (got "up")`,
      `${f}:20: column entry_price: must be greater than zero (got "-1")`,
      `${f}:22: column position_id: position id already used on line 21; this is the default id account:symbol:side; merge the rows or give each a distinct position_id (got "dup:BTCUSDT:long")`,
      `${f}:24: column mark_price: mark price differs from line 23 (61000) for the same symbol in this account; give one mark per symbol (got "61500")`,
      `${f}:25: row has 5 fields but the header has 12`,
      `${f}:26: column symbol: symbol starts with = + - or @ (a spreadsheet formula?); identifiers may not (got "=HYPERLINK("http://example.test","x")")`,
      `${f}:27: column contract_size: inverse contracts need contract_size (quote value of one contract); venue profile deribit has no default for this symbol`,
    ]);
    // Each issue names the account of its row, so one bad row fails only that account.
    expect(issues.map((i) => i.account)).toEqual([
      'empty-entry', 'word-size', 'nan-mark', 'inf-entry', 'zero-size', 'negative-price', 'odd-side', 'odd-mode',
      'odd-instrument', 'odd-venue', 'iso-no-margin', 'cross-with-margin', 'long-negative', 'comma-size', 'hex-size',
      'zero-leverage', 'three-problems', 'three-problems', 'three-problems', 'dup', 'two-marks', 'short-row', 'formula',
      'inverse-no-size',
    ]);
    // Only the account without problems is yielded; `dup` and `two-marks` had a good first row but are held back.
    expect(books.map((b) => b.account)).toEqual(['good']);
    const [btc, eth] = books[0]!.positions;
    expect(btc).toMatchObject({ positionId: 'good:BTCUSDT:long', side: 'long', size: 0.5, entryPrice: 60000, markPrice: 61000, leverage: 10, marginMode: 'cross', isolatedMargin: null, source: { file: 'broken/positions-every-problem.csv', line: 2 } });
    expect(eth).toMatchObject({ positionId: 'good:ETHUSDT:short', side: 'short', size: 2, marginMode: 'isolated', isolatedMargin: 150, leverage: 20, instrument: 'linear', settlementAsset: 'USDT' });
  });

  it('reports each missing required column once, on the header line, with its aliases', async () => {
    const { books, lines } = await readFixture('positions-missing-columns.csv');
    expect(books).toEqual([]);
    expect(lines).toEqual([
      'broken/positions-missing-columns.csv:1: column entry_price: required column is missing from the header (also accepted: entry, avg_entry_price, average_entry_price, avg_price, entry_px)',
      'broken/positions-missing-columns.csv:1: column mark_price: required column is missing from the header (also accepted: mark, mark_px)',
    ]);
  });

  it('reports a column given twice under two names', async () => {
    const { lines } = await readFixture('positions-twice-header.csv');
    expect(lines).toEqual([
      'broken/positions-twice-header.csv:1: column size: column given twice, as "size" (column 2) and as "qty" (column 3); keep one',
      'broken/positions-twice-header.csv:1: column entry_price: column given twice, as "entry" (column 4) and as "entry_price" (column 5); keep one',
    ]);
  });

  it('reports an empty file, a file of only a byte-order mark, and a header without rows', async () => {
    expect((await readFixture('positions-empty.csv')).lines).toEqual([
      'broken/positions-empty.csv: the file is empty: expected a header line and data rows',
    ]);
    expect((await readFixture('positions-only-bom.csv')).lines).toEqual([
      'broken/positions-only-bom.csv: the file is empty: expected a header line and data rows',
    ]);
    expect((await readFixture('positions-header-only.csv')).lines).toEqual([
      'broken/positions-header-only.csv: the file has a header but no data rows',
    ]);
  });

  it('reports an unterminated quote at its opening line and fails only that row’s account', async () => {
    const { books, lines, issues } = await readFixture('positions-unterminated-quote.csv');
    expect(lines).toEqual([
      'broken/positions-unterminated-quote.csv:3: unterminated quoted field: a double quote opened here is never closed (got "broken,"BTCUSDT,long,1,60000,61000")',
    ]);
    expect(issues[0]!.account).toBe('broken');
    expect(books.map((b) => b.account)).toEqual(['ok']);
  });

  it('reports a stray quote on its line and goes on with the next row', async () => {
    const { books, lines, issues } = await readFixture('positions-stray-quote.csv');
    expect(lines).toEqual([
      'broken/positions-stray-quote.csv:3: double quote inside an unquoted field (quote the whole field and double the quotes inside it) (got "stray,BTC"USDT,long,1,60000,61000")',
    ]);
    expect(issues[0]!.account).toBe('stray');
    // Line 4 of account `stray` is fine, but the account had a bad row: not yielded.
    expect(books.map((b) => b.account)).toEqual(['ok']);
  });

  it('refuses UTF-16 with a plain instruction', async () => {
    expect((await readFixture('positions-utf16.csv')).lines).toEqual(['broken/positions-utf16.csv: the file is UTF-16 encoded; save it as CSV UTF-8']);
  });
});

describe('balances fixture', () => {
  it('reports every bad balance row and keeps the good ones', async () => {
    const f = 'broken/balances-every-problem.csv';
    const { balances, issues } = await readBalancesCsv(fixtureChunks(f), f);
    expect(issues.map(formatIssue)).toEqual([
      `${f}:4: column asset: account "a" already has a balance of this asset on line 2; give one row per account and asset (got "usdt")`,
      `${f}:5: column asset: required value is empty`,
      `${f}:6: column amount: not a number (got "ten")`,
      `${f}:7: column price: must be greater than zero (got "0")`,
      `${f}:8: column haircut: haircut must be a fraction from 0 to 1 (0.05 counts the asset at 95 %) (got "1.5")`,
      `${f}:9: column amount: must be a finite number (got "Infinity")`,
    ]);
    expect(issues.map((i) => i.account)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(balances).toEqual([
      { account: 'a', asset: 'USDT', amount: 1000, priceQuote: null, haircut: null, source: { file: f, line: 2 } },
      { account: 'a', asset: 'BTC', amount: 0.5, priceQuote: 65000, haircut: 0.05, source: { file: f, line: 3 } },
    ]);
  });
});

describe('tiers fixture', () => {
  it('reports bad cells and broken tables on the rows concerned, and keeps only sound tables', async () => {
    const f = 'broken/tiers-every-problem.csv';
    const { book, issues } = await readTiersCsv(fixtureChunks(f), f, { defaultVenue: 'binance-usdm' });
    expect(issues.map(formatIssue)).toEqual([
      `${f}:6: column maintenance_margin_rate: percent signs are not accepted; write a fraction (0.5% is 0.005) (got "0.5%")`,
      `${f}:9: column notional_cap: must be a finite number; leave notional_cap empty for an unbounded last tier (got "Infinity")`,
      `${f}:5: column maintenance_amount: ETHUSDT tier 2: maintenance amount 20 breaks the continuity recursion (expected 14.999999999999996) (venue binance-usdm)`,
      `${f}:8: column notional_floor: XRPUSDT tier 2: floor 6000 does not meet previous cap 5000 (venue binance-usdm)`,
    ]);
    expect([...book.keys()]).toEqual(['binance-usdm']);
    const btc = book.get('binance-usdm')!.get('BTCUSDT')!;
    expect(btc.measure).toBe('notional');
    expect(btc.tiers).toEqual([
      { floor: 0, cap: 50000, maintenanceMarginRate: 0.004, maintenanceAmount: 0, maxLeverage: 125, initialMarginRate: null, liquidationFeeRate: null },
      { floor: 50000, cap: Infinity, maintenanceMarginRate: 0.005, maintenanceAmount: 50, maxLeverage: 100, initialMarginRate: null, liquidationFeeRate: null },
    ]);
    expect([...book.get('binance-usdm')!.keys()]).toEqual(['BTCUSDT']);
  });
});
