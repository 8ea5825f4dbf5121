// One historical crash as price paths: per symbol, OHLC bars as ratios to the symbol's price at
// the start of the window. Parsed from an event file (`data/events/<name>.csv`), text in.

import type { Issue } from '../../domain/issue.js';
import { columnIndex, parseDelimitedTable } from '../text/delimited-table.js';
import { parseFiniteNumber } from '../text/parse-number.js';
import type { EventIndexEntry } from './event-index.js';

/** One symbol's bars in an event. Bar k opens at offsetMinutes = k · barMinutes (complete, no gaps). */
interface RatioBars {
  readonly symbol: string;
  readonly barMinutes: number;
  /** open/high/low/close[k] as ratios to the symbol's first open (open[0] = 1). */
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
}

export interface HistoricalEvent {
  readonly entry: EventIndexEntry;
  readonly bars: ReadonlyMap<string, RatioBars>;
}

/**
 * Parse an event file: `offset_minutes,symbol,open,high,low,close` (ratios to the start price).
 * Checks, each an Issue with its line: numbers positive and finite, low <= open, close <= high;
 * per symbol, offsets exactly 0, b, 2b, … covering the window [start, end) at the resolution the
 * index gives; every symbol the index lists present, no symbol it does not list.
 */
export function parseEventCsv(text: string, entry: EventIndexEntry, fileName: string): { event: HistoricalEvent | null; issues: Issue[] } {
  const issues: Issue[] = [];
  const issue = (line: number, column: string, message: string, value?: string): void => {
    issues.push({ code: 'inconsistent', file: fileName, line, column, message, ...(value === undefined ? {} : { value }) });
  };
  const { table, issues: csvIssues } = parseDelimitedTable(text, fileName);
  if (csvIssues.length > 0) return { event: null, issues: csvIssues };
  if (table === null) {
    issues.push({ code: 'empty-file', file: fileName, line: 0, column: '', message: 'the file is empty' });
    return { event: null, issues };
  }
  const cols = {
    offset: columnIndex(table, 'offset_minutes'),
    symbol: columnIndex(table, 'symbol'),
    open: columnIndex(table, 'open'),
    high: columnIndex(table, 'high'),
    low: columnIndex(table, 'low'),
    close: columnIndex(table, 'close'),
  };
  for (const [name, k] of Object.entries(cols)) {
    if (k < 0) issues.push({ code: 'missing-column', file: fileName, line: 1, column: name, message: `column ${name} is required` });
  }
  if (issues.length > 0) return { event: null, issues };

  const windowMinutes = (entry.endMs - entry.startMs) / 60_000;
  const collected = new Map<string, { open: number[]; high: number[]; low: number[]; close: number[]; bar: number }>();
  for (const row of table.rows) {
    const symbol = (row.fields[cols.symbol] ?? '').toUpperCase();
    const barMinutes = entry.resolutionMinutes.get(symbol);
    if (barMinutes === undefined) {
      issue(row.line, 'symbol', `symbol not listed for event ${entry.name} in the index`, symbol);
      continue;
    }
    let target = collected.get(symbol);
    if (target === undefined) collected.set(symbol, (target = { open: [], high: [], low: [], close: [], bar: barMinutes }));
    const offsetField = row.fields[cols.offset] ?? '';
    const offset = parseFiniteNumber(offsetField);
    const expected = target.open.length * barMinutes;
    if (offset !== expected) {
      issue(row.line, 'offset_minutes', `expected offset ${expected} for ${symbol} (bars of ${barMinutes} minutes, in order, no gaps)`, offsetField);
      continue;
    }
    const values: number[] = [];
    for (const name of ['open', 'high', 'low', 'close'] as const) {
      const field = row.fields[cols[name]] ?? '';
      const v = parseFiniteNumber(field);
      if (v === null || v <= 0) issue(row.line, name, 'must be a positive number', field);
      values.push(v ?? NaN);
    }
    const [o, h, l, c] = values as [number, number, number, number];
    if (!(l <= Math.min(o, c) && h >= Math.max(o, c))) {
      issue(row.line, '', 'low must be <= open and close, high >= open and close');
      continue;
    }
    target.open.push(o);
    target.high.push(h);
    target.low.push(l);
    target.close.push(c);
  }
  const bars = new Map<string, RatioBars>();
  for (const symbol of entry.symbols) {
    const got = collected.get(symbol);
    const barMinutes = entry.resolutionMinutes.get(symbol)!;
    const expectedBars = windowMinutes / barMinutes;
    if (got === undefined || got.open.length !== expectedBars) {
      issue(0, 'symbol', `${symbol} has ${got?.open.length ?? 0} bars, expected ${expectedBars} to cover ${entry.start} to ${entry.end}`, symbol);
      continue;
    }
    if (Math.abs(got.open[0]! - 1) > 1e-9) issue(0, 'open', `${symbol}'s first open must be 1 (ratios to the start price)`, String(got.open[0]));
    bars.set(symbol, {
      symbol,
      barMinutes,
      open: Float64Array.from(got.open),
      high: Float64Array.from(got.high),
      low: Float64Array.from(got.low),
      close: Float64Array.from(got.close),
    });
  }
  if (issues.length > 0) return { event: null, issues };
  return { event: { entry, bars }, issues };
}
