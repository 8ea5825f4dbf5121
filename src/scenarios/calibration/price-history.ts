// Price history for calibration (`--history F`): closes per symbol in time order, parsed from the
// long format `timestamp,symbol,close` or from one file per symbol (`timestamp,…,close,…`, the
// symbol then given by the caller, e.g. from the file name). Text in; bad rows become Issues.

import type { Issue } from '../../domain/issue.js';
import { columnIndex, parseDelimitedTable } from '../text/delimited-table.js';
import { parseFiniteNumber } from '../text/parse-number.js';
import { parseTimestampMs } from '../text/parse-timestamp.js';

/** One symbol's closes, ascending in time, timestamps unique. */
export interface PriceSeries {
  readonly symbol: string;
  /** Epoch milliseconds of each close. */
  readonly timesMs: Float64Array;
  /** Close prices, > 0. */
  readonly closes: Float64Array;
}

/** Symbol (upper-cased as written) → its series. */
export type PriceHistory = ReadonlyMap<string, PriceSeries>;

export interface ParsedPriceHistory {
  readonly history: Map<string, PriceSeries>;
  readonly issues: Issue[];
}

/**
 * Parse a price history. Required columns: `timestamp` (ISO-8601 or epoch s/ms; `time`, `date`,
 * `open_time` accepted) and `close` (`price` accepted); `symbol` unless `symbolForFile` is given.
 * Rows may come in any order; they are sorted per symbol. A repeated (symbol, timestamp) with the
 * same close is ignored; with a different close it is an issue. Closes must be > 0.
 */
export function parsePriceHistoryCsv(text: string, fileName: string, symbolForFile?: string): ParsedPriceHistory {
  const issues: Issue[] = [];
  const history = new Map<string, PriceSeries>();
  const { table, issues: csvIssues } = parseDelimitedTable(text, fileName);
  if (csvIssues.length > 0) return { history, issues: csvIssues };
  if (table === null) {
    issues.push({ code: 'empty-file', file: fileName, line: 0, column: '', message: 'the file is empty' });
    return { history, issues };
  }
  const timeCol = columnIndex(table, 'timestamp', 'time', 'date', 'open_time', 'datetime');
  const closeCol = columnIndex(table, 'close', 'price');
  const symbolCol = columnIndex(table, 'symbol');
  if (timeCol < 0) issues.push({ code: 'missing-column', file: fileName, line: 1, column: 'timestamp', message: 'a timestamp column is required' });
  if (closeCol < 0) issues.push({ code: 'missing-column', file: fileName, line: 1, column: 'close', message: 'a close (or price) column is required' });
  if (symbolCol < 0 && symbolForFile === undefined) {
    issues.push({ code: 'missing-column', file: fileName, line: 1, column: 'symbol', message: 'a symbol column is required for a multi-symbol history' });
  }
  if (issues.length > 0) return { history, issues };
  if (table.rows.length === 0) {
    issues.push({ code: 'header-only', file: fileName, line: 1, column: '', message: 'the file has a header but no rows' });
    return { history, issues };
  }

  const bySymbol = new Map<string, { times: number[]; closes: number[]; lines: number[] }>();
  for (const row of table.rows) {
    const symbolField = symbolCol >= 0 ? (row.fields[symbolCol] ?? '') : (symbolForFile ?? '');
    const symbol = symbolField.trim().toUpperCase();
    if (symbol === '') {
      issues.push({ code: 'missing-value', file: fileName, line: row.line, column: 'symbol', message: 'the symbol is empty' });
      continue;
    }
    const timeField = row.fields[timeCol] ?? '';
    const timeMs = parseTimestampMs(timeField);
    if (timeMs === null) {
      issues.push({ code: timeField === '' ? 'missing-value' : 'out-of-range', file: fileName, line: row.line, column: 'timestamp', message: 'not a timestamp (ISO-8601 or epoch seconds/milliseconds)', value: timeField });
      continue;
    }
    const closeField = row.fields[closeCol] ?? '';
    const close = parseFiniteNumber(closeField);
    if (close === null) {
      issues.push({ code: closeField === '' ? 'missing-value' : 'not-a-number', file: fileName, line: row.line, column: 'close', message: 'the close must be a number', value: closeField });
      continue;
    }
    if (close <= 0) {
      issues.push({ code: 'not-positive', file: fileName, line: row.line, column: 'close', message: 'a price must be > 0', value: closeField });
      continue;
    }
    let entry = bySymbol.get(symbol);
    if (entry === undefined) bySymbol.set(symbol, (entry = { times: [], closes: [], lines: [] }));
    entry.times.push(timeMs);
    entry.closes.push(close);
    entry.lines.push(row.line);
  }

  for (const [symbol, entry] of bySymbol) {
    const order = entry.times.map((_, k) => k).sort((a, b) => entry.times[a]! - entry.times[b]! || entry.lines[a]! - entry.lines[b]!);
    const times: number[] = [];
    const closes: number[] = [];
    for (const k of order) {
      const t = entry.times[k]!;
      const c = entry.closes[k]!;
      if (times.length > 0 && times[times.length - 1] === t) {
        if (closes[closes.length - 1] !== c) {
          issues.push({ code: 'duplicate-id', file: fileName, line: entry.lines[k]!, column: 'timestamp', message: `a second, different close for ${symbol} at this time` });
        }
        continue;
      }
      times.push(t);
      closes.push(c);
    }
    history.set(symbol, { symbol, timesMs: Float64Array.from(times), closes: Float64Array.from(closes) });
  }
  return { history, issues };
}

/** Merge histories parsed from several files (one per symbol, say); a symbol in two files is an issue. */
export function mergePriceHistories(parts: readonly ParsedPriceHistory[], fileNames: readonly string[]): ParsedPriceHistory {
  const history = new Map<string, PriceSeries>();
  const issues: Issue[] = [];
  parts.forEach((part, k) => {
    issues.push(...part.issues);
    for (const [symbol, series] of part.history) {
      if (history.has(symbol)) {
        issues.push({ code: 'duplicate-id', file: fileNames[k] ?? '', line: 0, column: 'symbol', message: `symbol ${symbol} appears in more than one history file`, value: symbol });
        continue;
      }
      history.set(symbol, series);
    }
  });
  return { history, issues };
}
