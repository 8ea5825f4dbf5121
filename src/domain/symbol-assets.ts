// Base, quote and settlement assets of an instrument symbol, across the spellings venues use:
// BTCUSDT, BTCUSD_PERP, BTC-USDT-SWAP, BTC-USD, BTC_USDC-PERPETUAL, BTC-PERPETUAL, BTC/USDT:USDT, BTC.

import type { InstrumentKind } from './position.js';

export interface SymbolAssets {
  readonly baseAsset: string;
  readonly quoteAsset: string;
  /** Linear: the quote. Inverse: the base coin. */
  readonly settlementAsset: string;
}

/** Quote currencies recognised at the end of a concatenated symbol, longest first. */
const KNOWN_QUOTES = ['FDUSD', 'USDT', 'USDC', 'BUSD', 'TUSD', 'USDE', 'USD'] as const;

/** Suffixes that name the contract type, not an asset. */
const CONTRACT_SUFFIXES = /[-_](PERP|PERPETUAL|SWAP|SPOT)$|[-_]\d{6}$/;

/**
 * Split `symbol` into its assets. `defaultQuote` is used when the symbol names only the base
 * (Hyperliquid `BTC`, Deribit `BTC-PERPETUAL`). CCXT unified symbols (`BTC/USDT:USDT`) carry the
 * settlement asset explicitly after the colon.
 */
export function symbolAssets(symbol: string, instrument: InstrumentKind, defaultQuote: string): SymbolAssets {
  let bySymbol = cache.get(instrument)?.get(defaultQuote);
  if (bySymbol === undefined) {
    const byQuote = cache.get(instrument) ?? new Map<string, Map<string, SymbolAssets>>();
    cache.set(instrument, byQuote);
    bySymbol = new Map<string, SymbolAssets>();
    byQuote.set(defaultQuote, bySymbol);
  }
  let assets = bySymbol.get(symbol);
  if (assets === undefined) {
    assets = splitSymbol(symbol, instrument, defaultQuote);
    if (bySymbol.size >= CACHE_LIMIT) bySymbol.clear();
    bySymbol.set(symbol, assets);
  }
  return assets;
}

/**
 * Symbols already split, by instrument, default quote and symbol: looked up without building a
 * key, so a book's repeated symbols stay off the regex engine. An export of one account may hold a
 * position on each of many thousands of coins (a Hyperliquid account of 100,000, read and looked up
 * several times per position), hence the limit, per instrument and quote: 2^18 symbols (under 40 MB).
 */
const cache = new Map<InstrumentKind, Map<string, Map<string, SymbolAssets>>>();
const CACHE_LIMIT = 262_144;

function splitSymbol(symbol: string, instrument: InstrumentKind, defaultQuote: string): SymbolAssets {
  const upper = symbol.trim().toUpperCase();
  let base: string;
  let quote: string;
  const ccxt = /^([A-Z0-9]+)\/([A-Z0-9]+)(?::([A-Z0-9]+))?/.exec(upper);
  if (ccxt) {
    base = ccxt[1]!;
    quote = ccxt[2]!;
    if (ccxt[3] !== undefined) return { baseAsset: base, quoteAsset: quote, settlementAsset: ccxt[3] };
  } else {
    let core = upper;
    while (CONTRACT_SUFFIXES.test(core)) core = core.replace(CONTRACT_SUFFIXES, '');
    const parts = core.split(/[-_]/).filter((p) => p !== '');
    if (parts.length >= 2) {
      base = parts[0]!;
      quote = parts[1]!;
    } else {
      const joined = parts[0] ?? core;
      const q = KNOWN_QUOTES.find((candidate) => joined.length > candidate.length && joined.endsWith(candidate));
      base = q === undefined ? joined : joined.slice(0, joined.length - q.length);
      quote = q ?? defaultQuote;
    }
  }
  return { baseAsset: base, quoteAsset: quote, settlementAsset: instrument === 'inverse' ? base : quote };
}
