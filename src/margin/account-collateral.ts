// An account's cross-wallet collateral sorted by the pool it can back: cash in each settlement
// asset, and other assets (BTC in a USDT account, say) valued at a price and a haircut for the
// account's primary linear pool. Problems (an asset with no price) come back as Issues.

import type { Balance } from '../domain/balance.js';
import type { Issue } from '../domain/issue.js';
import type { Position } from '../domain/position.js';
import type { AssetCollateral } from './pool.js';

/** Stablecoins valued at 1 quote unit when no price is given. */
const STABLECOINS = new Set(['USDT', 'USDC', 'USD', 'BUSD', 'FDUSD', 'TUSD', 'DAI', 'USDE']);

/** Preference order for the pool that receives non-settlement collateral. */
const PRIMARY_QUOTE_ORDER = ['USDT', 'USDC', 'USD', 'BUSD', 'FDUSD'];

export interface AccountCollateral {
  /** Cash per settlement asset (only assets some position settles in, or any held asset). */
  readonly cashByAsset: ReadonlyMap<string, number>;
  /** The linear pool asset that receives non-settlement collateral, or null if none. */
  readonly primaryLinearAsset: string | null;
  /** Non-settlement collateral for the primary linear pool. */
  readonly assetCollateral: readonly AssetCollateral[];
  /** Balances that back no pool (e.g. USDT in an account with only coin-margined positions). */
  readonly idle: readonly { asset: string; amount: number; priceQuote: number | null }[];
}

/** Mark price (quote per unit) of `asset` in the account's positions, if any position is on it. */
export function markOfAsset(positions: readonly Position[], asset: string): number | null {
  for (const p of positions) if (p.baseAsset === asset) return p.markPrice;
  return null;
}

/** Does some position settle in `asset`? (A scan: an account settles in few assets, and this ran a Set per account.) */
function settlesIn(positions: readonly Position[], asset: string): boolean {
  for (const p of positions) if (p.settlementAsset === asset) return true;
  return false;
}

/**
 * The linear positions' settlement asset that receives non-settlement collateral: the first of
 * PRIMARY_QUOTE_ORDER some linear position settles in, else the first linear position's; null
 * when no position is linear.
 */
function primaryLinearAssetOf(positions: readonly Position[]): string | null {
  let first: string | null = null;
  let preferred = PRIMARY_QUOTE_ORDER.length;
  for (const p of positions) {
    if (p.instrument !== 'linear') continue;
    if (first === null) first = p.settlementAsset;
    const rank = PRIMARY_QUOTE_ORDER.indexOf(p.settlementAsset);
    if (rank >= 0 && rank < preferred) preferred = rank;
  }
  return preferred < PRIMARY_QUOTE_ORDER.length ? PRIMARY_QUOTE_ORDER[preferred]! : first;
}

export function accountCollateral(positions: readonly Position[], balances: readonly Balance[]): { collateral: AccountCollateral; issues: Issue[] } {
  const issues: Issue[] = [];
  const primaryLinearAsset = primaryLinearAssetOf(positions);
  const cashByAsset = new Map<string, number>();
  const assetCollateral: AssetCollateral[] = [];
  const idle: { asset: string; amount: number; priceQuote: number | null }[] = [];
  for (const b of balances) {
    if (settlesIn(positions, b.asset)) {
      cashByAsset.set(b.asset, (cashByAsset.get(b.asset) ?? 0) + b.amount);
      continue;
    }
    const price = b.priceQuote ?? markOfAsset(positions, b.asset) ?? (STABLECOINS.has(b.asset) ? 1 : null);
    if (primaryLinearAsset === null) {
      idle.push({ asset: b.asset, amount: b.amount, priceQuote: price });
      continue;
    }
    if (price === null) {
      issues.push({
        code: 'no-collateral-price',
        file: b.source.file,
        line: b.source.line,
        column: 'price',
        message: `no price for collateral asset ${b.asset}: add a price column or hold a position on it`,
        value: b.asset,
        account: b.account,
      });
      continue;
    }
    assetCollateral.push({ asset: b.asset, amount: b.amount, priceSettlement: price, haircut: b.haircut ?? 0 });
  }
  return { collateral: { cashByAsset, primaryLinearAsset, assetCollateral, idle }, issues };
}
