// One line per `simulate` output format (those of `evaluate`): the registry the CLI and the
// library pick a writer from. The document they all write is described in simulate-document.ts.

import type { EvaluateFormat, WriterOptions } from '../evaluate/evaluate-document.js';
import { createCsvSimulateWriter } from './csv-writer.js';
import { createJsonSimulateWriter } from './json-writer.js';
import { createMarkdownSimulateWriter } from './markdown-writer.js';
import type { SimulateReportWriter } from './simulate-document.js';
import { createTableSimulateWriter } from './table-writer.js';

const WRITERS: Readonly<Record<EvaluateFormat, (options: WriterOptions) => SimulateReportWriter>> = {
  table: (options) => createTableSimulateWriter(options),
  json: () => createJsonSimulateWriter(),
  csv: () => createCsvSimulateWriter(),
  markdown: () => createMarkdownSimulateWriter(),
};

/** A fresh writer for one document in `format` (colour only affects the table). */
export function createSimulateWriter(format: EvaluateFormat, options: WriterOptions): SimulateReportWriter {
  return WRITERS[format](options);
}
