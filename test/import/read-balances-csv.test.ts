// balances.csv and the --wallet shortcut.

import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/domain/issue.js';
import { FILE_ACCOUNT, POSITIONS_SETTLEMENT_ASSET, readBalancesCsv, walletBalances, walletBalancesFromOption } from '../../src/import/index.js';
import { byteChunks } from './import-test-support.js';

describe('readBalancesCsv', () => {
  it('reads accounts, assets (upper-cased), debts, prices and haircuts; account defaults to main', async () => {
    const text = 'Asset;Amount;Price;Haircut\r\nusdt;1000.5;;\r\nBTC;-0.25;65000;0.05\r\n';
    const { balances, issues } = await readBalancesCsv(byteChunks(text, 3), 'b.csv');
    expect(issues).toEqual([]);
    expect(balances).toEqual([
      { account: 'main', asset: 'USDT', amount: 1000.5, priceQuote: null, haircut: null, source: { file: 'b.csv', line: 2 } },
      { account: 'main', asset: 'BTC', amount: -0.25, priceQuote: 65000, haircut: 0.05, source: { file: 'b.csv', line: 3 } },
    ]);
  });

  it('requires asset and amount columns and reports a header-only file', async () => {
    expect((await readBalancesCsv(byteChunks('account,amount\na,1\n'), 'b.csv')).issues.map(formatIssue)).toEqual([
      'b.csv:1: column asset: required column is missing from the header (also accepted: currency, coin, ccy)',
    ]);
    expect((await readBalancesCsv(byteChunks('account,asset,amount\n'), 'b.csv')).issues.map(formatIssue)).toEqual([
      'b.csv: the file has a header but no data rows',
    ]);
  });
});

describe('walletBalances', () => {
  it('makes one balance for the file’s one account in its settlement asset, unless told which', () => {
    expect(walletBalances(25000)).toEqual([
      { account: FILE_ACCOUNT, asset: POSITIONS_SETTLEMENT_ASSET, amount: 25000, priceQuote: null, haircut: null, source: { file: '--wallet', line: 0 } },
    ]);
    expect(walletBalances(3, 'desk', 'btc')[0]).toMatchObject({ account: 'desk', asset: 'BTC', amount: 3 });
  });

  it('throws on an amount that is not finite or is negative (callers validate with walletBalancesFromOption)', () => {
    expect(() => walletBalances(-1)).toThrow(RangeError);
    expect(() => walletBalances(Number.NaN)).toThrow(RangeError);
    expect(() => walletBalances(Infinity)).toThrow(RangeError);
  });

  it('turns bad --wallet text into one issue labelled --wallet', () => {
    expect(walletBalancesFromOption('1e3').balances[0]!.amount).toBe(1000);
    expect(walletBalancesFromOption('lots').issues.map(formatIssue)).toEqual(['--wallet: expected an amount such as 25000 (got "lots")']);
    expect(walletBalancesFromOption('-5').issues.map(formatIssue)).toEqual(['--wallet: the wallet amount may not be negative (got "-5")']);
    expect(walletBalancesFromOption('Infinity').issues).toHaveLength(1);
    expect(walletBalancesFromOption(Number.NaN).issues).toHaveLength(1);
  });
});
