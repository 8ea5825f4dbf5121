// The evaluate CSV rows written straight into bytes (csv-position-rows.ts: room taken once a row,
// cells copied from earlier rows when their values repeat) must be byte for byte the rows the
// general path makes cell by cell as strings (positionCsvCells joined), on random accounts whose
// values repeat across rows and modes or not (whole rows but for the mode and the allocation, as an
// isolated position's `exported` and `isolated` rows), with nulls, ±0, hostile and non-ASCII text,
// and with a text area small enough to fill mid-account or too small for a row.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MODE_NAMES, type AccountEvaluation, type AllocationEntry, type ModeName, type PositionEvaluation } from '../../../src/margin/evaluation.js';
import { csvMargins } from '../../../src/report/evaluate/csv-margin-shares.js';
import { accountRowsInto, allocationById } from '../../../src/report/evaluate/csv-position-rows.js';
import { positionCsvCells } from '../../../src/report/evaluate/csv-writer.js';
import { csvLine } from '../../../src/report/format/csv-cell.js';
import { Utf8TextBuffer } from '../../../src/report/format/utf8-text-buffer.js';
import { sampleEvaluation } from '../sample-evaluation.js';

/** The rows as the general path writes them. */
function rowsByCells(evaluation: AccountEvaluation, verdict: string): string {
  const allocation = allocationById(evaluation.allocation);
  let text = '';
  for (const mode of MODE_NAMES) {
    const margins = csvMargins(evaluation.modes[mode]);
    for (const p of evaluation.modes[mode].positions) text += `${csvLine(positionCsvCells(evaluation, mode, p, margins.get(p.positionId)!, allocation, verdict))}\n`;
  }
  return text;
}

const text = fc.oneof(fc.constantFrom('BTCUSDT', 'ETHUSDT', 'a,b', '=1+1', 'счёт', '🚀', '"q"', '-x', ''), fc.string({ maxLength: 6 }));
// Bounded so that a margin share (margin × notional / pool total) stays finite.
const number = fc.oneof(fc.constantFrom(0, -0, 1, 2.5, 3000, -0.078, 1e-7, 1e21), fc.double({ noNaN: true, min: -1e100, max: 1e100 }));
const maybeNull = fc.option(number, { nil: null });
const position = fc.record({
  id: fc.integer({ min: 0, max: 5 }),
  symbol: text,
  side: fc.constantFrom('long', 'short'),
  size: number,
  asset: fc.constantFrom('USDT', 'BTC', 'a"b'),
  markPrice: number,
  notional: number,
  margin: number,
  unrealizedPnl: number,
  maintenanceMargin: number,
  liquidationPrice: maybeNull,
  distanceToLiquidation: maybeNull,
  leverage: number,
  venue: fc.constantFrom('generic', 'binance-usdm'),
  entryPrice: number,
  pool: fc.constantFrom('desk:USDT', 'desk:BTC', 'p,1', ''),
  /** The margin mode in `exported` (isolated: its row may repeat its `isolated` row whole). */
  exportedIsolated: fc.boolean(),
  /** A cell its `isolated` row changes when the modes share their draws (so only part of the row repeats). */
  isolatedChange: fc.constantFrom('none', 'none', 'margin', 'liquidationPrice', 'distanceToLiquidation', 'poolId'),
});
type RandomPosition = typeof position extends fc.Arbitrary<infer T> ? T : never;

/** `p` with one cell's value changed. */
function changed(p: PositionEvaluation, cell: 'margin' | 'liquidationPrice' | 'distanceToLiquidation' | 'poolId'): PositionEvaluation {
  if (cell === 'poolId') return { ...p, poolId: `${p.poolId}'` };
  if (cell === 'margin') return { ...p, margin: p.margin === 0 ? 1.5 : p.margin * 2 };
  const value = p[cell];
  return { ...p, [cell]: value === null ? 1.5 : value === 0 ? null : value / 2 };
}

/** A mode's positions: distinct ids (the first of each id kept), fields from the random record. */
function positions(mode: ModeName, drawn: readonly RandomPosition[]): PositionEvaluation[] {
  const seen = new Set<number>();
  const out: PositionEvaluation[] = [];
  for (const r of drawn) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    const { id, pool, exportedIsolated, isolatedChange, ...fields } = r;
    const marginMode = mode === 'isolated' || (mode === 'exported' && exportedIsolated) ? 'isolated' : 'cross';
    const p = { ...fields, positionId: `p${id}`, instrument: 'linear', marginMode, poolId: pool } as PositionEvaluation;
    out.push(mode === 'isolated' && isolatedChange !== 'none' ? changed(p, isolatedChange) : p);
  }
  return out;
}

/**
 * The part of the text area the rows may use: all of it, or little enough that an account fills it
 * (written in pieces, its repeated cells forgotten at each) or that a row does not fit at all
 * (written through the cells path).
 */
