// `marginscope events --format csv`: one row per event (name, aliases, title, window, the shortest
// bar length, symbols, source). RFC 4180 quoting, LF line endings, ISO-8601 UTC times.

import type { EventIndex } from '../../scenarios/events/event-index.js';
import { formatTimestampMs } from '../../scenarios/text/parse-timestamp.js';
import { csvLine, csvNumberCell, csvTextCell } from '../format/csv-cell.js';
import { sourceText } from './library-view.js';

export function eventsCsv(index: EventIndex): string {
  const header = csvLine(['name', 'aliases', 'title', 'start', 'end', 'resolutionMinutes', 'symbols', 'source']);
  const rows = index.events.map((e) =>
    csvLine([
      csvTextCell(e.name), csvTextCell(e.aliases.join(' ')), csvTextCell(e.title), formatTimestampMs(e.startMs), formatTimestampMs(e.endMs),
      csvNumberCell(Math.min(...e.resolutionMinutes.values())), csvTextCell(e.symbols.join(' ')), csvTextCell(sourceText(e)),
    ]),
  );
  return `${[header, ...rows].join('\n')}\n`;
}
