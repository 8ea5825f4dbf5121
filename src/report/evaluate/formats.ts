// One line per `evaluate` output format: the registry the CLI picks a writer from.

import { createCsvEvaluateWriter } from './csv-writer.js';
import type { EvaluateFormat, EvaluateReportWriter } from './evaluate-writer.js';
import { createJsonEvaluateWriter } from './json-writer.js';
import { createMarkdownEvaluateWriter } from './markdown-writer.js';
import { createTableEvaluateWriter } from './table-writer.js';

export interface WriterOptions {
  /** ANSI colour in the terminal table; ignored by the other formats. */
  readonly color: boolean;
}

const WRITERS: Readonly<Record<EvaluateFormat, (options: WriterOptions) => EvaluateReportWriter>> = {
  table: (options) => createTableEvaluateWriter(options),
  json: () => createJsonEvaluateWriter(),
  csv: () => createCsvEvaluateWriter(),
  markdown: () => createMarkdownEvaluateWriter(),
};

/** A fresh writer for one document in `format`. */
export function createEvaluateWriter(format: EvaluateFormat, options: WriterOptions): EvaluateReportWriter {
  return WRITERS[format](options);
}
