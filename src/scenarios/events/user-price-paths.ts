// The user's own replay paths (`replay --prices F`): long-format CSV `timestamp,symbol,price` with
// optional `high` and `low`, each symbol's path rebased to start at its current mark.

import type { Issue } from '../../domain/issue.js';
import { findSymbolKey } from '../calibration/resolve-model-inputs.js';
import { columnIndex, parseDelimitedTable } from '../text/delimited-table.js';
import { parseFiniteNumber } from '../text/parse-number.js';
import { parseTimestampMs } from '../text/parse-timestamp.js';
import { enforceRangeInvariant, type ReplayAssetSource, type ReplayPricePath } from './replay-path.js';

/** One symbol's observations, ascending in time. high/low are NaN where the row gave none. */
export interface UserPriceSeries {
  readonly symbol: string;
  readonly timesMs: Float64Array;
  readonly price: Float64Array;
  /** Highest/lowest price since the symbol's previous observation (NaN: not given). */
  readonly high: Float64Array;
  readonly low: Float64Array;
}

/**
 * Parse a `--prices` file. Columns: `timestamp` (ISO-8601 or epoch s/ms), `symbol`, `price`
 * (`close` accepted), optional `high`, `low`. Each bad row is an Issue with its line and column:
 * unparseable timestamp, non-positive or non-numeric price, high below the price or low above it,
 * a repeated (symbol, timestamp). Good rows are kept beside the issues.
 */
export function parseUserPricePaths(text: string, fileName: string): { series: Map<string, UserPriceSeries>; issues: Issue[] } {
  const issues: Issue[] = [];
  const series = new Map<string, UserPriceSeries>();
  const { table, issues: csvIssues } = parseDelimitedTable(text, fileName);
  if (csvIssues.length > 0) return { series, issues: csvIssues };
  if (table === null) {
    issues.push({ code: 'empty-file', file: fileName, line: 0, column: '', message: 'the file is empty' });
    return { series, issues };
  }
  const cols = {
    timestamp: columnIndex(table, 'timestamp', 'time', 'date', 'datetime'),
    symbol: columnIndex(table, 'symbol'),
    price: columnIndex(table, 'price', 'close', 'mark_price'),
    high: columnIndex(table, 'high'),
    low: columnIndex(table, 'low'),
  };
  for (const name of ['timestamp', 'symbol', 'price'] as const) {
    if (cols[name] < 0) issues.push({ code: 'missing-column', file: fileName, line: 1, column: name, message: `column ${name} is required` });
  }
  if (issues.length > 0) return { series, issues };
  if (table.rows.length === 0) {
    issues.push({ code: 'header-only', file: fileName, line: 1, column: '', message: 'the file has a header but no rows' });
    return { series, issues };
  }

  interface Row { t: number; p: number; h: number; l: number; line: number }
  const bySymbol = new Map<string, Row[]>();
  for (const row of table.rows) {
    const bad = (code: Issue['code'], column: string, message: string, value: string): void => {
      issues.push({ code, file: fileName, line: row.line, column, message, value });
    };
    const symbol = (row.fields[cols.symbol] ?? '').toUpperCase();
    if (symbol === '') {
      bad('missing-value', 'symbol', 'the symbol is empty', '');
      continue;
    }
    const timeField = row.fields[cols.timestamp] ?? '';
    const t = parseTimestampMs(timeField);
    if (t === null) {
      bad(timeField === '' ? 'missing-value' : 'out-of-range', 'timestamp', 'not a timestamp (ISO-8601 or epoch seconds/milliseconds)', timeField);
      continue;
    }
    const number = (column: 'price' | 'high' | 'low'): number | null => {
      const k = cols[column];
      const field = k < 0 ? '' : (row.fields[k] ?? '');
      if (field === '') {
        if (column === 'price') bad('missing-value', column, 'the price is required', field);
        return column === 'price' ? null : NaN;
      }
      const v = parseFiniteNumber(field);
      if (v === null) bad('not-a-number', column, `the ${column} must be a number`, field);
      else if (v <= 0) bad('not-positive', column, `the ${column} must be > 0`, field);
      else return v;
      return null;
    };
    const p = number('price');
    const h = number('high');
    const l = number('low');
    if (p === null || h === null || l === null) continue;
    if (h < p) {
      bad('inconsistent', 'high', 'the high is below the price', row.fields[cols.high] ?? '');
      continue;
    }
    if (l > p) {
      bad('inconsistent', 'low', 'the low is above the price', row.fields[cols.low] ?? '');
      continue;
    }
    let rows = bySymbol.get(symbol);
    if (rows === undefined) bySymbol.set(symbol, (rows = []));
    rows.push({ t, p, h, l, line: row.line });
  }
  for (const [symbol, rows] of bySymbol) {
    rows.sort((a, b) => a.t - b.t || a.line - b.line);
    const kept: Row[] = [];
    for (const r of rows) {
      if (kept.length > 0 && kept[kept.length - 1]!.t === r.t) {
        issues.push({ code: 'duplicate-id', file: fileName, line: r.line, column: 'timestamp', message: `a second row for ${symbol} at this time` });
        continue;
      }
      kept.push(r);
    }
    series.set(symbol, {
      symbol,
      timesMs: Float64Array.from(kept, (r) => r.t),
      price: Float64Array.from(kept, (r) => r.p),
      high: Float64Array.from(kept, (r) => r.h),
      low: Float64Array.from(kept, (r) => r.l),
    });
  }
  return { series, issues };
}

