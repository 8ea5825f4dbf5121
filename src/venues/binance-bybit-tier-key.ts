// Tier-table keys for Binance and Bybit symbols: every spelling a user or an export may use
// (`btcusdt`, `BTC/USDT:USDT`, `BTC-USDT-SWAP`, `BTCUSD_PERP`, `BTC/USD:BTC`) maps to the one key
// the venue's own tables use. Dated contracts keep their expiry in the key, because the venues
// give them their own tier tables: a dated symbol must never fall back to the perpetual's table.

import type { InstrumentKind } from '../domain/position.js';
import { symbolAssets } from '../domain/symbol-assets.js';

/** A 6-digit expiry (YYMMDD) at the end of a symbol, e.g. `BTCUSDT_240927`, `BTC/USDT:USDT-240927`. */
const EXPIRY_SUFFIX = /[-_](\d{6})$/;

/** The expiry of a dated contract symbol (YYMMDD), or null for a perpetual. */
function expirySuffix(symbol: string): string | null {
  return EXPIRY_SUFFIX.exec(symbol.trim().toUpperCase())?.[1] ?? null;
}

/**
 * `BASEQUOTE` for a perpetual, `BASEQUOTE_YYMMDD` for a dated contract: the key of Binance
 * USDⓈ-M (`BTCUSDT`), Bybit linear (`BTCUSDT`) and Bybit inverse (`BTCUSD`) tier tables.
 * `defaultQuote` completes a symbol that names only its base (`BTC` -> `BTCUSDT`).
 */
export function concatenatedTierKey(symbol: string, instrument: InstrumentKind, defaultQuote: string): string {
  const assets = symbolAssets(symbol, instrument, defaultQuote);
  const pair = `${assets.baseAsset}${assets.quoteAsset}`;
  const expiry = expirySuffix(symbol);
  return expiry === null ? pair : `${pair}_${expiry}`;
}

/**
 * `BASEQUOTE_PERP` for a perpetual, `BASEQUOTE_YYMMDD` for a dated contract: the key of Binance
 * COIN-M tier tables (`BTCUSD_PERP`), whatever the spelling (`BTCUSD`, `btcusd_perp`, `BTC/USD:BTC`).
 */
export function coinMarginedTierKey(symbol: string, defaultQuote: string): string {
  const assets = symbolAssets(symbol, 'inverse', defaultQuote);
  const expiry = expirySuffix(symbol);
  return `${assets.baseAsset}${assets.quoteAsset}_${expiry ?? 'PERP'}`;
}
