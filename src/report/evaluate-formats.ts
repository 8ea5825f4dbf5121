// One line per `evaluate` output format: the registry the CLI picks a writer from.

import { createCsvEvaluateWriter } from './csv-evaluate-writer.js';
import type { EvaluateFormat, EvaluateReportWriter } from './evaluate-report-writer.js';
import { createJsonEvaluateWriter } from './json-evaluate-writer.js';
import { createMarkdownEvaluateWriter } from './markdown-evaluate-writer.js';
import { createTableEvaluateWriter } from './table-evaluate-writer.js';

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
