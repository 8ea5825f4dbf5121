// What the positions parser remembers of venues and symbols across the rows of one file: each
// venue profile's facts looked up once, and each symbol parsed once per venue and contract kind
// into an entry every position of that symbol shares (one symbol string, its assets, the
// suffixes of its default position ids, whether tier tables cover it). Bounded: past
// MAX_CACHED_SYMBOLS distinct spellings a cache starts over.

import type { CsvRow } from '../csv/csv-row.js';
import type { InstrumentKind } from '../domain/position.js';
import { symbolAssets, type SymbolAssets } from '../domain/symbol-assets.js';
import type { VenueName } from '../domain/venue-name.js';
import { detachedString } from './detached-string.js';
import { SymbolCache } from './symbol-cache.js';
import { venueDefaultInstrument, venueDefaultQuoteAsset, venueSupportsInstrument } from './venue-facts.js';

/** Distinct symbol spellings remembered per venue and contract kind before the cache starts over. */
const MAX_CACHED_SYMBOLS = 50_000;

/** A symbol as parsed once for a venue and contract kind, shared by every position of it. */
export interface SymbolEntry {
  /** The trimmed symbol, one string shared by every position of this symbol. */
  readonly symbol: string;
  readonly assets: SymbolAssets;
  /** `:SYMBOL:long` and `:SYMBOL:short`: the default id is the account followed by one of these. */
  readonly longIdSuffix: string;
  readonly shortIdSuffix: string;
  /** The venue's tier tables cover this symbol (true when no check was asked for). */
  readonly hasTiers: boolean;
}

/** What the row parser needs to know of one venue profile, looked up once per venue. */
export interface VenueRowFacts {
  readonly venue: VenueName;
  readonly defaultInstrument: InstrumentKind;
  readonly linear: boolean;
  readonly inverse: boolean;
  /** Symbol cache per contract kind: cell as written → entry. */
  readonly linearSymbols: SymbolCache<SymbolEntry>;
  readonly inverseSymbols: SymbolCache<SymbolEntry>;
}

/** The venues and symbols met in one positions file. */
export class PositionSymbols {
  readonly #venueFacts = new Map<VenueName, VenueRowFacts>();
  /** Trimmed symbol → the one string used for it in every Position (bounded like the caches). */
  #symbolStrings = new Map<string, string>();
  readonly #knowsSymbol: ((venue: VenueName, symbol: string) => boolean) | undefined;

  /** `knowsSymbol`: whether tier tables cover a symbol on a venue (no check when undefined). */
  constructor(knowsSymbol?: (venue: VenueName, symbol: string) => boolean) {
    this.#knowsSymbol = knowsSymbol;
  }

  /** The facts of `venue`, looked up on first use. */
  factsOf(venue: VenueName): VenueRowFacts {
    let facts = this.#venueFacts.get(venue);
    if (facts === undefined) {
      facts = {
        venue,
        defaultInstrument: venueDefaultInstrument(venue),
        linear: venueSupportsInstrument(venue, 'linear'),
        inverse: venueSupportsInstrument(venue, 'inverse'),
        linearSymbols: new SymbolCache(MAX_CACHED_SYMBOLS),
        inverseSymbols: new SymbolCache(MAX_CACHED_SYMBOLS),
      };
      this.#venueFacts.set(venue, facts);
    }
    return facts;
  }

  /** Facts of a venue already met whose name field k spells exactly (no string is built). */
  knownVenueFacts(row: CsvRow, k: number): VenueRowFacts | undefined {
    for (const facts of this.#venueFacts.values()) if (row.cellIs(k, facts.venue)) return facts;
    return undefined;
  }

  /** A new entry for the symbol `text` (trimmed, a valid identifier) of `instrument` contracts on a venue. */
  newEntry(text: string, instrument: InstrumentKind, facts: VenueRowFacts): SymbolEntry {
    let symbol = this.#symbolStrings.get(text);
    if (symbol === undefined) {
      if (this.#symbolStrings.size >= MAX_CACHED_SYMBOLS) this.#symbolStrings = new Map();
      symbol = detachedString(text);
      this.#symbolStrings.set(symbol, symbol);
    }
    return {
      symbol,
      assets: symbolAssets(symbol, instrument, venueDefaultQuoteAsset(facts.venue)),
      hasTiers: this.#knowsSymbol === undefined || this.#knowsSymbol(facts.venue, symbol),
      longIdSuffix: `:${symbol}:long`,
      shortIdSuffix: `:${symbol}:short`,
    };
  }
}
