// The output formats of `replay`, one line each: the registry the CLI picks a writer from. The
// document they all write is described in replay-document.ts.

import type { EvaluateFormat } from '../evaluate/evaluate-writer.js';
import { replayCsv } from './csv-writer.js';
import type { ReplayDocument } from './replay-document.js';
import { replayJson } from './json-writer.js';
import { replayMarkdown } from './markdown-writer.js';
import { replayTable } from './table-writer.js';

export type { ReplayDocument, ReplayReportInputs, ReplayEventInfo, ReplayAccountEntry, ReplayEventEntry, ProxyUse } from './replay-document.js';

const WRITERS: Readonly<Record<EvaluateFormat, (document: ReplayDocument, color: boolean) => string>> = {
  table: (document, color) => replayTable(document, color),
  json: (document) => replayJson(document),
  csv: (document) => replayCsv(document),
  markdown: (document) => replayMarkdown(document),
};

/** The whole document in `format` (colour only affects the table). */
export function writeReplayReport(format: EvaluateFormat, document: ReplayDocument, options: { readonly color: boolean }): string {
  return WRITERS[format](document, options.color);
}
