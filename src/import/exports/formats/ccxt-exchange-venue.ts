// The venue profile of a CCXT exchange id, and where the id comes from: CCXT's unified position
// carries no exchange, so it is taken from the caller, an `exchange` field a tool added, or the
// file name (`binanceusdm-positions.json`), in that order.
// Exchange ids: https://github.com/ccxt/ccxt/wiki/Exchange-Markets

import type { InstrumentKind } from '../../../domain/position.js';
import type { VenueName } from '../../../domain/venue-name.js';

/** CCXT ids that map to a profile, longest first (so `binanceusdm` wins over `binance` in a name). */
const KNOWN_IDS = ['binancecoinm', 'binanceusdm', 'hyperliquid', 'deribit', 'binance', 'bybit', 'okex', 'dydx', 'okx'] as const;

/** A known CCXT exchange id named in a file name as a word (`okx_positions.json`), or null. */
export function ccxtExchangeInLabel(label: string): string | null {
  const lower = label.toLowerCase();
  for (const id of KNOWN_IDS) {
    if (new RegExp(`(^|[^a-z])${id}([^a-z]|$)`).test(lower)) return id;
  }
  return null;
}

const STABLECOINS = new Set(['USDT', 'USDC', 'BUSD', 'FDUSD', 'TUSD', 'USDE', 'DAI', 'USDD']);

/**
 * The settlement currency CCXT's market `BASE/QUOTE` has on exchange `exchangeId` when the symbol
 * does not name it (`BTC/USD` rather than `BTC/USD:BTC`), or null when the exchange does not
 * decide it. CCXT's market structure says `settle == quote` is linear and `settle == base` inverse
 * (https://github.com/ccxt/ccxt/wiki/Manual#market-structure); the exchanges fix which:
 * Binance COIN-M settles every contract in its base coin, USDⓈ-M in its quote; Binance, Bybit,
 * OKX and Deribit settle USD-quoted contracts in the base coin (their inverse contracts) and
 * stablecoin-quoted ones in the quote; Hyperliquid and dYdX settle everything in USDC.
 */
export function ccxtImpliedSettle(exchangeId: string | null, base: string, quote: string): string | null {
  switch (exchangeId?.toLowerCase()) {
    case 'binancecoinm':
      return base;
    case 'binanceusdm':
      return quote;
    case 'binance':
    case 'bybit':
    case 'okx':
    case 'okex':
    case 'deribit':
      return quote === 'USD' ? base : STABLECOINS.has(quote) ? quote : null;
    case 'hyperliquid':
    case 'dydx':
    case 'dydxv4':
      return 'USDC';
    default:
      return STABLECOINS.has(quote) ? quote : null;
  }
}

/**
 * Profile of a position on CCXT exchange `exchangeId` with contracts of `instrument` kind, or
 * `generic` when the exchange has no profile of its own. `binance` (CCXT's class for both
 * futures markets) follows the contract kind, as `bybit` does.
 */
export function ccxtVenue(exchangeId: string | null, instrument: InstrumentKind): VenueName {
  switch (exchangeId?.toLowerCase()) {
    case 'binanceusdm':
      return 'binance-usdm';
    case 'binancecoinm':
      return 'binance-coinm';
    case 'binance':
      return instrument === 'linear' ? 'binance-usdm' : 'binance-coinm';
    case 'bybit':
      return instrument === 'linear' ? 'bybit-linear' : 'bybit-inverse';
    case 'okx':
    case 'okex':
      return 'okx-swap';
    case 'hyperliquid':
      return 'hyperliquid';
    case 'dydx':
    case 'dydxv4':
      return 'dydx-v4';
    case 'deribit':
      return 'deribit';
    default:
      return 'generic';
  }
}
