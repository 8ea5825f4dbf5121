// One line per `evaluate` output format: the registry the CLI and the library pick a writer from.
// Each format has its plain writer (the evaluation only) and its writer with extras (stress,
// what-if, venue check beside the evaluation), which writes the same bytes when there are none.

import { createCsvEvaluateWriter, createCsvExtrasWriter } from './csv-writer.js';
import type { EvaluateExtrasWriter, EvaluateFormat, EvaluateReportWriter, WriterOptions } from './evaluate-document.js';
import { createJsonEvaluateWriter, createJsonExtrasWriter } from './json-writer.js';
import { createMarkdownEvaluateWriter, createMarkdownExtrasWriter } from './markdown-writer.js';
import { createTableEvaluateWriter, createTableExtrasWriter } from './table-writer.js';

interface FormatWriters {
  readonly plain: (options: WriterOptions) => EvaluateReportWriter;
  readonly withExtras: (options: WriterOptions) => EvaluateExtrasWriter;
}

const WRITERS: Readonly<Record<EvaluateFormat, FormatWriters>> = {
  table: { plain: (options) => createTableEvaluateWriter(options), withExtras: (options) => createTableExtrasWriter(options) },
  json: { plain: () => createJsonEvaluateWriter(), withExtras: () => createJsonExtrasWriter() },
  csv: { plain: () => createCsvEvaluateWriter(), withExtras: () => createCsvExtrasWriter() },
  markdown: { plain: () => createMarkdownEvaluateWriter(), withExtras: () => createMarkdownExtrasWriter() },
};

/** A fresh writer for one document in `format`. */
export function createEvaluateWriter(format: EvaluateFormat, options: WriterOptions): EvaluateReportWriter {
  return WRITERS[format].plain(options);
}

/** A fresh writer for one document in `format` that also shows each account's extras. */
export function createEvaluateExtrasWriter(format: EvaluateFormat, options: WriterOptions): EvaluateExtrasWriter {
  return WRITERS[format].withExtras(options);
}
