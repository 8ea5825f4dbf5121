// The calibration file format (`data/calibration/default.json`, the built-in calibration of known
// symbols): parsed from text here, read from disk by the io layer.
//
// Shape (schema "marginscope/calibration@1"):
//   { "schema": "marginscope/calibration@1",
//     "provenance": { free-form: sources, window, method, derivation date },
//     "symbols": { "BTC": { "volAnnual": 0.45, "excessKurtosis": 12.3, "studentTDf": 4.49,
//                           "barMinutes": 60, "nReturns": 17519,
//                           "first": "2024-01-06T00:00:00Z", "last": "2026-01-06T00:00:00Z" }, … },
//     "correlation": { "symbols": ["BTC", …], "values": [[1, 0.8, …], …] } }

import type { Issue } from '../../domain/issue.js';
import { validateCorrelation } from '../correlation/correlation-matrix.js';
import { nearestCorrelation } from '../correlation/nearest-correlation.js';
import { formatTimestampMs, parseTimestampMs } from '../text/parse-timestamp.js';
import type { Calibration, SymbolCalibration } from './calibration.js';

const CALIBRATION_SCHEMA = 'marginscope/calibration@1';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parse a calibration file. Every problem comes back as an Issue whose `column` is the JSON path
 * (e.g. `symbols.BTC.volAnnual`); the calibration is null when any problem was found. A correlation
 * matrix that is valid but not positive definite is repaired (`nearestCorrelation`) with a note.
 */
export function parseCalibrationJson(text: string, fileName: string): { calibration: Calibration | null; issues: Issue[] } {
  const issues: Issue[] = [];
  const problem = (column: string, message: string, value?: unknown): void => {
    issues.push({ code: 'malformed-json', file: fileName, line: 0, column, message, ...(value === undefined ? {} : { value: JSON.stringify(value) }) });
  };
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (error) {
    problem('', `not valid JSON (${(error as Error).message})`);
    return { calibration: null, issues };
  }
  if (!isRecord(root)) {
    problem('', 'the top level must be an object');
    return { calibration: null, issues };
  }
  if (root['schema'] !== CALIBRATION_SCHEMA) problem('schema', `must be "${CALIBRATION_SCHEMA}"`, root['schema']);
  const symbols = new Map<string, SymbolCalibration>();
  const rawSymbols = root['symbols'];
  if (!isRecord(rawSymbols)) {
    problem('symbols', 'must be an object keyed by symbol');
  } else {
    for (const [key, raw] of Object.entries(rawSymbols)) {
      const path = `symbols.${key}`;
      if (!isRecord(raw)) {
        problem(path, 'must be an object');
        continue;
      }
      const num = (field: string, check: (v: number) => boolean, rule: string): number => {
        const v = raw[field];
        if (typeof v !== 'number' || !Number.isFinite(v) || !check(v)) {
          problem(`${path}.${field}`, `must be a number ${rule}`, v);
          return NaN;
        }
        return v;
      };
      const time = (field: string): number => {
        const v = raw[field];
        const ms = typeof v === 'string' ? parseTimestampMs(v) : null;
        if (ms === null) {
          problem(`${path}.${field}`, 'must be an ISO-8601 timestamp', v);
          return NaN;
        }
        return ms;
      };
      const entry: SymbolCalibration = {
        symbol: key.toUpperCase(),
        volAnnual: num('volAnnual', (v) => v > 0, '> 0'),
        excessKurtosis: num('excessKurtosis', () => true, ''),
        studentTDf: num('studentTDf', (v) => v > 2, '> 2'),
        barMinutes: num('barMinutes', (v) => v > 0, '> 0'),
        nReturns: num('nReturns', (v) => Number.isInteger(v) && v >= 0, '(a whole number >= 0)'),
        firstMs: time('first'),
        lastMs: time('last'),
      };
      symbols.set(entry.symbol, entry);
    }
  }
  let correlation = { symbols: [] as string[], values: [] as number[][] };
  const notes: string[] = [];
  const rawCorrelation = root['correlation'];
  if (!isRecord(rawCorrelation) || !Array.isArray(rawCorrelation['symbols']) || !Array.isArray(rawCorrelation['values'])) {
    problem('correlation', 'must be an object with "symbols" and "values" arrays');
  } else {
    const names = (rawCorrelation['symbols'] as unknown[]).map((s) => (typeof s === 'string' ? s.toUpperCase() : ''));
    const values = (rawCorrelation['values'] as unknown[]).map((row) => (Array.isArray(row) ? row.map((v) => (typeof v === 'number' ? v : NaN)) : []));
    if (names.some((s) => s === '')) problem('correlation.symbols', 'must be strings');
    if (values.length !== names.length) problem('correlation.values', `must have one row per symbol (${names.length})`);
    else {
      const matrixProblems = validateCorrelation(values, names);
      for (const message of matrixProblems) problem('correlation.values', message);
      if (matrixProblems.length === 0) {
        const repaired = nearestCorrelation(values);
        if (!repaired.unchanged) notes.push(`${fileName}: correlation repaired to the nearest positive definite matrix`);
        correlation = { symbols: names, values: repaired.values };
      }
    }
  }
  if (issues.length > 0) return { calibration: null, issues };
  return { calibration: { symbols, correlation, notes }, issues };
}

/** Round to `digits` significant digits for a stable, readable file. */
function round(value: number, digits: number): number {
  return Number(value.toPrecision(digits));
}

/** The file text for `calibration` (inverse of `parseCalibrationJson`), with free-form `provenance`. */
export function serializeCalibrationJson(calibration: Calibration, provenance: Record<string, unknown>): string {
  const symbols: Record<string, unknown> = {};
  for (const [key, s] of calibration.symbols) {
    symbols[key] = {
      volAnnual: round(s.volAnnual, 6),
      excessKurtosis: round(s.excessKurtosis, 6),
      studentTDf: round(s.studentTDf, 6),
      barMinutes: s.barMinutes,
      nReturns: s.nReturns,
      first: formatTimestampMs(s.firstMs),
      last: formatTimestampMs(s.lastMs),
    };
  }
  const document = {
    schema: CALIBRATION_SCHEMA,
    provenance,
    symbols,
    correlation: {
      symbols: calibration.correlation.symbols,
      values: calibration.correlation.values.map((row) => row.map((v) => round(v, 6))),
    },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
