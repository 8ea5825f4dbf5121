// A CSV text held in memory, read to the end into its header and data records, each record with
// the physical line it starts on and its fields trimmed. For the small inputs that arrive whole:
// venue export CSVs, scenario price histories, price paths, event files and correlation
// matrices. Same splitting rules and the same located problems as the streamed positions file,
// because it is the same reader (CsvRecordReader over CsvRowReader; see csv-row-reader.ts).

import type { Issue } from '../domain/issue.js';
import { CsvRecordReader } from './csv-record-reader.js';
import type { CsvDelimiter } from './detect-delimiter.js';

/** One data record: its fields, trimmed, and the 1-based physical line it starts on. */
export interface CsvTextRow {
  readonly line: number;
  readonly fields: readonly string[];
}

interface CsvTextTable {
  /** Header names as written, trimmed. */
  readonly header: readonly string[];
  /** Physical line of the header record. */
  readonly headerLine: number;
  /** The delimiter used: given, named by a `sep=` line, or detected from the header. */
  readonly delimiter: CsvDelimiter;
  readonly rows: readonly CsvTextRow[];
}

interface CsvTextOptions {
  /** undefined: detected from the header line (`,`, `;` or tab, the most frequent). */
  readonly delimiter?: CsvDelimiter | undefined;
}

/**
 * Read all of `text`, decoded and without its byte-order mark (as ChunkTextDecoder gives it to
 * the streamed readers). Problems with the CSV structure
 * (unbalanced quotes, text after a closing quote, an oversized record) are appended to `issues`,
 * each on its line with `fileLabel`; the records read around them are kept. Returns null when no
 * header record was read: the text is empty or blank, or unreadable before its header.
 * Example: `readCsvText('a;b\n1;2\n', 'f.csv', issues)` → header `['a', 'b']`, delimiter `;`,
 * rows `[{ line: 2, fields: ['1', '2'] }]`.
 */
export function readCsvText(text: string, fileLabel: string, issues: Issue[], options: CsvTextOptions = {}): CsvTextTable | null {
  const rows: CsvTextRow[] = [];
  let header: string[] | null = null;
  let headerLine = 0;
  const reader = new CsvRecordReader(
    {
      record(fields, line) {
        const trimmed = fields.map((f) => f.trim());
        if (header === null) {
          header = trimmed;
          headerLine = line;
        } else {
          rows.push({ line, fields: trimmed });
        }
        return true;
      },
      problem(issue) {
        issues.push(issue);
      },
    },
    fileLabel,
    { delimiter: options.delimiter },
  );
  reader.push(text);
  reader.end();
  if (header === null) return null;
  return { header, headerLine, delimiter: reader.delimiter!, rows };
}
