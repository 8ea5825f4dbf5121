// Reads a small CSV file (balances, tiers) to the end through the same streaming record reader
// as positions: header resolved once against the format's columns, each row of the header's
// width handed to the format's row handler by column index, file-level problems reported.

import { CsvRowReader, type CsvRowSink } from '../csv/csv-row-reader.js';
import type { CsvRow } from '../csv/csv-row.js';
import type { Issue } from '../domain/issue.js';
import { ChunkTextDecoder } from './chunk-text-decoder.js';
import type { CsvReadOptions } from './csv-read-options.js';
import { emptyFileIssue, headerOnlyIssue, utf16Issue } from './file-issues.js';
import { resolveHeader, type ColumnIndex, type ColumnSpec } from './header-columns.js';
import type { IssueLog } from './issue-log.js';

/** What a file format does with each data row (already checked to have the header's width). */
export interface CsvTableRowHandler<Name extends string> {
  row(fields: readonly string[], index: ColumnIndex<Name>, line: number): void;
}


class TableSink<Name extends string> implements CsvRowSink {
  index: ColumnIndex<Name> | null = null;
  width = 0;
  dataRows = 0;

  constructor(
    readonly fileLabel: string,
    readonly specs: readonly ColumnSpec<Name>[],
    readonly handler: CsvTableRowHandler<Name>,
    readonly log: IssueLog,
  ) {}

  record(row: CsvRow, line: number): boolean {
    const fields = row.cells();
    if (this.index === null) {
      const header = resolveHeader(fields, this.specs, this.fileLabel, line);
      for (const issue of header.issues) this.log.add(issue);
      if (header.issues.length > 0) return false;
      this.index = header.index;
      this.width = fields.length;
      return true;
    }
    this.dataRows++;
    if (fields.length !== this.width) {
      this.log.add({
        code: 'malformed-csv',
        file: this.fileLabel,
        line,
        column: '',
        message: `row has ${fields.length} fields but the header has ${this.width}`,
      });
      return true;
    }
    this.handler.row(fields, this.index, line);
    return true;
  }

  problem(issue: Issue): void {
    if (this.index !== null) this.dataRows++;
    this.log.add(issue);
  }
}

/**
 * Read `chunks` to the end, handing each data row to `handler`. Returns whether the file was
 * read through with an accepted header and at least one data row (else issues say why).
 */
export async function readCsvTable<Name extends string>(
  chunks: AsyncIterable<string | Uint8Array>,
  fileLabel: string,
  options: CsvReadOptions,
  specs: readonly ColumnSpec<Name>[],
  handler: CsvTableRowHandler<Name>,
  log: IssueLog,
): Promise<boolean> {
  const sink = new TableSink(fileLabel, specs, handler, log);
  const reader = new CsvRowReader(sink, fileLabel, { delimiter: options.delimiter, maxRecordChars: options.maxRecordChars });
  const decoder = new ChunkTextDecoder();
  for await (const chunk of chunks) {
    reader.push(decoder.decode(chunk));
    if (decoder.utf16Detected) {
      log.add(utf16Issue(fileLabel));
      return false;
    }
    if (reader.stopped) return false;
  }
  reader.push(decoder.end());
  reader.end();
  if (reader.stopped) return false;
  if (reader.recordCount === 0 && log.count === 0) {
    log.add(emptyFileIssue(fileLabel));
    return false;
  }
  if (sink.index !== null && sink.dataRows === 0) {
    log.add(headerOnlyIssue(fileLabel));
    return false;
  }
  return sink.index !== null;
}
