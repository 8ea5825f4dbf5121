// Reads a correlation matrix given as CSV (`--corr F`): header `symbol,SYM1,SYM2,…`, then one row
// per symbol. Text in; problems come back as Issues with line and column.

import type { Issue } from '../../domain/issue.js';
import { parseDelimitedTable } from '../text/delimited-table.js';
import { parseFiniteNumber } from '../text/parse-number.js';
import { validateCorrelation } from './correlation-matrix.js';

interface ParsedCorrelation {
  /** Symbols in header order, upper-cased. */
  readonly symbols: string[];
  /** `values[i][j]`: correlation of symbols[i] and symbols[j] (rows reordered to header order). */
  readonly values: number[][];
  readonly issues: Issue[];
}

/**
 * Parse a correlation matrix CSV. Rows may come in any order; each header symbol needs exactly one
 * row. The matrix is then checked by `validateCorrelation` (square, symmetric, unit diagonal,
 * entries in [-1, 1]); whole-matrix problems are reported at line 0. Positive definiteness is not
 * required here: the simulation repairs it (`nearestCorrelation`) and says so.
 */
export function parseCorrelationCsv(text: string, fileName: string, delimiter?: string): ParsedCorrelation {
  const issues: Issue[] = [];
  const { table, issues: csvIssues } = parseDelimitedTable(text, fileName, delimiter);
  if (csvIssues.length > 0) return { symbols: [], values: [], issues: csvIssues };
  if (table === null) {
    return { symbols: [], values: [], issues: [{ code: 'empty-file', file: fileName, line: 0, column: '', message: 'the file is empty' }] };
  }
  const symbols = table.headerAsWritten.slice(1).map((s) => s.toUpperCase());
  const n = symbols.length;
  if (table.header[0] !== 'symbol') {
    issues.push({
      code: 'missing-column',
      file: fileName,
      line: 1,
      column: 'symbol',
      message: 'the first header must be symbol, followed by one column per symbol',
      value: table.headerAsWritten[0] ?? '',
    });
  }
  if (n === 0) issues.push({ code: 'header-only', file: fileName, line: 1, column: '', message: 'no symbol columns in the header' });
  const values: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(NaN));
  const seen = new Array<boolean>(n).fill(false);
  for (const row of table.rows) {
    const symbol = (row.fields[0] ?? '').toUpperCase();
    const i = symbols.indexOf(symbol);
    if (i < 0) {
      issues.push({ code: 'unknown-symbol', file: fileName, line: row.line, column: 'symbol', message: 'row symbol is not in the header', value: symbol });
      continue;
    }
    if (seen[i]) {
      issues.push({ code: 'duplicate-id', file: fileName, line: row.line, column: 'symbol', message: 'a second row for this symbol', value: symbol });
      continue;
    }
    seen[i] = true;
    if (row.fields.length !== n + 1) {
      issues.push({
        code: 'inconsistent',
        file: fileName,
        line: row.line,
        column: '',
        message: `the row has ${row.fields.length} fields, expected ${n + 1}`,
      });
    }
    for (let j = 0; j < n; j++) {
      const field = row.fields[j + 1] ?? '';
      const v = parseFiniteNumber(field);
      if (v === null) {
        issues.push({ code: field === '' ? 'missing-value' : 'not-a-number', file: fileName, line: row.line, column: symbols[j]!, message: 'a correlation must be a number', value: field });
      } else {
        values[i]![j] = v;
      }
    }
  }
  for (let i = 0; i < n; i++) {
    if (!seen[i]) issues.push({ code: 'missing-value', file: fileName, line: 0, column: symbols[i]!, message: `no row for symbol ${symbols[i]!}` });
  }
  if (issues.length === 0) {
    for (const message of validateCorrelation(values, symbols)) {
      issues.push({ code: 'inconsistent', file: fileName, line: 0, column: '', message });
    }
  }
  return { symbols, values, issues };
}
