// The verdict per account: each lens picks the safer mode from its figures (ties within the
// Monte Carlo error are ties), and the lenses agreeing or not decide the account's verdict.

import { describe, expect, it } from 'vitest';
import { accountVerdict, nearestUniformMove, stressCounts } from '../../src/verdict/account-verdict.js';
import { verdictSentence, verdictTableView } from '../../src/report/verdict/verdict-text.js';

const mc = (p: number, pSe: number, loss: number, lossSe: number) => ({ liquidationProbability: p, liquidationProbabilityStandardError: pSe, expectedLoss: loss, expectedLossStandardError: lossSe });

describe('accountVerdict', () => {
  it('prefers the larger distance, fewer stress liquidations, and lower MC figures beyond two standard errors', () => {
    const v = accountVerdict({
      distance: { isolated: 0.02, cross: 0.0387 },
      stress: { isolated: 3, cross: 0 },
      monteCarlo: { asset: 'USDT', isolated: mc(0.9, 0.003, 1_800, 20), cross: mc(0.16, 0.004, 2_100, 30) },
    });
    expect(v.lenses.map((l) => [l.kind, l.safer])).toEqual([
      ['distance', 'cross'],
      ['stress', 'cross'],
      ['probability', 'cross'],
      ['loss', 'isolated'],
    ]);
    expect(v.safer).toBe('depends');
    expect(verdictSentence(v)).toBe(
      'It depends: isolated is safer by Monte Carlo expected loss, cross by distance of all marks moving together, stress (positions liquidated) and Monte Carlo P(liquidation); they disagree because cross margin keeps liquidation further away, but when its pool fails it loses all the collateral at once, while isolated loses only the margins of the positions that fall and keeps the free balance.',
    );
    expect(verdictTableView(v).rows[3]!.map((c) => c.text)).toEqual(['Monte Carlo expected loss (USDT)', '1,800.00 ±20.00', '2,100.00 ±30.00', 'isolated']);
  });

  it('calls a Monte Carlo difference within two standard errors a tie', () => {
    // |Δ| = 50 ≤ 2·√(20² + 30²) = 72.1
    const v = accountVerdict({ monteCarlo: { asset: 'USDT', isolated: mc(0.1, 0.01, 1_000, 20), cross: mc(0.1, 0.01, 1_050, 30) } });
    expect(v.lenses.map((l) => l.safer)).toEqual(['tie', 'tie']);
    expect(v.safer).toBe('tie');
  });

  it('reads each replayed event and treats "no liquidation at any move" as the larger distance', () => {
    const v = accountVerdict({ distance: { isolated: 1.059, cross: null }, replays: [{ event: '2025-10-10', asset: 'USDT', isolatedLoss: 6_819, crossLoss: 22_582 }] });
    expect(v.lenses.map((l) => l.safer)).toEqual(['cross', 'isolated']);
    expect(v.safer).toBe('depends');
    expect(verdictTableView(v).rows[0]!.map((c) => c.text)).toEqual(['distance of all marks moving together', '105.9%', 'none', 'cross']);
  });

  it('nearest uniform move and stress counts', () => {
    expect(nearestUniformMove({ down: 0.2, up: 0.1 }, false)).toBe(0.1);
    expect(nearestUniformMove({ down: null, up: 0.3 }, false)).toBe(0.3);
    expect(nearestUniformMove({ down: 0.2, up: null }, true)).toBe(0);
    expect(stressCounts([
      { price: 100, crossLiquidated: true, victimCount: 2 },
      { price: 50, crossLiquidated: false, victimCount: 0 },
      { price: null, crossLiquidated: false, victimCount: 0 },
    ])).toEqual({ isolated: 2, cross: 3 });
  });
});
