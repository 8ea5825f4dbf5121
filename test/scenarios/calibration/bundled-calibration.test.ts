// The shipped calibration files: they parse, agree with each other, and hold sane values.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBundledReturnsCsv } from '../../../src/scenarios/calibration/bundled-returns.js';
import { parseCalibrationJson, serializeCalibrationJson } from '../../../src/scenarios/calibration/calibration-json.js';
import { choleskyLower } from '../../../src/scenarios/correlation/cholesky.js';
import { correlation, sampleMoments } from '../sample-moments.js';

const dataFile = (name: string): string => readFileSync(new URL(`../../../data/calibration/${name}`, import.meta.url), 'utf8');

describe('data/calibration/default.json', () => {
  const { calibration, issues } = parseCalibrationJson(dataFile('default.json'), 'default.json');

  it('parses without issues and covers the six known symbols', () => {
    expect(issues).toEqual([]);
    expect([...calibration!.symbols.keys()].sort()).toEqual(['BNB', 'BTC', 'DOGE', 'ETH', 'SOL', 'XRP']);
    expect(calibration!.notes).toEqual([]);
  });

  it('holds hourly figures over the stated two-year window', () => {
    for (const s of calibration!.symbols.values()) {
      expect(s.barMinutes).toBe(60);
      expect(s.nReturns).toBe(17_543);
      expect(new Date(s.firstMs).toISOString()).toBe('2024-01-06T01:00:00.000Z');
      expect(new Date(s.lastMs).toISOString()).toBe('2026-01-06T00:00:00.000Z');
      expect(s.studentTDf).toBeCloseTo(4 + 6 / s.excessKurtosis, 4);
    }
    // BTC is the least volatile, DOGE the most, as in every account of these markets.
    const vols = [...calibration!.symbols.values()].sort((a, b) => a.volAnnual - b.volAnnual).map((s) => s.symbol);
    expect(vols[0]).toBe('BTC');
    expect(vols[5]).toBe('DOGE');
  });

  it('has a positive definite correlation matrix', () => {
    expect(() => choleskyLower(calibration!.correlation.values)).not.toThrow();
    expect(calibration!.correlation.symbols).toHaveLength(6);
  });

  it('agrees with the bundled returns it was derived with (vol to 1e-4, correlation to 1e-4)', () => {
    const { history, issues: returnIssues } = parseBundledReturnsCsv(dataFile('returns-1h.csv'), 'returns-1h.csv');
    expect(returnIssues).toEqual([]);
    expect(history!.nBars).toBe(17_543);
    const column = (symbol: string): Float64Array => {
      const c = history!.symbols.indexOf(symbol);
      return history!.logReturns.filter((_, k) => k % history!.symbols.length === c);
    };
    for (const [symbol, s] of calibration!.symbols) {
      const vol = Math.sqrt(sampleMoments(column(symbol)).variance * 365 * 24);
      expect(Math.abs(vol / s.volAnnual - 1)).toBeLessThan(1e-4);
    }
    const names = calibration!.correlation.symbols;
    const i = names.indexOf('BTC');
    const j = names.indexOf('ETH');
    expect(Math.abs(correlation(column('BTC'), column('ETH')) - calibration!.correlation.values[i]![j]!)).toBeLessThan(1e-4);
  });
});

describe('parseCalibrationJson', () => {
  it('round-trips through serializeCalibrationJson', () => {
    const original = parseCalibrationJson(dataFile('default.json'), 'default.json').calibration!;
    const again = parseCalibrationJson(serializeCalibrationJson(original, { note: 'test' }), 'x.json').calibration!;
    expect(again.symbols.get('ETH')).toEqual(original.symbols.get('ETH'));
    expect(again.correlation).toEqual(original.correlation);
  });

  it('reports every problem with its JSON path', () => {
    const text = JSON.stringify({
      schema: 'marginscope/calibration@2',
      symbols: { BTC: { volAnnual: -1, excessKurtosis: 3, studentTDf: 6, barMinutes: 60, nReturns: 10, first: 'x', last: '2024-01-01' } },
      correlation: { symbols: ['BTC'], values: [[1]] },
    });
    const { calibration, issues } = parseCalibrationJson(text, 'cal.json');
    expect(calibration).toBeNull();
    expect(issues.map((i) => i.column)).toEqual(['schema', 'symbols.BTC.volAnnual', 'symbols.BTC.first']);
  });

  it('reports text that is not JSON', () => {
    expect(parseCalibrationJson('{', 'cal.json').issues[0]!.message).toMatch(/not valid JSON/);
  });
});

describe('parseBundledReturnsCsv', () => {
  it('reads millionths of log return per hour', () => {
    const { history, issues } = parseBundledReturnsCsv('bar_end_epoch_hours,BTC,ETH\n10,1000,-2000\n12,0,5\n', 'r.csv');
    expect(issues).toEqual([]);
    expect(Array.from(history!.logReturns)).toEqual([0.001, -0.002, 0, 5e-6]);
    expect(Array.from(history!.barEndMs)).toEqual([36_000_000, 43_200_000]);
    expect(history!.barMinutes).toBe(60);
  });

  it('reports a wrong header, hours out of order and bad numbers', () => {
    expect(parseBundledReturnsCsv('hour,BTC\n1,2\n', 'r.csv').issues[0]!.column).toBe('bar_end_epoch_hours');
    const { issues } = parseBundledReturnsCsv('bar_end_epoch_hours,BTC\n5,1\n5,2\n6,x\n', 'r.csv');
    expect(issues.map((i) => [i.line, i.column])).toEqual([
      [3, 'bar_end_epoch_hours'],
      [4, 'BTC'],
    ]);
  });
});