/**
 * A replay path from user series for `assets` (matched by `findSymbolKey`: same symbol, else same
 * base asset). Each series is rebased so its first price sits at the asset's mark
 * (price × mark / firstPrice). The steps run between consecutive times of the union of all used
 * series' timestamps. An asset not observed at a step end keeps its last price (before its first
 * observation: its mark). A row's high/low covers the time since that symbol's previous
 * observation, so it is applied to every step in that span (conservative), and every step's range
 * includes its closes. An asset absent from the file is an `unknown-symbol` issue naming it.
 */
export function userReplayPath(
  series: ReadonlyMap<string, UserPriceSeries>,
  assets: readonly string[],
  marks: readonly number[],
  fileName: string,
): { path: ReplayPricePath | null; issues: Issue[] } {
  const n = assets.length;
  if (marks.length !== n) throw new Error(`userReplayPath: ${marks.length} marks for ${n} assets`);
  const issues: Issue[] = [];
  const used: UserPriceSeries[] = [];
  assets.forEach((asset, a) => {
    const key = findSymbolKey(asset, series.keys());
    if (key === undefined) {
      issues.push({ code: 'unknown-symbol', file: fileName, line: 0, column: 'symbol', message: `no price path for ${asset} in the file`, value: asset });
    } else used.push(series.get(key)!);
    const m = marks[a]!;
    if (!(m > 0) || !Number.isFinite(m)) {
      issues.push({ code: 'not-positive', file: fileName, line: 0, column: 'mark_price', message: `the mark of ${asset} must be > 0 to rebase a replay`, value: String(m) });
    }
  });
  if (issues.length > 0) return { path: null, issues };

  const times = [...new Set(used.flatMap((s) => Array.from(s.timesMs)))].sort((x, y) => x - y);
  const startMs = times[0]!;
  const nSteps = times.length - 1;
  if (nSteps < 1) {
    issues.push({ code: 'inconsistent', file: fileName, line: 0, column: 'timestamp', message: 'a replay needs at least two distinct timestamps' });
    return { path: null, issues };
  }
  const markArray = Float64Array.from(marks);
  const close = new Float64Array(nSteps * n);
  const high = new Float64Array(nSteps * n).fill(-Infinity);
  const low = new Float64Array(nSteps * n).fill(Infinity);
  const stepEndMs = Float64Array.from(times.slice(1));
  for (let a = 0; a < n; a++) {
    const s = used[a]!;
    const scale = markArray[a]! / s.price[0]!;
    let obs = 0; // next observation of this series not yet consumed
    let last = markArray[a]!;
    let spanStart = 0; // first step of the span the next observation's high/low covers
    for (let step = 0; step < nSteps; step++) {
      const end = stepEndMs[step]!;
      while (obs < s.timesMs.length && s.timesMs[obs]! <= startMs) {
        last = s.price[obs]! * scale;
        obs++;
        spanStart = step;
      }
      if (obs < s.timesMs.length && s.timesMs[obs] === end) {
        last = s.price[obs]! * scale;
        const h = s.high[obs]!;
        const l = s.low[obs]!;
        for (let k = spanStart; k <= step; k++) {
          if (!Number.isNaN(h)) high[k * n + a] = Math.max(high[k * n + a]!, h * scale);
          if (!Number.isNaN(l)) low[k * n + a] = Math.min(low[k * n + a]!, l * scale);
        }
        obs++;
        spanStart = step + 1;
      }
      close[step * n + a] = last;
    }
  }
  enforceRangeInvariant(n, nSteps, markArray, close, high, low);
  const sources: ReplayAssetSource[] = used.map((s) => ({ kind: 'user', series: s.symbol }));
  return {
    path: { name: 'prices', startMs, endMs: times[times.length - 1]!, assets: [...assets], sources, marks: markArray, nSteps, stepEndMs, close, high, low },
    issues,
  };
}
