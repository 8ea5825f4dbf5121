// One line per `evaluate` output format: the writers that show the extras (stress, what-if,
// venue check) beside the evaluation. Without extras each writes what the plain writer of
// evaluate-formats.ts writes.

import { createCsvExtrasWriter } from './csv-extras-writer.js';
import type { EvaluateExtrasWriter } from './evaluate-extras.js';
import type { WriterOptions } from './formats.js';
import type { EvaluateFormat } from './evaluate-writer.js';
import { createJsonExtrasWriter } from './json-extras-writer.js';
import { createMarkdownExtrasWriter } from './markdown-extras-writer.js';
import { createTableExtrasWriter } from './table-extras-writer.js';

const WRITERS: Readonly<Record<EvaluateFormat, (options: WriterOptions) => EvaluateExtrasWriter>> = {
  table: (options) => createTableExtrasWriter(options),
  json: () => createJsonExtrasWriter(),
  csv: () => createCsvExtrasWriter(),
  markdown: () => createMarkdownExtrasWriter(),
};

/** A fresh writer for one document in `format`. */
export function createEvaluateExtrasWriter(format: EvaluateFormat, options: WriterOptions): EvaluateExtrasWriter {
  return WRITERS[format](options);
}
