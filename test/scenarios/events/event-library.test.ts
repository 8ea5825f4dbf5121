// The shipped crash library: index and event files parse, and reproduce known facts of the
// Binance source data (values read from the source bar files, quoted below).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEventIndexJson, type EventIndexEntry } from '../../../src/scenarios/events/event-index.js';
import { EventLibrary } from '../../../src/scenarios/events/event-library.js';
import { parseEventCsv, type HistoricalEvent } from '../../../src/scenarios/events/historical-event.js';

const eventsFile = (name: string): string => readFileSync(new URL(`../../../data/events/${name}`, import.meta.url), 'utf8');
const { index, issues: indexIssues } = parseEventIndexJson(eventsFile('index.json'), 'index.json');
const library = new EventLibrary(index!);

function load(name: string): HistoricalEvent {
  const entry = library.find(name)!;
  const { event, issues } = parseEventCsv(eventsFile(entry.file), entry, entry.file);
  expect(issues).toEqual([]);
  return event!;
}

/** Lowest low of `symbol` in the event, in quote units, and the offset of its bar. */
function lowest(event: HistoricalEvent, symbol: string): { price: number; offsetMinutes: number } {
  const bars = event.bars.get(symbol)!;
  let k = 0;
  for (let j = 1; j < bars.low.length; j++) if (bars.low[j]! < bars.low[k]!) k = j;
  return { price: bars.low[k]! * event.entry.startPrice.get(symbol)!, offsetMinutes: k * bars.barMinutes };
}

describe('data/events', () => {
  it('has an index with the seven crashes, in order', () => {
    expect(indexIssues).toEqual([]);
    expect(library.list().map((e) => e.name)).toEqual(['2020-03-12', '2021-05-19', '2022-05-12', '2022-06-13', '2022-11-09', '2024-08-05', '2025-10-10']);
  });

  it('parses every event file without issues, each window a few days long', () => {
    for (const entry of index!.events) {
      const event = load(entry.name);
      const days = (entry.endMs - entry.startMs) / 86_400_000;
      expect(days).toBeGreaterThanOrEqual(3);
      expect(days).toBeLessThanOrEqual(7);
      expect([...event.bars.keys()]).toEqual(entry.symbols);
      for (const bars of event.bars.values()) expect(bars.open[0]).toBe(1);
    }
  });

  it('2025-10-10: BTC low / start = 102000 / 123306.01 (spot 30m), in the 21:00Z bar', () => {
    // BTCUSDT_30m: 2025-10-09T00:00Z open 123306.01; 2025-10-10T21:00Z low 102000.
    const event = load('2025-10-10');
    expect(event.entry.startPrice.get('BTC')).toBe(123306.01);
    const bars = event.bars.get('BTC')!;
    expect(bars.barMinutes).toBe(30);
    const low = lowest(event, 'BTC');
    expect(low.offsetMinutes).toBe((24 + 21) * 60);
    expect(Math.min(...bars.low)).toBeCloseTo(102000 / 123306.01, 9);
    expect(low.price).toBeCloseTo(102000, 3);
  });

  it('2025-10-10: XRP 1.2543 and DOGE 0.095 lows (spot 1h)', () => {
    const event = load('2025-10-10');
    expect(lowest(event, 'XRP').price).toBeCloseTo(1.2543, 8);
    expect(lowest(event, 'XRP').offsetMinutes).toBe((24 + 21) * 60);
    expect(lowest(event, 'DOGE').price).toBeCloseTo(0.095, 9);
    expect(event.bars.get('XRP')!.barMinutes).toBe(60);
  });

  it('2020-03-12: BTC from the perpetual (low 3621.81 at 2020-03-13T02:00Z), ETH spot low 86.00', () => {
    const event = load('2020-03-12');
    expect(event.entry.sources.get('BTC')).toMatchObject({ file: 'BTCUSDT-PERP_1h.csv', market: 'usdm-perpetual', provenance: ['P'] });
    expect(event.entry.startPrice.get('BTC')).toBe(7898.21);
    expect(lowest(event, 'BTC')).toEqual({ price: expect.closeTo(3621.81, 4), offsetMinutes: (48 + 2) * 60 });
    expect(lowest(event, 'ETH').price).toBeCloseTo(86, 6);
    expect(event.entry.sources.get('ETH')!.market).toBe('spot');
    expect(event.entry.symbols).not.toContain('SOL');
    expect(event.entry.notes.join(' ')).toMatch(/perpetual/);
  });

  it('2022-11-09: SOL fell 62 % from the window start to 12.37', () => {
    const event = load('ftx');
    expect(event.entry.startPrice.get('SOL')).toBe(32.61);
    expect(lowest(event, 'SOL').price).toBeCloseTo(12.37, 8);
    expect(1 - 12.37 / 32.61).toBeCloseTo(0.62, 2);
  });

  it('2024-08-05: BTC 49000 at 06:00Z (30m spot)', () => {
    const event = load('2024-08-05');
    expect(lowest(event, 'BTC')).toEqual({ price: expect.closeTo(49000, 3), offsetMinutes: (48 + 6) * 60 });
  });
});

