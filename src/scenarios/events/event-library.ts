// The list of historical crash events and lookup by name or alias (`--event NAME`,
// `marginscope events`). Holds the index only; event files are parsed on demand.

import type { Issue } from '../../domain/issue.js';
import type { EventIndex, EventIndexEntry } from './event-index.js';

/** A row of `marginscope events`. */
export interface EventListing {
  readonly name: string;
  readonly title: string;
  readonly start: string;
  readonly end: string;
  readonly symbols: readonly string[];
  /** Finest bar length in the event, minutes. */
  readonly finestResolutionMinutes: number;
  readonly aliases: readonly string[];
}

export class EventLibrary {
  private readonly byName = new Map<string, EventIndexEntry>();

  constructor(readonly index: EventIndex) {
    for (const entry of index.events) {
      this.byName.set(entry.name.toLowerCase(), entry);
      for (const alias of entry.aliases) if (!this.byName.has(alias.toLowerCase())) this.byName.set(alias.toLowerCase(), entry);
    }
  }

  /** Every event in index order (chronological in the shipped library). */
  list(): EventListing[] {
    return this.index.events.map((e) => ({
      name: e.name,
      title: e.title,
      start: e.start,
      end: e.end,
      symbols: e.symbols,
      finestResolutionMinutes: Math.min(...e.resolutionMinutes.values()),
      aliases: e.aliases,
    }));
  }

  /** The event named `name` (its crash day or an alias, case-insensitive), or undefined. */
  find(name: string): EventIndexEntry | undefined {
    return this.byName.get(name.trim().toLowerCase());
  }

  /** The entries for `names`, with an `unknown-value` issue (listing the known names) per unknown one. */
  resolve(names: readonly string[]): { entries: EventIndexEntry[]; issues: Issue[] } {
    const entries: EventIndexEntry[] = [];
    const issues: Issue[] = [];
    for (const name of names) {
      const entry = this.find(name);
      if (entry !== undefined) entries.push(entry);
      else {
        issues.push({
          code: 'unknown-value',
          file: '--event',
          line: 0,
          column: '',
          message: `no historical event by this name; known events: ${this.index.events.map((e) => e.name).join(', ')}`,
          value: name,
        });
      }
    }
    return { entries, issues };
  }
}
