// Market depth per symbol, from `--depth SYMBOL=AMOUNT` entries and `--depth FILE` tables
// (`symbol,depth_1pct[,bid_depth_1pct,ask_depth_1pct]`): the quote notional that moves the price
// by 1 %. Sells use the bid depth and buys the ask depth when given, else depth_1pct for both.
// Every bad row or entry is an Issue with its place; a later entry for a symbol replaces an earlier.
// Files are read by the project's CSV layer (src/csv), like every other CSV input.

import { readCsvText } from '../csv/csv-text-table.js';
import type { Issue } from '../domain/issue.js';
import type { MarketDepth } from './cascade-market.js';

function positiveAmount(text: string | undefined): number | null {
  if (text === undefined || text.trim() === '') return null;
  const t = text.trim().replace(/_/g, '');
  const value = /^[+]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t) ? Number(t) : NaN;
  return value > 0 && Number.isFinite(value) ? value : NaN;
}

/** `SYMBOL=AMOUNT` (as given to `--depth`) into `into`; problems named `--depth`. */
export function parseDepthEntry(entry: string, into: Map<string, MarketDepth>, issues: Issue[]): void {
  const m = /^\s*([^=\s]+)\s*=\s*(.*)$/.exec(entry);
  const amount = m === null ? null : positiveAmount(m[2]);
  if (m === null || amount === null || Number.isNaN(amount)) {
    issues.push({ code: 'not-positive', file: '--depth', line: 0, column: m === null ? '' : m[1]!, message: 'expected SYMBOL=AMOUNT with a quote amount > 0 per 1 % move, or a depth CSV file', value: entry });
    return;
  }
  into.set(m[1]!.toUpperCase(), { bid1pct: amount, ask1pct: amount });
}

/** Header name → the canonical depth column (`depth1pct`, `Depth_1pct`, `bid depth 1pct` → snake case). */
function depthHeader(name: string): string {
  return name.trim().replace(/([a-z])([A-Z0-9])/g, '$1_$2').toLowerCase().replace(/[\s-]+/g, '_').replace(/([a-z])1pct$/, '$1_1pct').replace(/__+/g, '_');
}

/**
 * A depth CSV into `into`, read by the project's CSV layer (readCsvText: quoting, `;`/tab
 * delimiters, a `sep=` line, structural problems located); every bad row is an Issue on its line.
 */
export function parseDepthCsv(text: string, fileName: string, into: Map<string, MarketDepth>, issues: Issue[]): void {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const table = readCsvText(body, fileName, issues);
  if (table === null) {
    issues.push({ code: 'missing-column', file: fileName, line: 1, column: 'symbol', message: 'the depth file is empty: it needs the columns symbol and depth_1pct (or bid_depth_1pct and ask_depth_1pct)', value: '' });
    return;
  }
  const header = table.header.map(depthHeader);
  const col = (name: string): number => header.indexOf(name);
  const [symbolCol, depthCol, bidCol, askCol] = [col('symbol'), col('depth_1pct'), col('bid_depth_1pct'), col('ask_depth_1pct')];
  if (symbolCol < 0 || (depthCol < 0 && (bidCol < 0 || askCol < 0))) {
    issues.push({ code: 'missing-column', file: fileName, line: table.headerLine, column: symbolCol < 0 ? 'symbol' : 'depth_1pct', message: 'a depth file needs the columns symbol and depth_1pct (or bid_depth_1pct and ask_depth_1pct)', value: table.header.join(table.delimiter) });
    return;
  }
  for (const row of table.rows) {
    const cells = row.fields;
    if (cells.every((c) => c === '')) continue;
    const line = row.line;
    const symbol = cells[symbolCol] ?? '';
    if (symbol === '') {
      issues.push({ code: 'missing-value', file: fileName, line, column: 'symbol', message: 'no symbol' });
      continue;
    }
    const base = depthCol < 0 ? null : positiveAmount(cells[depthCol]);
    const bid = bidCol < 0 ? null : positiveAmount(cells[bidCol]);
    const ask = askCol < 0 ? null : positiveAmount(cells[askCol]);
    let ok = true;
    for (const [name, value, c] of [['depth_1pct', base, depthCol], ['bid_depth_1pct', bid, bidCol], ['ask_depth_1pct', ask, askCol]] as const) {
      if (value !== null && Number.isNaN(value)) {
        issues.push({ code: 'not-positive', file: fileName, line, column: name, message: 'expected a quote amount > 0 per 1 % move', value: cells[c] ?? '' });
        ok = false;
      }
    }
    if (!ok) continue;
    const bidDepth = bid ?? base;
    const askDepth = ask ?? base;
    if (bidDepth === null || askDepth === null) {
      issues.push({ code: 'missing-value', file: fileName, line, column: 'depth_1pct', message: 'no depth for this symbol', value: symbol });
      continue;
    }
    into.set(symbol.toUpperCase(), { bid1pct: bidDepth, ask1pct: askDepth });
  }
}
