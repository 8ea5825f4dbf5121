// Deferred tier tables (read on first use) answer exactly as the loaded Map would, in the same
// order; an overlay over them answers its own symbols without loading; the bundled book opened
// this way holds the same tables, in the same order, as every file read at once; and the copies
// made for worker threads and the export-file notes read only what they must.

import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TierTable } from '../../src/domain/tier.js';
import type { VenueName } from '../../src/domain/venue-name.js';
import { exportTierFiles } from '../../src/flows/evaluation-notes.js';
import { loadBundledTierBook, openBundledTierBook, parseBundledTierFile } from '../../src/io/bundled-tiers.js';
import { DeferredTierTables } from '../../src/venues/deferred-tier-tables.js';
import { overlayTierBook, plainTierBook, type TierBook } from '../../src/venues/tier-book.js';

function table(symbol: string, source: string, origin?: TierTable['origin']): TierTable {
  return {
    symbol,
    measure: 'notional',
    tiers: [{ floor: 0, cap: Infinity, maintenanceMarginRate: 0.01, maintenanceAmount: 0, maxLeverage: 50, initialMarginRate: null, liquidationFeeRate: null }],
    source,
    snapshotDate: '2025-01-01',
    ...(origin === undefined ? {} : { origin }),
  };
}

/** `entries` deferred, with a count of the loads. */
function counted(entries: readonly (readonly [string, TierTable])[], front?: ReadonlyMap<string, TierTable>): { tables: DeferredTierTables; loads: () => number } {
  let loads = 0;
  const tables = new DeferredTierTables(
    () => {
      loads++;
      return new Map(entries);
    },
    front === undefined ? {} : { front },
  );
  return { tables, loads: () => loads };
}

/** Everything a reader can see of a venue's tables: entries in order, size, and the lookups. */
function seen(tables: ReadonlyMap<string, TierTable>, probes: readonly string[]): unknown {
  const forEach: [string, TierTable][] = [];
  tables.forEach((value, key) => forEach.push([key, value]));
  return {
    entries: [...tables],
    keys: [...tables.keys()],
    values: [...tables.values()],
    pairs: [...tables.entries()],
    forEach,
    size: tables.size,
    lookups: probes.map((key) => [tables.get(key), tables.has(key)]),
  };
}

const SYMBOLS = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'XRPUSDT', 'DOGEUSDT', 'A01USDT'];
const entriesArb = fc.uniqueArray(fc.constantFrom(...SYMBOLS), { maxLength: SYMBOLS.length }).map((symbols) => symbols.map((s, k) => [s, table(s, `src${k}`)] as const));
const bookArb = fc.dictionary(fc.constantFrom('generic', 'binance-usdm', 'okx-swap'), entriesArb, { maxKeys: 3 });

function plainBook(book: Record<string, readonly (readonly [string, TierTable])[]>): TierBook {
  return new Map(Object.entries(book).map(([venue, entries]) => [venue as VenueName, new Map(entries)]));
}

function deferredBook(book: Record<string, readonly (readonly [string, TierTable])[]>): TierBook {
  return new Map(Object.entries(book).map(([venue, entries]) => [venue as VenueName, counted(entries).tables]));
}

describe('DeferredTierTables', () => {
  it('answers every read as the loaded Map does, loading once, whatever is read first', () => {
    fc.assert(
      fc.property(entriesArb, fc.array(fc.constantFrom(...SYMBOLS, 'NONE'), { maxLength: 8 }), (entries, probes) => {
        const { tables, loads } = counted(entries);
        expect(loads()).toBe(0);
        expect(seen(tables, probes)).toEqual(seen(new Map(entries), probes));
        expect(loads()).toBe(1);
        expect(tables.loaded).toBe(true);
      }),
    );
  });

  it('answers the front tables without loading; any other read loads, and the front still wins', () => {
    const below = [['BTCUSDT', table('BTCUSDT', 'bundled')], ['ETHUSDT', table('ETHUSDT', 'bundled')]] as const;
    const front = new Map([['ETHUSDT', table('ETHUSDT', 'mine')], ['A01USDT', table('A01USDT', 'mine')]]);
    const merged = new Map<string, TierTable>(below);
    for (const [key, value] of front) merged.set(key, value);
    const { tables, loads } = counted([...merged], front);
    expect(tables.get('A01USDT')).toBe(front.get('A01USDT'));
    expect(tables.has('ETHUSDT')).toBe(true);
    expect(loads()).toBe(0);
    expect(tables.get('BTCUSDT')?.source).toBe('bundled');
    expect(loads()).toBe(1);
    expect(tables.get('ETHUSDT')).toBe(front.get('ETHUSDT'));
    expect([...tables.keys()]).toEqual(['BTCUSDT', 'ETHUSDT', 'A01USDT']);
  });

  it('a failing loader fails again on the next read (never an empty venue)', () => {
    let calls = 0;
    const tables = new DeferredTierTables(() => {
      calls++;
      throw new Error('bundled tier data x.json: broken');
    });
    expect(() => tables.get('BTCUSDT')).toThrow('broken');
    expect(() => tables.size).toThrow('broken');
    expect(calls).toBe(2);
  });
});

