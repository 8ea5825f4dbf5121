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