describe('EventLibrary', () => {
  it('finds events by name or alias, case-insensitively', () => {
    expect(library.find('2022-11-09')?.name).toBe('2022-11-09');
    expect(library.find('FTX')?.name).toBe('2022-11-09');
    expect(library.find('2022-06-18')?.name).toBe('2022-06-13');
    expect(library.find('1929-10-29')).toBeUndefined();
  });

  it('reports an unknown name with the list of known ones', () => {
    const { entries, issues } = library.resolve(['luna', 'tulips']);
    expect(entries.map((e) => e.name)).toEqual(['2022-05-12']);
    expect(issues[0]).toMatchObject({ code: 'unknown-value', file: '--event', value: 'tulips' });
    expect(issues[0]!.message).toMatch(/2020-03-12, 2021-05-19/);
  });

  it('lists the finest resolution of each event', () => {
    const listing = library.list();
    expect(listing.find((e) => e.name === '2025-10-10')!.finestResolutionMinutes).toBe(30);
    expect(listing.find((e) => e.name === '2022-05-12')!.finestResolutionMinutes).toBe(60);
  });
});

describe('parseEventCsv', () => {
  const entry: EventIndexEntry = {
    ...index!.events[0]!,
    name: 'tiny',
    startMs: 0,
    endMs: 3 * 3_600_000,
    start: '1970-01-01T00:00:00Z',
    end: '1970-01-01T03:00:00Z',
    symbols: ['BTC'],
    resolutionMinutes: new Map([['BTC', 60]]),
    startPrice: new Map([['BTC', 100]]),
  };

  it('reads a complete file', () => {
    const text = 'offset_minutes,symbol,open,high,low,close\n0,BTC,1,1.1,0.9,1\n60,BTC,1,1,0.5,0.6\n120,BTC,0.6,0.8,0.6,0.7\n';
    const { event, issues } = parseEventCsv(text, entry, 'tiny.csv');
    expect(issues).toEqual([]);
    expect(Array.from(event!.bars.get('BTC')!.low)).toEqual([0.9, 0.5, 0.6]);
  });

  it('reports gaps, inconsistent bars, unknown symbols and a short series, with lines', () => {
    const text = 'offset_minutes,symbol,open,high,low,close\n0,BTC,1,1.1,0.9,1\n120,BTC,1,1,0.5,0.6\n60,BTC,1,0.9,0.5,0.6\n0,ETH,1,1,1,1\n';
    const { event, issues } = parseEventCsv(text, entry, 'tiny.csv');
    expect(event).toBeNull();
    expect(issues.map((i) => [i.line, i.column])).toEqual([
      [3, 'offset_minutes'],
      [4, ''],
      [5, 'symbol'],
      [0, 'symbol'],
    ]);
  });
});

describe('parseEventIndexJson', () => {
  it('reports malformed entries with their JSON path', () => {
    const text = JSON.stringify({ schema: 'marginscope/events@1', events: [{ name: 'x', start: '2025-01-02', end: '2025-01-01', symbols: ['BTC'], resolutionMinutes: { BTC: 0 }, startPrice: {} }] });
    const { index, issues } = parseEventIndexJson(text, 'index.json');
    expect(index).toBeNull();
    expect(issues.map((i) => i.column)).toEqual([
      'events[0].end',
      'events[0].title',
      'events[0].file',
      'events[0].resolutionMinutes.BTC',
      'events[0].startPrice.BTC',
    ]);
  });
});
