// Reads the historical crash library shipped in data/events: the index (index.json) and, on
// demand, one event's bars (<name>.csv). These files are ours, so a malformed one is a bug: it
// throws, naming the file and the first problem.

import { readFileSync } from 'node:fs';
import { formatIssue, type Issue } from '../domain/issue.js';
import type { EventIndexEntry } from '../scenarios/events/event-index.js';
import { parseEventIndexJson } from '../scenarios/events/event-index.js';
import { EventLibrary } from '../scenarios/events/event-library.js';
import { parseEventCsv, type HistoricalEvent } from '../scenarios/events/historical-event.js';
import { bundledDataPath } from './package-root.js';

function failOn(issues: readonly Issue[], what: string): never {
  throw new Error(`bundled ${what} is malformed: ${formatIssue(issues[0]!)}`);
}

let cachedLibrary: EventLibrary | undefined;
const cachedEvents = new Map<string, HistoricalEvent>();

/** The event library (its index), read once per process. */
export function loadBundledEventLibrary(): EventLibrary {
  if (cachedLibrary !== undefined) return cachedLibrary;
  const text = readFileSync(bundledDataPath('events', 'index.json'), 'utf8');
  const { index, issues } = parseEventIndexJson(text, 'data/events/index.json');
  if (index === null) failOn(issues, 'event index');
  return (cachedLibrary = new EventLibrary(index));
}

/** One event's bars, read and checked once per process. */
export function loadBundledEvent(entry: EventIndexEntry): HistoricalEvent {
  const cached = cachedEvents.get(entry.name);
  if (cached !== undefined) return cached;
  const label = `data/events/${entry.file}`;
  const { event, issues } = parseEventCsv(readFileSync(bundledDataPath('events', entry.file), 'utf8'), entry, label);
  if (event === null) failOn(issues, `event ${entry.name}`);
  cachedEvents.set(entry.name, event);
  return event;
}
