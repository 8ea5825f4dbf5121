// The index of the historical crash library (`data/events/index.json`): which events exist, their
// windows, symbols, resolutions and sources. Parsed from text; the io layer reads the file.

import type { Issue } from '../../domain/issue.js';
import { parseTimestampMs } from '../text/parse-timestamp.js';

const EVENTS_SCHEMA = 'marginscope/events@1';

/** Where one symbol's bars in an event come from. */
interface EventSeriesSource {
  /** Source bar file, e.g. `BTCUSDT_30m.csv`. */
  readonly file: string;
  /** `spot` or `usdm-perpetual`. */
  readonly market: string;
  /** Keys of the repositories the bars came from (see the index's `provenanceKeys`). */
  readonly provenance: readonly string[];
}

export interface EventIndexEntry {
  /** The event's name: its crash day, e.g. `2025-10-10`. */
  readonly name: string;
  /** Other names it answers to (`ftx`, `luna`, …). */
  readonly aliases: readonly string[];
  readonly title: string;
  readonly description: string;
  /** Window [startMs, endMs) in epoch ms, and as written (ISO-8601 UTC). */
  readonly startMs: number;
  readonly endMs: number;
  readonly start: string;
  readonly end: string;
  /** The event's CSV file name, relative to the index. */
  readonly file: string;
  /** Base assets with a path in the event (e.g. BTC, ETH). */
  readonly symbols: readonly string[];
  /** Bar length of each symbol's path, minutes. */
  readonly resolutionMinutes: ReadonlyMap<string, number>;
  /** Each symbol's first open in the window, quote units (the ratios' denominator). */
  readonly startPrice: ReadonlyMap<string, number>;
  readonly sources: ReadonlyMap<string, EventSeriesSource>;
  /** Caveats (perpetual data, symbols left out). */
  readonly notes: readonly string[];
}

export interface EventIndex {
  readonly events: readonly EventIndexEntry[];
  /** Provenance key → repository and commit. */
  readonly provenanceKeys: ReadonlyMap<string, string>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parse the event index; problems are Issues with the JSON path in `column` (index null if any). */
export function parseEventIndexJson(text: string, fileName: string): { index: EventIndex | null; issues: Issue[] } {
  const issues: Issue[] = [];
  const problem = (column: string, message: string): void => {
    issues.push({ code: 'malformed-json', file: fileName, line: 0, column, message });
  };
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (error) {
    problem('', `not valid JSON (${(error as Error).message})`);
    return { index: null, issues };
  }
  if (!isRecord(root) || !Array.isArray(root['events'])) {
    problem('events', 'the top level must be an object with an "events" array');
    return { index: null, issues };
  }
  if (root['schema'] !== EVENTS_SCHEMA) problem('schema', `must be "${EVENTS_SCHEMA}"`);
  const provenanceKeys = new Map<string, string>();
  if (isRecord(root['provenanceKeys'])) {
    for (const [k, v] of Object.entries(root['provenanceKeys'])) if (typeof v === 'string') provenanceKeys.set(k, v);
  }
  const events: EventIndexEntry[] = [];
  (root['events'] as unknown[]).forEach((raw, k) => {
    const path = `events[${k}]`;
    if (!isRecord(raw)) {
      problem(path, 'must be an object');
      return;
    }
    const str = (field: string): string => {
      const v = raw[field];
      if (typeof v !== 'string' || v === '') {
        problem(`${path}.${field}`, 'must be a non-empty string');
        return '';
      }
      return v;
    };
    const name = str('name');
    const start = str('start');
    const end = str('end');
    const startMs = parseTimestampMs(start) ?? NaN;
    const endMs = parseTimestampMs(end) ?? NaN;
    if (!(endMs > startMs)) problem(`${path}.end`, 'the window must end after it starts');
    const symbols = Array.isArray(raw['symbols']) ? raw['symbols'].filter((s): s is string => typeof s === 'string') : [];
    if (symbols.length === 0) problem(`${path}.symbols`, 'must list at least one symbol');
    const numbers = (field: string, check: (v: number) => boolean): Map<string, number> => {
      const out = new Map<string, number>();
      const v = raw[field];
      if (!isRecord(v)) problem(`${path}.${field}`, 'must be an object keyed by symbol');
      else {
        for (const s of symbols) {
          const x = v[s];
          if (typeof x !== 'number' || !check(x)) problem(`${path}.${field}.${s}`, 'must be a positive number');
          else out.set(s, x);
        }
      }
      return out;
    };
    const sources = new Map<string, EventSeriesSource>();
    if (isRecord(raw['sources'])) {
      for (const [s, v] of Object.entries(raw['sources'])) {
        if (isRecord(v) && typeof v['file'] === 'string' && typeof v['market'] === 'string') {
          const provenance = Array.isArray(v['provenance']) ? v['provenance'].filter((p): p is string => typeof p === 'string') : [];
          sources.set(s, { file: v['file'], market: v['market'], provenance });
        }
      }
    }
    const strings = (field: string): string[] => (Array.isArray(raw[field]) ? (raw[field] as unknown[]).filter((s): s is string => typeof s === 'string') : []);
    events.push({
      name,
      aliases: strings('aliases'),
      title: str('title'),
      description: typeof raw['description'] === 'string' ? raw['description'] : '',
      startMs,
      endMs,
      start,
      end,
      file: str('file'),
      symbols,
      resolutionMinutes: numbers('resolutionMinutes', (v) => Number.isInteger(v) && v > 0),
      startPrice: numbers('startPrice', (v) => Number.isFinite(v) && v > 0),
      sources,
      notes: strings('notes'),
    });
  });
  if (issues.length > 0) return { index: null, issues };
  return { index: { events, provenanceKeys }, issues };
}
