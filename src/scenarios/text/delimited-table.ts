// Delimited text (CSV, or `;`/tab separated) as a header and rows that remember their physical
// line numbers, for the scenario inputs: price histories, user price paths, event files,
// correlation matrices. Text in, never a path. The splitting is the CSV layer's, the same reader
// as every other CSV input (readCsvText); this file adds the scenario inputs' header matching.

import { readCsvText, type CsvTextRow } from '../../csv/csv-text-table.js';
import { isCsvDelimiter, type CsvDelimiter } from '../../csv/detect-delimiter.js';
import type { Issue } from '../../domain/issue.js';

interface DelimitedTable {
  /** Header names normalised by `normalizeHeader` (`Entry_Price` and `entryPrice` → `entryprice`). */
  readonly header: readonly string[];
  /** Header names exactly as written (trimmed). */
  readonly headerAsWritten: readonly string[];
  readonly delimiter: CsvDelimiter;
  /** Data rows: fields trimmed, each with its 1-based physical line number. */
  readonly rows: readonly CsvTextRow[];
}

interface ParsedDelimitedTable {
  /** null when the text has no header line (empty or blank), or could not be read up to one. */
  readonly table: DelimitedTable | null;
  /** Problems with the CSV structure itself (quoting), each on its line; empty when none. */
  readonly issues: Issue[];
}

/**
 * Header matching is case-insensitive and accepts snake_case and camelCase alike: the name is
 * lower-cased and stripped of `_`, `-` and spaces (`offset_minutes` = `offsetMinutes`).
 */
export function normalizeHeader(name: string): string {
  return name.trim().toLowerCase().replace(/[_\-\s]/g, '');
}

/** A lone CR not followed by LF (classic Mac line ends), which these inputs take as a line break. */
const BARE_CR = /\r(?!\n)/g;

/**
 * Parse delimited text: a UTF-8 BOM is dropped, blank lines and lines of empty fields (`,,`) are
 * skipped, the first other line is the header. Line breaks are LF, CRLF or a lone CR. Fields may
 * be double-quoted (RFC 4180, `""` for a quote inside, a quoted field may span lines); bad quoting
 * is an issue on its line. `delimiter` (`,`, `;` or tab; anything else throws a RangeError)
 * defaults to detection from the header.
 * Example: `parseDelimitedTable('time;close\n2025-01-01;10\n', 'h.csv').table.rows` →
 * `[{ line: 2, fields: ['2025-01-01', '10'] }]`.
 */
export function parseDelimitedTable(text: string, fileName: string, delimiter?: string): ParsedDelimitedTable {
  if (delimiter !== undefined && !isCsvDelimiter(delimiter)) throw new RangeError(`delimiter must be ',', ';' or a tab, not ${JSON.stringify(delimiter)}`);
  const issues: Issue[] = [];
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = body.includes('\r') ? body.replace(BARE_CR, '\n') : body;
  const read = readCsvText(lines, fileName, issues, { delimiter });
  if (read === null) return { table: null, issues };
  const table: DelimitedTable = {
    header: read.header.map(normalizeHeader),
    headerAsWritten: read.header,
    delimiter: read.delimiter,
    rows: read.rows,
  };
  return { table, issues };
}

/** Index of the first header among `names` (normalised), or -1. */
export function columnIndex(table: DelimitedTable, ...names: string[]): number {
  for (const name of names) {
    const k = table.header.indexOf(normalizeHeader(name));
    if (k >= 0) return k;
  }
  return -1;
}
