// The `binance-coinm` profile: Binance COIN-M (inverse) perpetuals. The same bracket rule as
// USDⓈ-M, in the coin: notional `N = contracts * contractSize / mark` (BTC for BTCUSD_PERP),
// brackets, maintenance amounts and margin in the coin, bracket taken at the liquidation price,
// where the coin notional is larger for a long (it falls as the price rises).
//
// Liquidation price (https://www.binance.com/en/support/faq/ceccfcfb4e3a45e3b48b0b1bb1a8ae46),
// one-way, from equity = MM in coin:
//   LP = n*(MMR + side) / (WB - TMM1 + UPNL1 + cum + side*n/EP),  n = contracts * contractSize
//   MM(coin) = contracts*contractSize/MP*MMR - cum;  PnL(coin) = side*n*(1/EP - 1/P)
// which the generic solver reproduces from the schedule compiled here.

import type { MarginMode, Position } from '../domain/position.js';
import { symbolAssets } from '../domain/symbol-assets.js';
import type { TierTable } from '../domain/tier.js';
import { coinMarginedTierKey } from './binance-bybit-tier-key.js';
import { BINANCE_DEFAULT_LEVERAGE, BINANCE_TAKER_FEE_RATE, binanceBracketSchedule } from './binance-usdm.js';
import type { VenueProfile } from './venue-profile.js';

/**
 * Contract size in USD: 100 for BTC contracts, 10 for every other coin
 * (the COIN-M FAQ's example values 100 BTCUSD contracts at 25,000 as 100 * 100 / 25,000 BTC).
 */
export function binanceCoinmContractSizeUsd(symbol: string): number {
  return symbolAssets(symbol, 'inverse', 'USD').baseAsset === 'BTC' ? 100 : 10;
}

/**
 * Clearance fee on the liquidated notional when the tier table gives none: Binance's published
 * rate for perpetuals other than BTCUSDT, 0.5 %
 * (https://binance.zendesk.com/hc/en-us/articles/360033525271-Liquidation). The page predates
 * COIN-M's per-symbol rates; override with tiers.csv `liquidation_fee_rate`.
 */
const BINANCE_COINM_CLEARANCE_FEE_RATE = 0.005;

export const binanceCoinmProfile: VenueProfile = {
  name: 'binance-coinm',
  label: 'Binance COIN-M futures',
  instruments: ['inverse'],
  defaultQuoteAsset: 'USD',
  tierMeasure: 'notional',
  takerFeeRate: BINANCE_TAKER_FEE_RATE,
  defaultLeverage: BINANCE_DEFAULT_LEVERAGE,
  defaultContractSize: binanceCoinmContractSizeUsd,
  sources: [
    'https://www.binance.com/en/support/faq/ceccfcfb4e3a45e3b48b0b1bb1a8ae46',
    'https://www.binance.com/en/support/faq/360033525271',
    'https://binance.zendesk.com/hc/en-us/articles/360033525271-Liquidation',
  ],
  // As USDⓈ-M: one IOC order down to a lower bracket first (see binanceLowerBracketReduction).
  liquidation: { style: 'partial', partialFraction: 1, backstopEquityFraction: 0 },
  tierKey: (symbol) => coinMarginedTierKey(symbol, 'USD'),
  maintenanceSchedule: (_position: Position, table: TierTable, _mode: MarginMode) =>
    binanceBracketSchedule(table, BINANCE_COINM_CLEARANCE_FEE_RATE),
};
