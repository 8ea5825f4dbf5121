// Turns the tiers an export lists for one symbol into a TierTable under the venue profile's key,
// after the structural checks every table must pass (contiguous brackets, the maintenance-amount
// recursion); a table that fails them is an issue at the symbol's record and is not kept.

import type { Tier, TierMeasure } from '../../domain/tier.js';
import type { VenueName } from '../../domain/venue-name.js';
import { venueProfile } from '../../venues/registry.js';
import { tierTableProblems } from '../../venues/validate-tier-table.js';
import { recordIssue, type ExportRecord } from './export-record.js';
import type { ImportSink } from './import-sink.js';

/** ISO date (YYYY-MM-DD) of an epoch-milliseconds timestamp, or '' when there is none. */
export function isoDateOfMillis(millis: number | null): string {
  if (millis === null || !Number.isFinite(millis)) return '';
  const date = new Date(millis);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(0, 10);
}

interface ExportTierTable {
  readonly venue: VenueName;
  readonly symbol: string;
  readonly measure: TierMeasure;
  /** In any order; sorted by floor here. */
  readonly tiers: readonly Tier[];
  /** Endpoint the tiers come from, e.g. `GET /fapi/v1/leverageBracket`. */
  readonly endpoint: string;
  readonly snapshotDate: string;
  /** The record the symbol's tiers were read from (issues point here). */
  readonly record: ExportRecord;
}

/** Check and keep one symbol's table under `venueProfile(venue).tierKey(symbol)`. */
export function addExportTierTable(sink: ImportSink, table: ExportTierTable): void {
  const tiers = [...table.tiers].sort((a, b) => a.floor - b.floor);
  const key = venueProfile(table.venue).tierKey(table.symbol);
  const candidate = {
    symbol: key,
    measure: table.measure,
    tiers,
    source: `${table.record.file} (${table.endpoint})`,
    snapshotDate: table.snapshotDate,
    origin: 'export' as const,
  };
  const problems = tierTableProblems(candidate);
  if (problems.length > 0) {
    for (const problem of problems) sink.addIssue(recordIssue(table.record, 'inconsistent', `tier table not usable: ${problem}`));
    return;
  }
  sink.addTierTable(table.venue, key, candidate);
}
