// A venue export file as read once: parsed JSON with value locations, or a CSV table with the
// line of every row. JSON or CSV is decided by the first non-blank character (`{` or `[` is
// JSON). A file that cannot be read becomes one issue with the parser's line, never a stack; a
// JSON object with a repeated member name is refused with one issue per repeat (both lines).

import { readCsvText, type CsvTextRow } from '../../csv/csv-text-table.js';
import type { Issue } from '../../domain/issue.js';
import { parseLocatedJson, type LocatedJson } from './located-json.js';

export interface ExportFile {
  /** File name as the user gave it; issues name it. */
  readonly label: string;
  readonly text: string;
}

export type ExportDocument =
  | { readonly kind: 'json'; readonly file: string; readonly json: LocatedJson }
  | { readonly kind: 'csv'; readonly file: string; readonly header: readonly string[]; readonly headerLine: number; readonly rows: readonly CsvTextRow[] };

/** The CSV table of an export, or null after appending why it cannot be read (any CSV problem refuses the file). */
function readCsv(file: ExportFile, text: string, issues: Issue[]): ExportDocument | null {
  const before = issues.length;
  const table = readCsvText(text, file.label, issues);
  if (issues.length > before) return null;
  if (table === null) {
    issues.push({ code: 'empty-file', file: file.label, line: 0, column: '', message: 'file has no header and no data' });
    return null;
  }
  return { kind: 'csv', file: file.label, header: table.header, headerLine: table.headerLine, rows: table.rows };
}

/**
 * Parse one export file, or append the one issue that says why it cannot be read (empty file,
 * invalid JSON at a line, malformed CSV) and return null.
 */
export function readExportDocument(file: ExportFile, issues: Issue[]): ExportDocument | null {
  const text = file.text.charCodeAt(0) === 0xfeff ? file.text.slice(1) : file.text;
  const first = /\S/.exec(text);
  if (first === null) {
    issues.push({ code: 'empty-file', file: file.label, line: 0, column: '', message: 'file is empty' });
    return null;
  }
  if (first[0] !== '{' && first[0] !== '[') return readCsv(file, text, issues);
  const parsed = parseLocatedJson(text);
  if (!parsed.ok) {
    issues.push({ code: 'malformed-json', file: file.label, line: parsed.line, column: '', message: `invalid JSON: ${parsed.message}`, value: parsed.near });
    return null;
  }
  const json = parsed.json;
  if (json.duplicates.length > 0) {
    // A repeated member name: JSON.parse keeps the last value silently, a venue never writes one,
    // and which of the two is meant cannot be told; every repeat is reported and the file refused.
    for (const d of json.duplicates) {
      const raw = json.rawAt(d.path) ?? '';
      const shown = raw.startsWith('"') ? (JSON.parse(raw) as string) : raw;
      issues.push({
        code: 'malformed-json',
        file: file.label,
        line: json.lineAt(d.start),
        column: d.path,
        message: `the member name "${d.key}" repeats in one object (first on line ${json.lineAt(d.firstStart)}, again on line ${json.lineAt(d.start)}): which value is meant cannot be told; keep one`,
        value: shown.slice(0, 200),
      });
    }
    return null;
  }
  return { kind: 'json', file: file.label, json };
}
