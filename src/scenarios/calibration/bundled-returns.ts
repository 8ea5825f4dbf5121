// The built-in bootstrap history (`data/calibration/returns-1h.csv`): aligned hourly log returns
// of the calibrated symbols, compact. Parsed from text; the io layer reads the file.
//
// Format: header `bar_end_epoch_hours,BTC,ETH,…`; each row is one hour: the bar's end time in whole
// hours since 1970-01-01T00:00Z, then each symbol's log return over that hour as an integer number
// of millionths (ln(close_t / close_{t-1}) × 1e6, rounded). Only hours where every symbol traded in
// both the hour and the hour before are present, so gaps are skipped, never bridged.

import type { Issue } from '../../domain/issue.js';
import type { ReturnHistory } from '../models/return-history.js';
import { parseDelimitedTable } from '../text/delimited-table.js';
import { parseFiniteNumber } from '../text/parse-number.js';

/** Stored units per unit of log return (dividing by it rounds correctly; multiplying by 1e-6 may not). */
const UNITS_PER_LOG_RETURN = 1e6;
const MS_PER_HOUR = 3_600_000;

/** Parse the built-in returns file into a ReturnHistory with 60-minute bars. */
export function parseBundledReturnsCsv(text: string, fileName: string): { history: ReturnHistory | null; issues: Issue[] } {
  const issues: Issue[] = [];
  const { table, issues: csvIssues } = parseDelimitedTable(text, fileName, ',');
  if (csvIssues.length > 0) return { history: null, issues: csvIssues };
  if (table === null || table.header[0] !== 'barendepochhours' || table.header.length < 2) {
    issues.push({ code: 'missing-column', file: fileName, line: 1, column: 'bar_end_epoch_hours', message: 'expected header bar_end_epoch_hours,SYMBOL,…' });
    return { history: null, issues };
  }
  const symbols = table.headerAsWritten.slice(1).map((s) => s.toUpperCase());
  const width = symbols.length;
  const values = new Float64Array(table.rows.length * width);
  const barEndMs = new Float64Array(table.rows.length);
  let previousHour = -Infinity;
  table.rows.forEach((row, r) => {
    const hour = parseFiniteNumber(row.fields[0] ?? '');
    if (hour === null || !Number.isInteger(hour) || hour <= previousHour) {
      issues.push({ code: 'inconsistent', file: fileName, line: row.line, column: 'bar_end_epoch_hours', message: 'hours must be whole and increasing', value: row.fields[0] ?? '' });
      return;
    }
    previousHour = hour;
    barEndMs[r] = hour * MS_PER_HOUR;
    for (let c = 0; c < width; c++) {
      const v = parseFiniteNumber(row.fields[c + 1] ?? '');
      if (v === null) {
        issues.push({ code: 'not-a-number', file: fileName, line: row.line, column: symbols[c]!, message: 'a return must be a number', value: row.fields[c + 1] ?? '' });
        return;
      }
      values[r * width + c] = v / UNITS_PER_LOG_RETURN;
    }
  });
  if (issues.length > 0) return { history: null, issues };
  return {
    history: {
      symbols,
      barMinutes: 60,
      nBars: table.rows.length,
      logReturns: values,
      barEndMs,
    },
    issues,
  };
}
