// Delimited text (CSV, or `;`/tab separated) split into a header and rows that remember their
// physical line numbers, for the scenario inputs: price histories, user price paths, event files,
// correlation matrices. Text in, never a path.

/** One data row: its fields as written (trimmed) and its 1-based physical line number. */
interface TableRow {
  readonly line: number;
  readonly fields: readonly string[];
}

interface DelimitedTable {
  /** Header names normalised by `normalizeHeader` (`Entry_Price` and `entryPrice` → `entryprice`). */
  readonly header: readonly string[];
  /** Header names exactly as written (trimmed). */
  readonly headerAsWritten: readonly string[];
  readonly delimiter: string;
  readonly rows: readonly TableRow[];
}

/**
 * Header matching is case-insensitive and accepts snake_case and camelCase alike: the name is
 * lower-cased and stripped of `_`, `-` and spaces (`offset_minutes` = `offsetMinutes`).
 */
export function normalizeHeader(name: string): string {
  return name.trim().toLowerCase().replace(/[_\-\s]/g, '');
}

/** The delimiter of a header line: the most frequent of `,`, `;` and tab (comma on a tie). */
export function detectDelimiter(headerLine: string): string {
  let best = ',';
  let bestCount = 0;
  for (const candidate of [',', ';', '\t']) {
    const count = headerLine.split(candidate).length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

/**
 * Split one line into fields. Fields may be double-quoted (RFC 4180, `""` for a quote inside);
 * surrounding whitespace is trimmed. Quoted fields cannot span lines (not needed for these inputs).
 */
export function splitDelimitedLine(line: string, delimiter: string): string[] {
  if (!line.includes('"')) return line.split(delimiter).map((f) => f.trim());
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let k = 0; k < line.length; k++) {
    const c = line[k]!;
    if (quoted) {
      if (c === '"') {
        if (line[k + 1] === '"') {
          field += '"';
          k++;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === delimiter) {
      fields.push(field.trim());
      field = '';
    } else {
      field += c;
    }
  }
  fields.push(field.trim());
  return fields;
}

/**
 * Parse delimited text: a UTF-8 BOM is dropped, blank lines are skipped, the first non-blank line
 * is the header. `delimiter` defaults to detection from the header. Returns null for text with no
 * header line (empty or blank).
 */
export function parseDelimitedTable(text: string, delimiter?: string): DelimitedTable | null {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = body.split(/\r\n|\n|\r/);
  let headerIndex = 0;
  while (headerIndex < lines.length && lines[headerIndex]!.trim() === '') headerIndex++;
  if (headerIndex >= lines.length) return null;
  const headerLine = lines[headerIndex]!;
  const sep = delimiter ?? detectDelimiter(headerLine);
  const headerAsWritten = splitDelimitedLine(headerLine, sep);
  const rows: TableRow[] = [];
  for (let k = headerIndex + 1; k < lines.length; k++) {
    const line = lines[k]!;
    if (line.trim() === '') continue;
    rows.push({ line: k + 1, fields: splitDelimitedLine(line, sep) });
  }
  return { header: headerAsWritten.map(normalizeHeader), headerAsWritten, delimiter: sep, rows };
}

/** Index of the first header among `names` (normalised), or -1. */
export function columnIndex(table: DelimitedTable, ...names: string[]): number {
  for (const name of names) {
    const k = table.header.indexOf(normalizeHeader(name));
    if (k >= 0) return k;
  }
  return -1;
}
