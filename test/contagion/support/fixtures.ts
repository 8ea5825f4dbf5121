// Test helpers for the contagion layer: small books on the generic venue with flat maintenance
// rates (one bracket), so liquidation prices and healths can be computed by hand.

import type { AccountBook } from '../../../src/domain/account-book.js';
import type { Balance } from '../../../src/domain/balance.js';
import type { Position } from '../../../src/domain/position.js';
import type { TierTable } from '../../../src/domain/tier.js';
import type { VenueName } from '../../../src/domain/venue-name.js';
import type { MarginContext } from '../../../src/margin/evaluate-account.js';
import type { AllocationPolicy } from '../../../src/margin/evaluation.js';
import type { PathModel } from '../../../src/scenarios/models/path-model.js';
import type { Xoshiro128 } from '../../../src/scenarios/random/xoshiro128.js';
import { venueProfile } from '../../../src/venues/registry.js';
import type { TierBook } from '../../../src/venues/tier-book.js';
import { makePosition } from '../../support/make-position.js';

/** One bracket: MM = rate × notional, at any size. */
export function flatTable(symbol: string, rate = 0.01): TierTable {
  return {
    symbol,
    measure: 'notional',
    tiers: [{ floor: 0, cap: Infinity, maintenanceMarginRate: rate, maintenanceAmount: 0, maxLeverage: 100, initialMarginRate: null, liquidationFeeRate: null }],
    source: 'test',
    snapshotDate: 'test',
  };
}

/** Flat 1 % tables for every symbol of `positions`, on their venues. */
export function flatTierBook(positions: readonly Position[], rate = 0.01): TierBook {
  const book = new Map<VenueName, Map<string, TierTable>>();
  for (const p of positions) {
    const profile = venueProfile(p.venue);
    const tables = book.get(p.venue) ?? new Map<string, TierTable>();
    tables.set(profile.tierKey(p.symbol), flatTable(p.symbol, rate));
    book.set(p.venue, tables);
  }
  return book;
}

export function usdt(amount: number, account = 'main'): Balance {
  return { account, asset: 'USDT', amount, priceQuote: null, haircut: null, source: { file: 'balances.csv', line: 2 } };
}

export function bookOf(positions: readonly Position[], wallet: number, account = 'main'): AccountBook {
  return { account, positions, balances: [usdt(wallet, account)] };
}

export function contextFor(positions: readonly Position[], allocation: AllocationPolicy = 'leverage', rate = 0.01): MarginContext {
  return { tierBook: flatTierBook(positions, rate), allocation };
}

/** BTC long 1 @ 60,000, 10x (isolated margin 6,000 by the leverage policy). */
export const btcLong = makePosition({ positionId: 'btc', symbol: 'BTCUSDT', size: 1, entryPrice: 60_000, markPrice: 60_000, leverage: 10 });
/** ETH long 10 @ 3,000, 5x (margin 6,000): unrelated to BTC. */
export const ethLong = makePosition({ positionId: 'eth', symbol: 'ETHUSDT', size: 10, entryPrice: 3_000, markPrice: 3_000, leverage: 5 });
/** ETH short 20 @ 3,000, 10x (margin 6,000): a hedge of the BTC long. */
export const ethShort = makePosition({ positionId: 'eth-short', symbol: 'ETHUSDT', side: 'short', size: 20, entryPrice: 3_000, markPrice: 3_000, leverage: 10 });

/** A path model replaying fixed log returns on every path, with zero variance. */
export function scriptedModel(steps: readonly (readonly number[])[], stepHours = 1): PathModel {
  const nAssets = steps[0]?.length ?? 0;
  const flat = Float64Array.from(steps.flat());
  return {
    kind: 'gbm',
    nAssets,
    nSteps: steps.length,
    dtYears: stepHours / (24 * 365),
    stepVariance: new Float64Array(nAssets),
    fillPath(_rng: Xoshiro128, logReturns: Float64Array, stepVarianceScale: Float64Array): void {
      logReturns.set(flat);
      stepVarianceScale.fill(1);
    },
  };
}
