// One line per `replay` output format (those of `evaluate`): the registry the CLI and the library
// pick a writer from. Each writes the whole document (replay-document.ts) at once.

import type { EvaluateFormat, WriterOptions } from '../evaluate/evaluate-document.js';
import { replayCsv } from './csv-writer.js';
import { replayJson } from './json-writer.js';
import { replayMarkdown } from './markdown-writer.js';
import type { ReplayDocument } from './replay-document.js';
import { replayTable } from './table-writer.js';

const WRITERS: Readonly<Record<EvaluateFormat, (document: ReplayDocument, options: WriterOptions) => string>> = {
  table: (document, options) => replayTable(document, options),
  json: (document) => replayJson(document),
  csv: (document) => replayCsv(document),
  markdown: (document) => replayMarkdown(document),
};

/** The whole document in `format` (colour only affects the table). */
export function writeReplayReport(format: EvaluateFormat, document: ReplayDocument, options: WriterOptions): string {
  return WRITERS[format](document, options);
}
