// Reads the bundled default tier tables (data/tiers/<venue>.json) into a TierBook: for the command,
// each venue's file read when its tables are first asked for (`openBundledTierBook`: a run uses
// a few of some 5,000 tables); for the library, all of them at once as plain maps.
// These files are ours, so a malformed one is a bug: it throws, naming the file and the field
// (a file is named after the venue it holds, checked when it is read).
//
// File shape:
//   { "venue": "binance-usdm", "measure": "notional" | "size",
//     "source": "<URL>", "snapshotDate": "YYYY-MM-DD", "notes": "...",
//     "symbols": { "BTCUSDT": [ { "floor": 0, "cap": 50000, "maintenanceMarginRate": 0.004,
//                                 "maintenanceAmount": 0, "maxLeverage": 125,
//                                 "initialMarginRate"?: 0.008, "liquidationFeeRate"?: 0.0125 }, ... ] } }
//   The last tier's cap may be null (unbounded).

import { readFileSync, readdirSync } from 'node:fs';
import type { Tier, TierMeasure, TierTable } from '../domain/tier.js';
import { isVenueName, type VenueName } from '../domain/venue-name.js';
import { DeferredTierTables } from '../venues/deferred-tier-tables.js';
import { plainTierBook, type TierBook } from '../venues/tier-book.js';
import { bundledDataPath } from './package-root.js';

interface TierFileRow {
  floor: number;
  cap: number | null;
  maintenanceMarginRate: number;
  maintenanceAmount: number;
  maxLeverage: number;
  initialMarginRate?: number;
  liquidationFeeRate?: number;
}

interface TierFile {
  venue: string;
  measure: TierMeasure;
  source: string;
  snapshotDate: string;
  symbols: Record<string, TierFileRow[]>;
}

function requireNumber(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`bundled tier data ${where}: expected a finite number, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Parse one bundled tier file's text into its venue and tables (throws on malformed data). */
export function parseBundledTierFile(text: string, fileName: string): { venue: VenueName; tables: Map<string, TierTable> } {
  const file = JSON.parse(text) as TierFile;
  if (!isVenueName(file.venue)) throw new Error(`bundled tier data ${fileName}: unknown venue ${JSON.stringify(file.venue)}`);
  if (file.measure !== 'notional' && file.measure !== 'size') {
    throw new Error(`bundled tier data ${fileName}: measure must be notional or size`);
  }
  const tables = new Map<string, TierTable>();
  for (const [symbol, rows] of Object.entries(file.symbols)) {
    const tiers: Tier[] = rows.map((row, k) => {
      const where = `${fileName} ${symbol}[${k}]`;
      return {
        floor: requireNumber(row.floor, `${where}.floor`),
        cap: row.cap === null ? Infinity : requireNumber(row.cap, `${where}.cap`),
        maintenanceMarginRate: requireNumber(row.maintenanceMarginRate, `${where}.maintenanceMarginRate`),
        maintenanceAmount: requireNumber(row.maintenanceAmount, `${where}.maintenanceAmount`),
        maxLeverage: requireNumber(row.maxLeverage, `${where}.maxLeverage`),
        initialMarginRate: row.initialMarginRate === undefined ? null : requireNumber(row.initialMarginRate, `${where}.initialMarginRate`),
        liquidationFeeRate:
          row.liquidationFeeRate === undefined ? null : requireNumber(row.liquidationFeeRate, `${where}.liquidationFeeRate`),
      };
    });
    tables.set(symbol, { symbol, measure: file.measure, tiers, source: file.source, snapshotDate: file.snapshotDate, origin: 'bundled' });
  }
  return { venue: file.venue, tables };
}

/** The tables of data/tiers/`name`, which must hold `venue`'s. */
function readVenueFile(dir: string, name: string, venue: VenueName): Map<string, TierTable> {
  const { venue: held, tables } = parseBundledTierFile(readFileSync(`${dir}/${name}`, 'utf8'), `data/tiers/${name}`);
  if (held !== venue) throw new Error(`bundled tier data data/tiers/${name}: holds venue ${JSON.stringify(held)}, not the one it is named after`);
  return tables;
}

let deferred: TierBook | undefined;

/** Every bundled tier table, each venue's file read when its tables are first asked for; once per process. */
export function openBundledTierBook(): TierBook {
  if (deferred !== undefined) return deferred;
  const dir = bundledDataPath('tiers');
  const book = new Map<VenueName, ReadonlyMap<string, TierTable>>();
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    const venue = name.slice(0, -'.json'.length);
    if (!isVenueName(venue)) throw new Error(`bundled tier data data/tiers/${name}: not named after a venue`);
    book.set(venue, new DeferredTierTables(() => readVenueFile(dir, name, venue), { origin: 'bundled' }));
  }
  return (deferred = book);
}

let cached: TierBook | undefined;

/** Every bundled tier table, read now into plain maps; once per process. */
export function loadBundledTierBook(): TierBook {
  return (cached ??= plainTierBook(openBundledTierBook()));
}