const areaBytes = fc.oneof(fc.constant(Number.POSITIVE_INFINITY), fc.integer({ min: 400, max: 4000 }));

/**
 * The account's tier tables: one; several, with cells of other origins and dates, a cell shared by
 * two tables and a symbol listed twice (the first table's cell is the row's); or none given.
 */
const TIER_TABLES = {
  one: [{ venue: 'generic', key: 'k', symbols: ['BTCUSDT', 'a,b'], origin: 'bundled', source: 's', snapshotDate: '2024-10-24' }],
  several: [
    { venue: 'generic', key: 'k', symbols: ['BTCUSDT', 'a,b'], origin: 'bundled', source: 's', snapshotDate: '2024-10-24' },
    { venue: 'binance-usdm', key: 'k2', symbols: ['BTCUSDT', 'ETHUSDT', ''], origin: 'export', source: 's', snapshotDate: '' },
    { venue: 'generic', key: 'k3', symbols: ['ETHUSDT', 'BTCUSDT'], origin: 'bundled', source: 's', snapshotDate: '2024-10-24' },
    { venue: 'generic', key: 'k4', symbols: ['🚀', '=1+1', 'BTCUSDT'], origin: 'tiers-file', source: 's', snapshotDate: '=x,"y"' },
  ],
  none: undefined,
} as const satisfies Record<string, AccountEvaluation['tierTables']>;

/** The allocation in the isolated mode's order, or reversed (the rows find an entry by its id). */
function ordered<T>(list: T[], reversed: boolean): T[] {
  return reversed ? list.reverse() : list;
}

/**
 * The allocation as it is, or with a second entry for each id (another policy and standing, before
 * or after the first: the last of an id is the row's) and one for an id no position has.
 */
function duplicated(allocation: AllocationEntry[], where: 'none' | 'before' | 'after'): AllocationEntry[] {
  if (where === 'none') return allocation;
  const others: AllocationEntry[] = allocation.map((entry) => ({ ...entry, policy: 'equal-risk', standing: !entry.standing }));
  others.push({ positionId: 'nobody', asset: 'USDT', exportedMargin: null, margin: 1, policy: 'notional', scale: 1, maintenanceFloor: 1, standing: true });
  return where === 'before' ? [...others, ...allocation] : [...allocation, ...others];
}

describe('accountRowsInto', () => {
  it('writes exactly the rows of the cells path', () => {
    const drawnMode = fc.array(position, { maxLength: 8 });
    fc.assert(
      fc.property(
        drawnMode,
        drawnMode,
        drawnMode,
        fc.boolean(),
        text,
        fc.constantFrom('cross', 'isolated', 'x,y'),
        areaBytes,
        fc.boolean(),
        fc.constantFrom('one', 'several', 'none'),
        fc.constantFrom(true, false, undefined),
        fc.constantFrom('none', 'before', 'after'),
        (exported, isolated, cross, sameAcrossModes, account, verdict, area, allocationReversed, tiers, collateralGiven, duplicates) => {
          const sample = sampleEvaluation();
          const byMode = { exported: positions('exported', exported), isolated: positions('isolated', sameAcrossModes ? exported : isolated), cross: positions('cross', sameAcrossModes ? exported : cross) };
          const evaluation: AccountEvaluation = {
            ...sample,
            account,
            collateralGiven,
            allocation: duplicated(
              ordered(
                byMode.isolated.map((p, i) => ({ positionId: p.positionId, asset: p.asset, exportedMargin: null, margin: p.margin, policy: i % 2 === 0 ? 'leverage' : 'exported', scale: 1, maintenanceFloor: i === 0 ? 0 : p.maintenanceMargin, standing: i % 3 !== 0 })),
                allocationReversed,
              ),
              duplicates,
            ),
            tierTables: TIER_TABLES[tiers],
            modes: {
              exported: { ...sample.modes.exported, positions: byMode.exported },
              isolated: { ...sample.modes.isolated, positions: byMode.isolated },
              cross: { ...sample.modes.cross, positions: byMode.cross },
            },
          };
          const out = new Utf8TextBuffer(16);
          out.text('x');
          const rowText = (modeIndex: number, p: PositionEvaluation, margin: number): string =>
            `${csvLine(positionCsvCells(evaluation, MODE_NAMES[modeIndex]!, p, margin, allocationById(evaluation.allocation), verdict))}\n`;
          accountRowsInto(out, evaluation, verdict, rowText, area);
          accountRowsInto(out, evaluation, verdict, rowText, area);
          const rows = rowsByCells(evaluation, verdict);
          expect(new TextDecoder().decode(out.view())).toBe(`x${rows}${rows}`);
        },
      ),
      { numRuns: 1500 },
    );
  });
});