describe('overlayTierBook over deferred venues', () => {
  it('gives the same book, venue by venue and in order, as over the loaded maps', () => {
    fc.assert(
      fc.property(bookArb, bookArb, fc.array(fc.constantFrom(...SYMBOLS, 'NONE'), { maxLength: 6 }), (base, override, probes) => {
        const expected = overlayTierBook(plainBook(base), plainBook(override));
        const actual = overlayTierBook(deferredBook(base), plainBook(override));
        expect([...actual.keys()]).toEqual([...expected.keys()]);
        for (const [venue, tables] of expected) expect(seen(actual.get(venue)!, probes)).toEqual(seen(tables, probes));
        // And overlaid once more (an export's tables, then the user's), still the same.
        const twice = overlayTierBook(actual, plainBook(base));
        for (const [venue, tables] of overlayTierBook(expected, plainBook(base))) expect(seen(twice.get(venue)!, probes)).toEqual(seen(tables, probes));
      }),
    );
  });

  it("reads no venue for the override's own symbols, and shares a venue the override leaves alone", () => {
    const generic = counted([['BTCUSDT', table('BTCUSDT', 'bundled', 'bundled')]]);
    const okx = counted([['BTC-USDT-SWAP', table('BTC-USDT-SWAP', 'bundled', 'bundled')]]);
    const base: TierBook = new Map<VenueName, ReadonlyMap<string, TierTable>>([['generic', generic.tables], ['okx-swap', okx.tables]]);
    const mine = table('A01USDT', 'tiers.csv');
    const book = overlayTierBook(base, new Map([['generic', new Map([['A01USDT', mine]])]]));
    expect(book.get('generic')!.get('A01USDT')).toBe(mine);
    expect(book.get('okx-swap')).toBe(okx.tables);
    expect(generic.loads() + okx.loads()).toBe(0);
  });
});

describe('the bundled tier book', () => {
  const dir = new URL('../../data/tiers/', import.meta.url);

  it('opened deferred, holds every file\'s tables in file order, as read all at once', () => {
    const expected = new Map<string, [string, TierTable][]>();
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
      const { venue, tables } = parseBundledTierFile(readFileSync(new URL(name, dir), 'utf8'), `data/tiers/${name}`);
      expect(name).toBe(`${venue}.json`);
      expected.set(venue, [...tables]);
    }
    const opened = openBundledTierBook();
    expect([...opened.keys()]).toEqual([...expected.keys()]);
    for (const [venue, tables] of opened) expect([...tables]).toEqual(expected.get(venue));
    const loaded = loadBundledTierBook();
    for (const [venue, tables] of loaded) {
      expect(tables.constructor).toBe(Map);
      expect([...tables]).toEqual(expected.get(venue));
    }
  });

  it('copied for a worker, every venue is a plain loaded Map that survives a structured clone', () => {
    const { tables } = counted([['BTCUSDT', table('BTCUSDT', 'bundled')]]);
    const book: TierBook = new Map([['generic', tables]]);
    expect(structuredClone(book).get('generic')!.size).toBe(0);
    const copy = plainTierBook(book);
    expect(copy.get('generic')!.constructor).toBe(Map);
    expect([...structuredClone(copy).get('generic')!.keys()]).toEqual(['BTCUSDT']);
  });

  it("the notes' export files skip bundled venues unread, and find an export's tables over them", () => {
    const generic = counted([['BTCUSDT', table('BTCUSDT', 'bundled', 'bundled')]]);
    const bundled = new DeferredTierTables(() => generic.tables, { origin: 'bundled' });
    const base: TierBook = new Map([['generic', bundled]]);
    expect(exportTierFiles(base).size).toBe(0);
    expect(generic.loads()).toBe(0);
    const withExport = overlayTierBook(base, new Map([['generic', new Map([['ETHUSDT', table('ETHUSDT', 'positions.json (positionRisk)', 'export')]])]]));
    expect(exportTierFiles(withExport)).toEqual(new Map([['generic', 'positions.json']]));
    // The given tables name one file: the bundled ones under them are not read for that.
    expect(generic.loads()).toBe(0);
    // Given tables without an export's over the bundled ones: none found, nothing read.
    const withUserTiers = overlayTierBook(base, new Map([['generic', new Map([['ETHUSDT', table('ETHUSDT', 'tiers.csv')]])]]));
    expect(exportTierFiles(withUserTiers).size).toBe(0);
    expect(generic.loads()).toBe(0);
  });

  it("the notes' export files over bundled tables answer as the loaded tables would, also with two export files", () => {
    const bundledEntries = [['SOLUSDT', table('SOLUSDT', 'bundled', 'bundled')], ['ETHUSDT', table('ETHUSDT', 'bundled', 'bundled')]] as const;
    const given = new Map([
      ['ETHUSDT', table('ETHUSDT', 'a.json (positionRisk)', 'export')],
      ['SOLUSDT', table('SOLUSDT', 'b.json (positionRisk)', 'export')],
    ]);
    const lazy = counted(bundledEntries);
    const overlaid = overlayTierBook(new Map([['generic', new DeferredTierTables(() => lazy.tables, { origin: 'bundled' })]]), new Map([['generic', given]]));
    const loaded = overlayTierBook(new Map([['generic', new Map(bundledEntries)]]), new Map([['generic', given]]));
    // Two files: the first export table in the loaded order (the bundled file's: SOLUSDT, not the
    // given order's ETHUSDT) names it, as without deferral.
    expect(exportTierFiles(overlaid)).toEqual(exportTierFiles(loaded));
    expect(exportTierFiles(loaded)).toEqual(new Map([['generic', 'b.json']]));
  });
});
