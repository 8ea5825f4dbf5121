// What a person reads about the historical crash library, shared by the table and Markdown
// listings of `marginscope events`: one row per event (name, title, window, bar length, symbols,
// data source) and the hint under it; the bar length and source phrases are in the JSON and CSV too.

import type { EventIndex, EventIndexEntry } from '../../scenarios/events/event-index.js';
import type { TableView, ViewCell } from '../format/table-view.js';
import { shortTimestamp } from '../replay/account-view.js';

/** Bar length per symbol in one phrase: `30 min (BTC, ETH), 60 min (others)` or `60 min`. */
function resolutionText(entry: EventIndexEntry): string {
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

/** The library as a table, one row per event. */
export function eventsView(index: EventIndex): TableView {
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

/** Read under the table: how to replay an event. */
export const EVENTS_HINT = "Replay one with 'marginscope replay POSITIONS.csv --event NAME' (a name or an alias); symbols an event lacks follow --proxy (default ETH).";
