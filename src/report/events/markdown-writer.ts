// `marginscope events --format markdown`: a title, the library as a table, the hint.

import type { EventIndex } from '../../scenarios/events/event-index.js';
import { markdownCellTable, markdownText } from '../format/markdown-text.js';
import { EVENTS_HINT, eventsView } from './library-view.js';

export function eventsMarkdown(index: EventIndex): string {
  return `# Historical crash events\n\n${markdownCellTable(eventsView(index))}\n\n${markdownText(EVENTS_HINT)}\n`;
}
