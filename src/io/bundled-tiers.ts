// Reads the bundled default tier tables (data/tiers/<venue>.json) into a TierBook.
// These files are ours, so a malformed one is a bug: it throws, naming the file and the field.
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
import type { TierBook } from '../venues/tier-book.js';
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

let cached: TierBook | undefined;

/** Every bundled tier table, read once per process. */
export function loadBundledTierBook(): TierBook {
  if (cached !== undefined) return cached;
  const dir = bundledDataPath('tiers');
  const book = new Map<VenueName, Map<string, TierTable>>();
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    const { venue, tables } = parseBundledTierFile(readFileSync(`${dir}/${name}`, 'utf8'), `data/tiers/${name}`);
    const target = book.get(venue) ?? new Map<string, TierTable>();
    for (const [key, table] of tables) target.set(key, table);
    book.set(venue, target);
  }
  return (cached = book);
}
