// `marginscope events --format json`: the `marginscope/events@1` listing, one object per event
// with its window, symbols, bar length and the source of each symbol's bars. Keys in a fixed order.

import type { EventIndex, EventIndexEntry } from '../../scenarios/events/event-index.js';
import { formatTimestampMs } from '../../scenarios/text/parse-timestamp.js';
import { jsonText, type JsonValue } from '../format/json-text.js';
import { sourceText } from './library-view.js';

/** Schema id of the JSON listing. */
const EVENTS_JSON_SCHEMA = 'marginscope/events@1';

function eventJson(entry: EventIndexEntry, index: EventIndex): JsonValue {
  return {
    name: entry.name,
    aliases: [...entry.aliases],
    title: entry.title,
    description: entry.description,
    start: formatTimestampMs(entry.startMs),
    end: formatTimestampMs(entry.endMs),
    symbols: [...entry.symbols],
    resolutionMinutes: Object.fromEntries(entry.symbols.map((s) => [s, entry.resolutionMinutes.get(s)!])),
    source: sourceText(entry),
    sources: Object.fromEntries(
      entry.symbols.map((s) => {
        const source = entry.sources.get(s);
        return [s, { file: source?.file ?? null, market: source?.market ?? null, provenance: (source?.provenance ?? []).map((k) => index.provenanceKeys.get(k) ?? k) }];
      }),
    ),
    notes: [...entry.notes],
  };
}

export function eventsJson(index: EventIndex): string {
  return `${jsonText({ schema: EVENTS_JSON_SCHEMA, events: index.events.map((e) => eventJson(e, index)) }, 2)}\n`;
}
