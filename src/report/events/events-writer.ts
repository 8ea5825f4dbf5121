// `marginscope events`: the historical crash library as a table, JSON (`marginscope/events@1`),
// CSV or Markdown. One row per event: name, title, window, bar length, symbols and data source.

import { formatTimestampMs } from '../../scenarios/text/parse-timestamp.js';
import type { EventIndex, EventIndexEntry } from '../../scenarios/events/event-index.js';
import type { TableView, ViewCell } from '../evaluate/account-view.js';
import { csvLine, csvNumberCell, csvTextCell } from '../format/csv-cell.js';
import type { EvaluateFormat } from '../evaluate/evaluate-writer.js';
import { jsonText, type JsonValue } from '../format/json-text.js';
import { shortTimestamp } from '../replay/replay-tables.js';
import { markdownTableOf, markdownText } from '../simulate/markdown-writer.js';
import { drawTableView, tablePalette } from '../simulate/table-writer.js';

/** Schema id of the JSON listing. */
export const EVENTS_JSON_SCHEMA = 'marginscope/events@1';

/** Bar length per symbol in one phrase: `30 min (BTC, ETH), 60 min (others)` or `60 min`. */
export function resolutionText(entry: EventIndexEntry): string {
  const bySize = new Map<number, string[]>();
  for (const symbol of entry.symbols) {
    const minutes = entry.resolutionMinutes.get(symbol)!;
    bySize.set(minutes, [...(bySize.get(minutes) ?? []), symbol]);
  }
  const sizes = [...bySize.keys()].sort((a, b) => a - b);
  if (sizes.length === 1) return `${sizes[0]} min`;
  return sizes.map((m, k) => `${m} min (${k === sizes.length - 1 ? 'others' : bySize.get(m)!.join(', ')})`).join(', ');
}

/** Where the bars come from, in one phrase: `Binance spot` or `Binance spot; BTC: usdm-perpetual`. */
export function sourceText(entry: EventIndexEntry): string {
  const markets = new Map<string, string[]>();
  for (const symbol of entry.symbols) {
    const market = entry.sources.get(symbol)?.market ?? 'unknown';
    markets.set(market, [...(markets.get(market) ?? []), symbol]);
  }
  const [main] = [...markets].sort((a, b) => b[1].length - a[1].length);
  const others = [...markets].filter(([m]) => m !== main?.[0]).map(([m, symbols]) => `${symbols.join(', ')}: Binance ${m}`);
  return [`Binance ${main?.[0] ?? 'unknown'}`, ...others].join('; ');
}

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

function eventsView(index: EventIndex): TableView {
  const cell = (text: string): ViewCell => ({ text, tone: 'plain' });
  return {
    header: ['Name', 'Title', 'Start', 'End', 'Resolution', 'Symbols', 'Source'],
    align: ['left', 'left', 'left', 'left', 'left', 'left', 'left'],
    rows: index.events.map((e) => [
      cell(e.aliases.length === 0 ? e.name : `${e.name} (${e.aliases.join(', ')})`),
      cell(e.title),
      cell(shortTimestamp(e.startMs)),
      cell(shortTimestamp(e.endMs)),
      cell(resolutionText(e)),
      cell(e.symbols.join(' ')),
      cell(sourceText(e)),
    ]),
  };
}

const HINT = "Replay one with 'marginscope replay POSITIONS.csv --event NAME' (a name or an alias); symbols an event lacks follow --proxy (default ETH).";

/** The listing in `format`. */
export function writeEventsReport(format: EvaluateFormat, index: EventIndex, options: { readonly color: boolean }): string {
  switch (format) {
    case 'json':
      return `${jsonText({ schema: EVENTS_JSON_SCHEMA, events: index.events.map((e) => eventJson(e, index)) }, 2)}\n`;
    case 'csv': {
      const header = csvLine(['name', 'aliases', 'title', 'start', 'end', 'resolutionMinutes', 'symbols', 'source']);
      const rows = index.events.map((e) =>
        csvLine([
          csvTextCell(e.name), csvTextCell(e.aliases.join(' ')), csvTextCell(e.title), formatTimestampMs(e.startMs), formatTimestampMs(e.endMs),
          csvNumberCell(Math.min(...e.resolutionMinutes.values())), csvTextCell(e.symbols.join(' ')), csvTextCell(sourceText(e)),
        ]),
      );
      return `${[header, ...rows].join('\n')}\n`;
    }
    case 'markdown':
      return `# Historical crash events\n\n${markdownTableOf(eventsView(index))}\n\n${markdownText(HINT)}\n`;
    case 'table': {
      const colors = tablePalette(options.color);
      return `${drawTableView(eventsView(index), colors)}${colors.dim(HINT)}\n`;
    }
  }
}
