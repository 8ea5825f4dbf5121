// One line per `events` output format (those of `evaluate`): the registry the CLI and the library
// pick a writer of the historical crash library from.

import type { EventIndex } from '../../scenarios/events/event-index.js';
import type { EvaluateFormat, WriterOptions } from '../evaluate/evaluate-document.js';
import { eventsCsv } from './csv-writer.js';
import { eventsJson } from './json-writer.js';
import { eventsMarkdown } from './markdown-writer.js';
import { eventsTable } from './table-writer.js';

const WRITERS: Readonly<Record<EvaluateFormat, (index: EventIndex, options: WriterOptions) => string>> = {
  table: (index, options) => eventsTable(index, options),
  json: (index) => eventsJson(index),
  csv: (index) => eventsCsv(index),
  markdown: (index) => eventsMarkdown(index),
};

/** The listing in `format` (colour only affects the table). */
export function writeEventsReport(format: EvaluateFormat, index: EventIndex, options: WriterOptions): string {
  return WRITERS[format](index, options);
}
