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
  const key = `${symbol}|${instrument}|${defaultQuote}`;
  let assets = cache.get(key);
  if (assets === undefined) {
    assets = splitSymbol(symbol, instrument, defaultQuote);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, assets);
  }
  return assets;
}

/** Books hold few distinct symbols; remembering their split keeps import off the regex engine. */
const cache = new Map<string, SymbolAssets>();
const CACHE_LIMIT = 10_000;

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
