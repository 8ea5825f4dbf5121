// Test helper: small accounts compiled for the kernel, from positions and a USDT wallet, on the
// generic venue with test tier tables (Binance-style brackets).

import type { AccountBook } from '../../../src/domain/account-book.js';
import type { Balance } from '../../../src/domain/balance.js';
import type { Position } from '../../../src/domain/position.js';
import { accountCollateral, type AccountCollateral } from '../../../src/margin/account-collateral.js';
import type { AllocationPolicy } from '../../../src/margin/evaluation.js';
import { resolveAccount, type ResolvedAccount } from '../../../src/margin/resolve-schedules.js';
import type { TierTable } from '../../../src/domain/tier.js';
import type { TierBook } from '../../../src/venues/tier-book.js';
import type { VenueName } from '../../../src/domain/venue-name.js';
import { venueProfile } from '../../../src/venues/registry.js';
import { compileBook } from '../../../src/kernel/compile-book.js';
import type { CompiledBook } from '../../../src/kernel/compiled-book.js';
import { LEGACY_BINANCE_BTCUSDT, notionalTable } from '../../support/tier-tables.js';

export const ETHUSDT = notionalTable('ETHUSDT', [
  [10_000, 0.005, 100],
  [100_000, 0.0065, 75],
  [500_000, 0.01, 50],
  [1_000_000, 0.02, 25],
  [Infinity, 0.05, 10],
]);

/** A generic bracket table for any other symbol: 1 % up to 100k, 2 % to 1M, 5 % beyond. */
export function genericTable(symbol: string): TierTable {
  return notionalTable(symbol, [
    [100_000, 0.01, 50],
    [1_000_000, 0.02, 25],
    [Infinity, 0.05, 10],
  ]);
}

/** Coin-margined brackets (notional in the coin): 0.5 % to 5, 1 % to 20, 2.5 % beyond. */
export function coinTable(symbol: string): TierTable {
  return notionalTable(symbol, [
    [5, 0.005, 100],
    [20, 0.01, 50],
    [Infinity, 0.025, 20],
  ]);
}

function tableFor(p: Position): TierTable {
  if (p.instrument === 'inverse') return coinTable(p.symbol);
  if (p.baseAsset === 'BTC') return LEGACY_BINANCE_BTCUSDT;
  if (p.baseAsset === 'ETH') return ETHUSDT;
  return genericTable(p.symbol);
}

/** Every position's table, filed under its venue's tier key. */
export function tierBookFor(positions: readonly Position[]): TierBook {
  const book = new Map<VenueName, Map<string, TierTable>>();
  for (const p of positions) {
    const profile = venueProfile(p.venue);
    const tables = book.get(p.venue) ?? new Map<string, TierTable>();
    tables.set(profile.tierKey(p.symbol), tableFor(p));
    book.set(p.venue, tables);
  }
  return book;
}

export function usdt(amount: number, account = 'main'): Balance {
  return { account, asset: 'USDT', amount, priceQuote: null, haircut: null, source: { file: 'b', line: 2 } };
}

export interface TestAccount {
  readonly resolved: ResolvedAccount;
  readonly collateral: AccountCollateral;
  readonly policy: AllocationPolicy;
  readonly book: CompiledBook;
}

/** Resolve, gather collateral and compile one account; throws on any input issue. */
export function testAccount(positions: readonly Position[], balances: readonly Balance[], policy: AllocationPolicy = 'leverage', tierBook?: TierBook): TestAccount {
  const account: AccountBook = { account: positions[0]?.account ?? 'main', positions, balances };
  const tiers = tierBook ?? tierBookFor(positions);
  const { resolved, issues } = resolveAccount(account, tiers);
  if (resolved === null) throw new Error(`testAccount: ${issues.map((i) => i.message).join('; ')}`);
  const { collateral, issues: collateralIssues } = accountCollateral(positions, balances);
  if (collateralIssues.length > 0) throw new Error(`testAccount: ${collateralIssues.map((i) => i.message).join('; ')}`);
  return { resolved, collateral, policy, book: compileBook(resolved, collateral, policy) };
}
