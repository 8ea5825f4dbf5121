// Bybit v5 `GET /v5/market/risk-limit`: risk-limit tiers of linear or inverse contracts →
// tier tables of `bybit-linear` / `bybit-inverse`, keyed by the profile's tier key.
// https://bybit-exchange.github.io/docs/v5/market/risk-limit
//
// Each row is one tier of one symbol: `riskLimitValue` is the tier's upper bound in position value
// (quote for linear, the coin for inverse), the previous tier's bound its floor (0 for the first).
// Rates: recent responses give fractions (`"0.005"`), older ones percents (`"0.5"` with
// `initialMargin "1"` at `maxLeverage "100"`); the unit is told by `initialMargin * maxLeverage`,
// which is 1 for fractions and 100 for percents, and anything else is an issue.
// `mmDeduction` empty: 0 for the first tier (by definition), and for a later tier the value the
// recursion `deduction_n = limit_{n-1} * (MMR_n - MMR_{n-1}) + deduction_{n-1}` gives (Bybit's own
// definition of the deduction, see venue-mechanics), with a note.

import type { Tier } from '../../../domain/tier.js';
import type { VenueName } from '../../../domain/venue-name.js';
import { listRecords } from '../document-records.js';
import type { ExportFormat } from '../export-format.js';
import { fieldIssue, recordIssue, type ExportRecord } from '../export-record.js';
import { addExportTierTable, isoDateOfMillis } from '../export-tier-table.js';
import { readNumber, readText } from '../field-values.js';
import type { ImportSink } from '../import-sink.js';
import { firstObject, hasKeys, headerHas, memberAt } from '../json-shape.js';
import { bybitContract, bybitEnvelope, isBybitResponse } from './bybit-common.js';

/** How far `initialMargin * maxLeverage` may sit from 1 (fractions) or 100 (percents). */
const UNIT_TOLERANCE = 0.05;

interface RiskLimitRow {
  readonly record: ExportRecord;
  readonly cap: number;
  readonly maintenanceRate: number;
  readonly initialRate: number;
  readonly maxLeverage: number;
  /** null: `mmDeduction` empty. */
  readonly deduction: number | null;
}

function readRow(record: ExportRecord, sink: ImportSink): RiskLimitRow | null {
  const ctx = sink.forAccount(undefined);
  const before = sink.issueCount;
  const cap = readNumber(record, 'riskLimitValue', ctx, { required: 'risk limit value', sign: 'positive' });
  const maintenanceRate = readNumber(record, 'maintenanceMargin', ctx, { required: 'maintenance margin rate', sign: 'non-negative' });
  const initialRate = readNumber(record, 'initialMargin', ctx, { required: 'initial margin rate', sign: 'positive' });
  const maxLeverage = readNumber(record, 'maxLeverage', ctx, { required: 'max leverage', sign: 'positive' });
  const deduction = readNumber(record, 'mmDeduction', ctx, { sign: 'non-negative' });
  if (sink.issueCount > before || cap === null || maintenanceRate === null || initialRate === null || maxLeverage === null) return null;
  return { record, cap, maintenanceRate, initialRate, maxLeverage, deduction };
}

/** 1 when the rates are fractions, 100 when percents, null (with an issue) when neither. */
function rateUnit(row: RiskLimitRow, sink: ImportSink): number | null {
  const product = row.initialRate * row.maxLeverage;
  if (Math.abs(product - 1) <= UNIT_TOLERANCE) return 1;
  if (Math.abs(product - 100) <= 100 * UNIT_TOLERANCE) return 100;
  sink.addIssue(
    fieldIssue(row.record, 'initialMargin', 'inconsistent', `cannot tell fractions from percents: initialMargin × maxLeverage is ${product}, neither 1 nor 100`, row.record.shown('initialMargin')),
  );
  return null;
}

function symbolTable(symbol: string, rows: RiskLimitRow[], venue: VenueName, sink: ImportSink, snapshotDate: string): void {
  rows.sort((a, b) => a.cap - b.cap);
  const unit = rateUnit(rows[0]!, sink);
  if (unit === null) return;
  const tiers: Tier[] = [];
  let derived = false;
  rows.forEach((row, k) => {
    const previous = tiers[k - 1];
    const rate = row.maintenanceRate / unit;
    let amount = row.deduction;
    if (amount === null) {
      amount = previous === undefined ? 0 : previous.maintenanceAmount + previous.cap * (rate - previous.maintenanceMarginRate);
      if (previous !== undefined) derived = true;
    }
    tiers.push({
      floor: previous?.cap ?? 0,
      cap: row.cap,
      maintenanceMarginRate: rate,
      maintenanceAmount: amount,
      maxLeverage: row.maxLeverage,
      initialMarginRate: row.initialRate / unit,
      liquidationFeeRate: null,
    });
  });
  if (derived) sink.noteEach(rows[0]!.record.file, "mmDeduction empty beyond the first tier, derived by Bybit's deduction recursion", symbol);
  addExportTierTable(sink, { venue, symbol, measure: 'notional', tiers, endpoint: 'GET /v5/market/risk-limit', snapshotDate, record: rows[0]!.record });
}

export const bybitRiskLimit: ExportFormat = {
  name: 'bybit-risk-limit',
  family: 'bybit',
  stage: 0,
  matchesJson: (root) => {
    const first = firstObject(isBybitResponse(root) ? memberAt(root, ['result', 'list']) : root);
    return hasKeys(first, 'riskLimitValue', 'maintenanceMargin') && !hasKeys(first, 'side');
  },
  matchesCsvHeader: (header) => headerHas(header, 'symbol', 'riskLimitValue', 'maintenanceMargin') && !headerHas(header, 'side'),
  read(doc, sink) {
    const envelope = bybitEnvelope(doc, sink);
    if (doc.kind === 'json' && envelope === null && isBybitResponse(doc.json.value)) return;
    const ctx = sink.forAccount(undefined);
    const bySymbol = new Map<string, { venue: VenueName; rows: RiskLimitRow[] }>();
    /** Symbols with a row that could not be read: their table would have a hole, so none is kept. */
    const incomplete = new Set<string>();
    for (const record of listRecords(doc, sink, ['result', 'list'], 'risk limits')) {
      const symbol = readText(record, 'symbol', ctx, 'symbol');
      if (symbol === null) continue;
      const contract = bybitContract(symbol, envelope?.category ?? null);
      if (contract === null) {
        sink.addIssue(recordIssue(record, 'unsupported', `${symbol}: not a linear or inverse contract (category ${envelope?.category ?? 'unknown'})`));
        continue;
      }
      const key = symbol.toUpperCase();
      const row = readRow(record, sink);
      if (row === null) {
        incomplete.add(key);
        continue;
      }
      const entry = bySymbol.get(key) ?? { venue: contract.venue, rows: [] };
      entry.rows.push(row);
      bySymbol.set(key, entry);
    }
    const date = isoDateOfMillis(envelope?.timeMillis ?? null);
    for (const [symbol, { venue, rows }] of bySymbol) {
      if (!incomplete.has(symbol)) symbolTable(symbol, rows, venue, sink, date);
    }
  },
};
