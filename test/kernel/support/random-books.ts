// Test helper: random accounts for differential tests (fast-check arbitraries) — linear and
// inverse positions on several venues (full, partial-slice and fee-charging liquidation rules),
// isolated and cross rows, USDT/USDC wallets and haircut BTC collateral — and a jumpy path model
// so that liquidations, partial liquidations and bad debt all happen often.

import fc from 'fast-check';
import type { Balance } from '../../../src/domain/balance.js';
import type { Position } from '../../../src/domain/position.js';
import type { VenueName } from '../../../src/domain/venue-name.js';
import { choleskyLower } from '../../../src/scenarios/correlation/cholesky.js';
import { constantCorrelation } from '../../../src/scenarios/correlation/constant-correlation.js';
import { createGbmModel } from '../../../src/scenarios/models/gbm-model.js';
import type { PathModel } from '../../../src/scenarios/models/path-model.js';
import type { Xoshiro128 } from '../../../src/scenarios/random/xoshiro128.js';
import { makePosition } from '../../support/make-position.js';

export const MARKS: Readonly<Record<string, number>> = { BTC: 60_000, ETH: 3_000, SOL: 150 };
export const MODEL_ASSETS = ['BTC', 'ETH', 'SOL'] as const;

type RowKind = 'generic' | 'binance-usdm' | 'hyperliquid' | 'inverse';

/** A position row of one of `kinds`. */
const rowArb = (kinds: readonly RowKind[]) => fc.record({
  base: fc.constantFrom('BTC', 'ETH', 'SOL'),
  kind: fc.constantFrom<RowKind>(...kinds),
  side: fc.constantFrom<'long' | 'short'>('long', 'short'),
  notional: fc.double({ min: 1_000, max: 3_000_000, noNaN: true }),
  entryMove: fc.double({ min: -0.1, max: 0.1, noNaN: true }),
  leverage: fc.integer({ min: 2, max: 40 }),
  isolated: fc.boolean(),
});

export interface RandomAccountInput {
  readonly positions: Position[];
  readonly balances: Balance[];
}

function balance(asset: string, amount: number, haircut: number | null = null): Balance {
  return { account: 'main', asset, amount, priceQuote: null, haircut, source: { file: 'b', line: 2 } };
}

/** `minRows`–`maxRows` positions of `kinds`; USDT, USDC and BTC wallets sized to the notional they back; sometimes BTC collateral. */
const accountArb = (kinds: readonly RowKind[], minRows: number, maxRows: number) => fc
  .record({
    rows: fc.array(rowArb(kinds), { minLength: minRows, maxLength: maxRows }),
    /** Wallets as a share of the notional they back (small shares: liquidatable at once). */
    walletShare: fc.double({ min: 0.01, max: 0.7, noNaN: true }),
    btcCollateral: fc.double({ min: 0, max: 3, noNaN: true }),
  })
  .map(({ rows, walletShare, btcCollateral }): RandomAccountInput => {
    const positions = rows.map((r, i) => {
      const mark = MARKS[r.base]!;
      const entry = mark * (1 + r.entryMove);
      const inverse = r.kind === 'inverse' && r.base === 'BTC';
      const venue: VenueName = inverse ? 'binance-coinm' : r.kind === 'inverse' ? 'generic' : r.kind;
      if (inverse) {
        const contracts = Math.max(1, Math.round(r.notional / 100 / 20));
        return makePosition({
          positionId: `p${i}`,
          symbol: 'BTCUSD_PERP',
          instrument: 'inverse',
          venue,
          side: r.side,
          size: contracts,
          contractSize: 100,
          entryPrice: entry,
          markPrice: mark,
          leverage: r.leverage,
          marginMode: r.isolated ? 'isolated' : 'cross',
          isolatedMargin: r.isolated ? (contracts * 100) / entry / r.leverage : null,
        });
      }
      const symbol = venue === 'hyperliquid' ? `${r.base}USDC` : `${r.base}USDT`;
      const size = r.notional / mark;
      return makePosition({
        positionId: `p${i}`,
        symbol,
        venue,
        side: r.side,
        size,
        entryPrice: entry,
        markPrice: mark,
        leverage: r.leverage,
        marginMode: r.isolated ? 'isolated' : 'cross',
        isolatedMargin: r.isolated ? (size * entry) / r.leverage : null,
      });
    });
    const notionalIn = (asset: string): number =>
      positions.filter((p) => p.settlementAsset === asset).reduce((s, p) => s + (p.instrument === 'linear' ? p.size * p.markPrice : (p.size * p.contractSize) / p.markPrice), 0);
    const balances = [balance('USDT', walletShare * notionalIn('USDT') + 100)];
    if (positions.some((p) => p.settlementAsset === 'USDC')) balances.push(balance('USDC', walletShare * notionalIn('USDC')));
    if (positions.some((p) => p.settlementAsset === 'BTC')) balances.push(balance('BTC', walletShare * notionalIn('BTC')));
    else if (positions.some((p) => p.baseAsset === 'BTC') && btcCollateral > 0.5) balances.push(balance('BTC', btcCollateral, 0.05));
    return { positions, balances };
  });

/** 1–5 positions of every kind (linear and inverse, isolated and cross). */
export const randomAccountArb = accountArb(['generic', 'binance-usdm', 'hyperliquid', 'inverse'], 1, 5);

/** 2–9 linear positions (no inverse contract): cross pools whose members the kernel takes two at a time. */
export const linearAccountArb = accountArb(['generic', 'binance-usdm', 'hyperliquid'], 2, 9);

/** The flat correlation matrix (row-major) of the test model's assets. */
export const TEST_CORRELATION = 0.5;
export function testCorrelationMatrix(): Float64Array {
  return Float64Array.from(constantCorrelation(MODEL_ASSETS.length, TEST_CORRELATION).flat());
}

/**
 * Correlated GBM (the scenario model) with jumps added: in each step each asset jumps with
 * probability 8 % by ±3–25 % in log price, so that thresholds are crossed by gaps as well as by
 * diffusion. A test double for differential tests, not a price model.
 */
export function jumpyModel(nSteps: number, stepHours: number): PathModel {
  const gbm = createGbmModel({
    volAnnual: [0.9, 1.1, 1.4],
    choleskyFactor: choleskyLower(constantCorrelation(MODEL_ASSETS.length, TEST_CORRELATION)),
    nSteps,
    dtYears: stepHours / (24 * 365),
  });
  return {
    ...gbm,
    fillPath(rng: Xoshiro128, logReturns: Float64Array, stepVarianceScale: Float64Array): void {
      gbm.fillPath(rng, logReturns, stepVarianceScale);
      for (let i = 0; i < nSteps * MODEL_ASSETS.length; i++) {
        if (rng.nextUniform() < 0.08) {
          const size = 0.03 + 0.22 * rng.nextUniform();
          logReturns[i] = logReturns[i]! + (rng.nextUniform() < 0.5 ? -size : size);
        }
      }
    },
  };
}
