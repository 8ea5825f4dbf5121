// Candidate set-ups on the same capital: which positions are isolated, with how much margin under
// each split policy, and the rest left in the cross wallet (hand-computed, flat 1 % maintenance).

import { describe, expect, it } from 'vitest';
import { assignmentBook, capitalByAsset } from '../../src/recommendation/mode-assignment.js';
import { modePoolsOf, prepareAccountOrThrow } from '../../src/margin/prepared-account.js';
import { poolValuationAtFactors, UNMOVED } from '../../src/margin/pool-valuation.js';
import { makePosition } from '../support/make-position.js';
import { bookOf, btcLong, contextFor, ethLong } from '../contagion/support/fixtures.js';

const positions = [btcLong, ethLong];
const account = prepareAccountOrThrow(bookOf(positions, 12_000), contextFor(positions), 'test');

function margins(isolated: boolean[], split: Parameters<typeof assignmentBook>[2]) {
  const book = assignmentBook(account, isolated, split);
  return { margins: book.positions.map((p) => p.isolatedMargin), wallet: book.balances.map((b) => b.amount), book };
}

describe('assignmentBook', () => {
  it('isolates by leverage: the maintenance floor (1 % of 60,000) plus entry notional / leverage, leaving the rest in the cross wallet', () => {
    const { margins: m, wallet } = margins([true, false], 'leverage');
    expect(m[0]).toBeCloseTo(600 + 6_000, 5);
    expect(m[1]).toBeNull();
    expect(wallet[0]).toBeCloseTo(12_000 - 6_600, 5);
  });

  it('splits the whole capital by notional over all positions, the cross ones pooling their part', () => {
    expect(margins([true, false], 'notional')).toMatchObject({ margins: [8_000, null], wallet: [4_000] });
  });

  it('isolates at the cross distance: margin = MM(L) − pnl(L) at the cross liquidation price L', () => {
    // Cross: 0.99 L = 48,300, so margin = 0.01 L − (L − 60,000) = 60,000 − 48,300 = 11,700.
    const { margins: m, wallet } = margins([true, false], 'cross-distance');
    expect(m[0]).toBeCloseTo(11_700, 8);
    expect(wallet[0]).toBeCloseTo(300, 8);
  });

  it('all isolated by leverage is the isolated mode; the capital counts margins already posted', () => {
    const { book } = margins([true, true], 'leverage');
    const asCandidate = modePoolsOf(prepareAccountOrThrow(book, contextFor(positions), 'test'), 'exported').pools;
    const isolatedMode = modePoolsOf(account, 'isolated').pools;
    expect(asCandidate.map((p) => poolValuationAtFactors(p, UNMOVED).equity)).toEqual(isolatedMode.map((p) => poolValuationAtFactors(p, UNMOVED).equity));

    const sol = makePosition({ positionId: 'sol', symbol: 'SOLUSDT', size: 10, entryPrice: 150, markPrice: 150, marginMode: 'isolated', isolatedMargin: 500, leverage: 5 });
    const withSol = prepareAccountOrThrow(bookOf([btcLong, sol], 6_000), contextFor([btcLong, sol]), 'test');
    expect(capitalByAsset(withSol).get('USDT')).toBe(6_500);
    // SOL back to cross: its 500 joins the wallet.
    const back = assignmentBook(withSol, [true, false], 'leverage');
    // Floor 600 + 6,000 at leverage exceeds the 6,500: the leverage part is scaled to 5,900.
    expect(back.positions.map((p) => p.marginMode)).toEqual(['isolated', 'cross']);
    expect(back.positions[0]!.isolatedMargin).toBeCloseTo(6_500, 5);
    expect(back.balances[0]!.amount).toBeCloseTo(0, 5);
  });

  it('after the floors, scales the leverage margins down pro rata when the capital cannot cover them', () => {
    const thin = prepareAccountOrThrow(bookOf(positions, 3_000), contextFor(positions), 'test');
    const book = assignmentBook(thin, [true, true], 'leverage');
    // Floors first (600 BTC, 300 ETH), then the 2,100 left pro rata to the equal leverage margins.
    const [btc, eth] = book.positions.map((p) => p.isolatedMargin!);
    expect(btc).toBeCloseTo(600 + 1_050, 5);
    expect(eth).toBeCloseTo(300 + 1_050, 5);
    expect(book.balances[0]!.amount).toBeCloseTo(0, 5);
  });
});
