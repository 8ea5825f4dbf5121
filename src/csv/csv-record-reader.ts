// CSV records as arrays of strings, for small files and callers that want plain cells: a thin
// adapter over CsvRowReader (same rules, same line numbers, same problems).

import type { Issue } from '../domain/issue.js';
import type { CsvRow } from './csv-row.js';
import { CsvRowReader, type CsvRowReaderOptions, type CsvRowSink } from './csv-row-reader.js';
import type { CsvDelimiter } from './detect-delimiter.js';

export { DEFAULT_MAX_RECORD_CHARS } from './csv-row-reader.js';
type CsvRecordReaderOptions = CsvRowReaderOptions;

/** Receives records in file order; the first record is the header. */
interface CsvRecordSink {
  /** One record (fields untrimmed); return false to stop reading the file. */
  record(fields: string[], line: number): boolean;
  /** A problem with the CSV structure itself (see CsvRowSink.problem). */
  problem(issue: Issue, leadingFields: readonly string[]): void;
}

class CellsSink implements CsvRowSink {
  constructor(readonly target: CsvRecordSink) {}

  record(row: CsvRow, line: number): boolean {
    return this.target.record(row.cells(), line);
  }

  problem(issue: Issue, leadingFields: readonly string[]): void {
    this.target.problem(issue, leadingFields);
  }
}

/** CsvRowReader delivering each record as a fresh array of strings. */
export class CsvRecordReader {
  readonly #reader: CsvRowReader;

  constructor(sink: CsvRecordSink, fileLabel: string, options: CsvRecordReaderOptions = {}) {
    this.#reader = new CsvRowReader(new CellsSink(sink), fileLabel, options);
  }

  get stopped(): boolean {
    return this.#reader.stopped;
  }

  get recordCount(): number {
    return this.#reader.recordCount;
  }

  /** The delimiter in use (undefined until the header line has been seen). */
  get delimiter(): CsvDelimiter | undefined {
    return this.#reader.delimiter;
  }

  /** Feed the next piece of the file's text. */
  push(text: string): void {
    this.#reader.push(text);
  }

  /** The file has ended. */
  end(): void {
    this.#reader.end();
  }
}
