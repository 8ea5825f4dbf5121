// `marginscope events --format table`: the library as a box table, the hint under it (dimmed
// when stdout is a terminal).

import type { EventIndex } from '../../scenarios/events/event-index.js';
import type { WriterOptions } from '../evaluate/evaluate-document.js';
import { drawTableView, tablePalette } from '../format/terminal-table.js';
import { EVENTS_HINT, eventsView } from './library-view.js';

export function eventsTable(index: EventIndex, options: WriterOptions): string {
  const colors = tablePalette(options.color);
  return `${drawTableView(eventsView(index), colors)}${colors.dim(EVENTS_HINT)}\n`;
}
