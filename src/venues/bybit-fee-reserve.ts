// Bybit's closing-fee reserve: the taker fee to close a position at its bankruptcy price, which
// Bybit holds inside both the initial and the maintenance margin of every derivatives position
// (https://www.bybit.com/en/help-center/article/Initial-Margin-Calculation-USDC-Contract).
// Amounts are in the position's settlement asset: quote for linear contracts, coin for inverse.

import { sideSign, type Position } from '../domain/position.js';

/** Position value at `priceQuote` in the settlement asset: linear `Q*cs*P`, inverse `Q*cs/P`. */
function valueAt(position: Position, priceQuote: number): number {
  const units = position.size * position.contractSize;
  return position.instrument === 'linear' ? units * priceQuote : units / priceQuote;
}

/**
 * Bankruptcy price from the leverage setting (equity = 0 when only the initial margin is posted).
 * Linear: `EP*(1 - 1/lev)` long, `EP*(1 + 1/lev)` short.
 * Inverse: `EP*lev/(lev + 1)` long, `EP*lev/(lev - 1)` short (Infinity at 1x: never bankrupt).
 * Source: https://www.bybit.com/en/help-center/article/Initial-Margin-Calculation-USDC-Contract
 * (linear); the inverse form moves the coin value `n/P` by exactly the initial margin `n/EP/lev`.
 */
export function bybitBankruptcyPriceFromLeverage(position: Position, leverage: number): number {
  if (!(leverage >= 1)) throw new Error(`bybitBankruptcyPriceFromLeverage: leverage must be >= 1 (got ${leverage})`);
  const s = sideSign(position.side);
  const ep = position.entryPrice;
  if (position.instrument === 'linear') return ep * (1 - s / leverage);
  const denominator = 1 + s / leverage;
  return denominator > 0 ? ep / denominator : Infinity;
}

/**
 * Bankruptcy price given the margin actually posted: the price at which the position's equity
 * (margin + unrealised PnL) equals the taker fee to close there.
 * Linear long `(Q*EP - M)/(Q*(1 - t))`, short `(Q*EP + M)/(Q*(1 + t))`.
 * Inverse long `n*(1 + t)/(M + n/EP)`, short `n*(1 - t)/(n/EP - M)` with `n = Q*cs`.
 * Returns 0 for a long that can never go bankrupt, Infinity for such a short.
 * The inverse form is the bankruptcy price of Bybit's legacy inverse cross page
 * (`1.00075*Q/(Q/EP + AB - OM)`, https://help.bybit.com/hc/en-us/articles/360039261334) and the
 * one behind the `Extra/(1 ± taker)` terms of the UTA isolated inverse liquidation price.
 */
export function bybitBankruptcyPriceFromMargin(position: Position, marginSettlement: number, takerFeeRate: number): number {
  const s = sideSign(position.side);
  const units = position.size * position.contractSize;
  const ep = position.entryPrice;
  if (position.instrument === 'linear') {
    const numerator = units * ep - s * marginSettlement;
    return numerator > 0 ? numerator / (units * (1 - s * takerFeeRate)) : s > 0 ? 0 : Infinity;
  }
  const coinAtBankruptcy = (units / ep + s * marginSettlement) / (1 + s * takerFeeRate); // n / BP
  if (coinAtBankruptcy > 0) return units / coinAtBankruptcy;
  return s > 0 ? 0 : Infinity;
}

/**
 * Taker fee to close at `bankruptcyPriceQuote`, settlement asset: `value(BP) * taker`
 * (0 when the position can never go bankrupt).
 * Example (Bybit, USDC contract page): 0.5 BTC long at 50,000, 10x, taker 0.055%:
 * `0.5 * 50,000 * (1 - 1/10) * 0.055% = 12.375` USDC.
 */
export function bybitFeeToCloseAt(position: Position, bankruptcyPriceQuote: number, takerFeeRate: number): number {
  if (!(bankruptcyPriceQuote > 0) || !Number.isFinite(bankruptcyPriceQuote)) return 0;
  return valueAt(position, bankruptcyPriceQuote) * takerFeeRate;
}
