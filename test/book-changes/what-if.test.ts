// What-if positions and transfers: the words parsed (and every bad token named), the books
// changed on the same capital, and the before / after evaluation diffed with hand-computed values
// (flat 1 % maintenance; 1 BTC long at 60,000 and 10 ETH long at 3,000 on a 12,000 wallet).

import { describe, expect, it } from 'vitest';
import { applyBookChanges } from '../../src/book-changes/apply-book-changes.js';
import { parseTransfer, type TransferSpec } from '../../src/book-changes/parse-transfer.js';
import { parseWhatIf, type WhatIfSpec } from '../../src/book-changes/parse-what-if.js';
import { compareBooks } from '../../src/book-changes/what-if-comparison.js';
import type { AccountBook } from '../../src/domain/account-book.js';
import { bookOf, btcLong, contextFor, ethLong } from '../contagion/support/fixtures.js';

function spec(text: string): WhatIfSpec {
  const parsed = parseWhatIf(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

function transfer(text: string): TransferSpec {
  const parsed = parseTransfer(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

function errorOf(result: { ok: boolean; error?: string }): string {
  expect(result.ok).toBe(false);
  return result.error ?? '';
}

describe('parseWhatIf', () => {
  it('reads the full form, with @ attached or apart and leverage as x10 or 10x', () => {
    expect(spec('BTCUSDT long 0.5 @ 97000 x10 isolated')).toMatchObject({ symbol: 'BTCUSDT', side: 'long', size: 0.5, entryPrice: 97_000, leverage: 10, marginMode: 'isolated', markPrice: null, account: null, venue: null });
    expect(spec('ETHUSDT sell 2 @3100 mark=3000 5x account=sub-1 venue=bybit-linear cross')).toMatchObject({
      side: 'short',
      size: 2,
      entryPrice: 3_100,
      markPrice: 3_000,
      leverage: 5,
      account: 'sub-1',
      venue: 'bybit-linear',
      marginMode: 'cross',
    });
    expect(spec('SOLUSDT long 10 isolated margin=250')).toMatchObject({ entryPrice: null, isolatedMargin: 250, marginMode: 'isolated' });
  });

  it('names the bad token in plain words', () => {
    expect(errorOf(parseWhatIf('BTCUSDT lng 1'))).toBe('--what-if "BTCUSDT lng 1": "lng" is not a side: use long or short');
    expect(errorOf(parseWhatIf('BTCUSDT long -1'))).toContain('"-1" is not a size');
    expect(errorOf(parseWhatIf('BTCUSDT long 1 @'))).toContain('"@" needs an entry price after it');
    expect(errorOf(parseWhatIf('BTCUSDT long 1 @ 9x'))).toContain('"9x" is not an entry price');
    expect(errorOf(parseWhatIf('BTCUSDT long 1 x0.5'))).toContain('"x0.5" is not a leverage');
    expect(errorOf(parseWhatIf('BTCUSDT long 1 x10 x20'))).toContain('"x20" repeats the leverage');
    expect(errorOf(parseWhatIf('BTCUSDT long 1 venue=nowhere'))).toContain('"venue=nowhere" names no venue profile');
    expect(errorOf(parseWhatIf('BTCUSDT long 1 colour=red'))).toContain('"colour=red" is not an option');
    expect(errorOf(parseWhatIf('BTCUSDT long 1 hedged'))).toContain('"hedged" is not understood');
    expect(errorOf(parseWhatIf('BTCUSDT long'))).toContain('expected SYMBOL SIDE SIZE');
    expect(errorOf(parseWhatIf('BTCUSDT long 1 margin=100'))).toContain('margin= applies to an isolated position');
  });
});

describe('parseTransfer', () => {
  it('reads ACCOUNT:AMOUNT[:ASSET], the account possibly holding colons', () => {
    expect(parseTransfer('main:500')).toEqual({ ok: true, value: { text: 'main:500', account: 'main', amount: 500, asset: null } });
    expect(parseTransfer('main:-500:usdc')).toEqual({ ok: true, value: { text: 'main:-500:usdc', account: 'main', amount: -500, asset: 'USDC' } });
    expect(parseTransfer('desk:a:1e3')).toMatchObject({ ok: true, value: { account: 'desk:a', amount: 1_000 } });
  });

  it('names what is wrong', () => {
    expect(errorOf(parseTransfer('main'))).toContain('expected ACCOUNT:AMOUNT');
    expect(errorOf(parseTransfer('main:lots'))).toContain('"lots" is not an amount');
    expect(errorOf(parseTransfer(':100'))).toContain('the account is missing');
    expect(errorOf(parseTransfer('main:0'))).toContain('"0" is not an amount');
  });
});

describe('applyBookChanges and compareBooks', () => {
  const positions = [btcLong, ethLong];
  const books: AccountBook[] = [bookOf(positions, 12_000)];
  const context = contextFor([...positions]);

  it('adds an isolated what-if funded from the wallet, entry as given, mark from the book', () => {
    const result = applyBookChanges(books, { whatIfs: [spec('BTCUSDT long 0.5 @ 62000 x10 isolated')], transfers: [] }, 'generic');
    if (!result.ok) throw new Error(result.error);
    const [pair] = result.value;
    expect(pair!.before).toBe(books[0]);
    const added = pair!.after.positions[2]!;
    expect(added).toMatchObject({ positionId: 'main:BTCUSDT:long:what-if', size: 0.5, entryPrice: 62_000, markPrice: 60_000, marginMode: 'isolated', isolatedMargin: 3_100, leverage: 10 });
    expect(pair!.after.balances.map((b) => [b.asset, b.amount])).toEqual([['USDT', 8_900]]);
  });

  it('diffs the three modes: equity, maintenance, ratio and each liquidation price before → after', () => {
    const result = applyBookChanges(books, { whatIfs: [spec('BTCUSDT long 0.5 @ 62000 x10 isolated')], transfers: [] }, 'generic');
    if (!result.ok) throw new Error(result.error);
    const { before, after } = result.value[0]!;
    const comparison = compareBooks(before, after, contextFor([...after.positions]));
    expect(comparison.issues).toEqual([]);
    const cross = comparison.modes.find((m) => m.mode === 'cross')!;
    // Same capital 12,000; the new half BTC is 1,000 under water and adds 300 of maintenance.
    expect(cross.equity).toEqual({ before: 12_000, after: 11_000 });
    expect(cross.maintenanceMargin.before).toBeCloseTo(900, 9);
    expect(cross.maintenanceMargin.after).toBeCloseTo(1_200, 9);
    expect(cross.marginRatio.after).toBeCloseTo(1_200 / 11_000, 12);
    const btc = cross.positions.find((p) => p.positionId === 'btc')!;
    // 0.99 p = 48,300 before; 1.485 p = 79,300 after (both BTC positions move together).
    expect(btc.added).toBe(false);
    expect(btc.liquidationPrice.before).toBeCloseTo(48_300 / 0.99, 8);
    expect(btc.liquidationPrice.after).toBeCloseTo(79_300 / 1.485, 8);
    const added = cross.positions.find((p) => p.positionId === 'main:BTCUSDT:long:what-if')!;
    expect(added.added).toBe(true);
    expect(added.liquidationPrice.before).toBeNull();
    const exported = comparison.modes.find((m) => m.mode === 'exported')!;
    // Exported: the what-if alone on 3,100: 0.495 p = 27,900; the cross rows on 8,900: 0.99 p = 51,400.
    expect(exported.positions.find((p) => p.positionId === 'main:BTCUSDT:long:what-if')!.liquidationPrice.after).toBeCloseTo(27_900 / 0.495, 8);
    expect(exported.positions.find((p) => p.positionId === 'btc')!.liquidationPrice.after).toBeCloseTo(51_400 / 0.99, 8);
  });

  it('applies transfers first, merges the wallet rows, and refuses to go below zero', () => {
    const deposit = applyBookChanges(books, { whatIfs: [], transfers: [transfer('main:3000')] }, 'generic');
    if (!deposit.ok) throw new Error(deposit.error);
    const comparison = compareBooks(deposit.value[0]!.before, deposit.value[0]!.after, context);
    expect(comparison.modes.find((m) => m.mode === 'cross')!.equity).toEqual({ before: 12_000, after: 15_000 });
    const withdraw = applyBookChanges(books, { whatIfs: [], transfers: [transfer('main:-13000')] }, 'generic');
    expect(errorOf(withdraw)).toBe('--transfer "main:-13000": the USDT wallet of account main holds 12000; withdrawing 13000 would leave it below zero');
    const unknown = applyBookChanges(books, { whatIfs: [], transfers: [transfer('sub:5')] }, 'generic');
    expect(errorOf(unknown)).toContain('no account "sub"');
    // A deposit funds an isolated what-if that the wallet alone could not.
    const big = spec('BTCUSDT long 3 x10 isolated');
    expect(errorOf(applyBookChanges(books, { whatIfs: [big], transfers: [] }, 'generic'))).toContain('the isolated margin 18000 USDT is more than the USDT wallet of account main holds (12000)');
    const funded = applyBookChanges(books, { whatIfs: [big], transfers: [transfer('main:6000')] }, 'generic');
    if (!funded.ok) throw new Error(funded.error);
    expect(funded.value[0]!.after.balances.map((b) => b.amount)).toEqual([0]);
  });

  it('fills defaults against the book and says what is missing', () => {
    expect(errorOf(applyBookChanges(books, { whatIfs: [spec('SOLUSDT long 1')], transfers: [] }, 'generic'))).toContain('no mark price for SOLUSDT');
    const sol = applyBookChanges(books, { whatIfs: [spec('SOLUSDT long 1 @ 150')], transfers: [] }, 'generic');
    if (!sol.ok) throw new Error(sol.error);
    expect(sol.value[0]!.after.positions[2]).toMatchObject({ markPrice: 150, entryPrice: 150, marginMode: 'cross', venue: 'generic', settlementAsset: 'USDT', baseAsset: 'SOL' });
    const twice = applyBookChanges(books, { whatIfs: [spec('ETHUSDT long 1'), spec('ETHUSDT long 2')], transfers: [] }, 'generic');
    if (!twice.ok) throw new Error(twice.error);
    expect(twice.value[0]!.after.positions.slice(2).map((p) => [p.positionId, p.entryPrice])).toEqual([
      ['main:ETHUSDT:long:what-if', 3_000],
      ['main:ETHUSDT:long:what-if-2', 3_000],
    ]);
    const two = [...books, bookOf([{ ...ethLong, positionId: 'sub-eth', account: 'sub' }], 1_000, 'sub')];
    const main = applyBookChanges(two, { whatIfs: [spec('ETHUSDT long 1')], transfers: [] }, 'generic');
    if (!main.ok) throw new Error(main.error);
    expect(main.value.map((p) => p.account)).toEqual(['main']);
    const chosen = applyBookChanges(two, { whatIfs: [spec('ETHUSDT long 1 account=sub')], transfers: [] }, 'generic');
    if (!chosen.ok) throw new Error(chosen.error);
    expect(chosen.value.map((p) => p.account)).toEqual(['sub']);
    const noMain = two.map((b) => ({ ...b, account: `${b.account}-desk` }));
    expect(errorOf(applyBookChanges(noMain, { whatIfs: [spec('ETHUSDT long 1')], transfers: [] }, 'generic'))).toContain('say which with account=ID');
  });
});
