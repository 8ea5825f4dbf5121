import { describe, expect, it } from 'vitest';
import type { Calibration, SymbolCalibration } from '../../../src/scenarios/calibration/calibration.js';
import {
  baseAssetOf,
  findSymbolKey,
  parseVolOption,
  resolveCorrelation,
  resolveStudentTDf,
  resolveVolatilities,
} from '../../../src/scenarios/calibration/resolve-model-inputs.js';

function symbol(name: string, volAnnual: number, excessKurtosis: number): SymbolCalibration {
  return { symbol: name, volAnnual, excessKurtosis, studentTDf: 4 + 6 / excessKurtosis, barMinutes: 60, nReturns: 1000, firstMs: 0, lastMs: 1 };
}

const calibration: Calibration = {
  symbols: new Map([
    ['BTC', symbol('BTC', 0.5, 10)],
    ['ETH', symbol('ETH', 0.7, 20)],
  ]),
  correlation: { symbols: ['BTC', 'ETH'], values: [[1, 0.8], [0.8, 1]] },
  notes: [],
};

describe('symbol matching', () => {
  it('matches by symbol, then by base asset, across venue spellings', () => {
    expect(baseAssetOf('BTC-USDT-SWAP')).toBe('BTC');
    expect(findSymbolKey('btcusdt', ['ETH', 'BTC'])).toBe('BTC');
    expect(findSymbolKey('BTCUSD_PERP', ['BTCUSDT'])).toBe('BTCUSDT');
    expect(findSymbolKey('ETHUSDT', ['ETHUSDT', 'ETH'])).toBe('ETHUSDT');
    expect(findSymbolKey('PEPEUSDT', ['BTC', 'ETH'])).toBeUndefined();
  });
});

describe('parseVolOption', () => {
  it('reads fractions and percentages', () => {
    expect(parseVolOption('btcusdt=0.6')).toEqual({ symbol: 'BTCUSDT', volAnnual: 0.6 });
    expect(parseVolOption('SOLUSDT = 95%')).toEqual({ symbol: 'SOLUSDT', volAnnual: 0.95 });
  });

  it('explains a malformed option', () => {
    expect(parseVolOption('BTCUSDT')).toMatchObject({ file: '--vol', value: 'BTCUSDT' });
    expect(parseVolOption('BTCUSDT=fast')).toMatchObject({ message: 'the volatility must be a number' });
    expect(parseVolOption('BTCUSDT=-0.1')).toMatchObject({ code: 'out-of-range' });
  });
});

describe('resolveVolatilities', () => {
  it('prefers --vol, then the calibration, and names an unknown symbol in an issue', () => {
    const result = resolveVolatilities(['BTCUSDT', 'ETHUSDT', 'PEPEUSDT'], calibration, new Map([['ETH', 0.9]]));
    expect(result.volAnnual.slice(0, 2)).toEqual([0.5, 0.9]);
    expect(Number.isNaN(result.volAnnual[2])).toBe(true);
    expect(result.sources).toEqual(['calibration:BTC', '--vol', '']);
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ code: 'unknown-symbol', value: 'PEPEUSDT' });
    expect(result.issues[0]!.message).toMatch(/no volatility for PEPEUSDT/);
  });

  it('works with no calibration at all', () => {
    const result = resolveVolatilities(['BTCUSDT'], null, new Map());
    expect(result.issues[0]!.value).toBe('BTCUSDT');
  });
});

describe('resolveCorrelation', () => {
  it('builds a constant matrix, or says why rho cannot be one', () => {
    expect(resolveCorrelation(['A', 'B', 'C'], { kind: 'constant', rho: 0.5 }).values[0]).toEqual([1, 0.5, 0.5]);
    const bad = resolveCorrelation(['A', 'B', 'C'], { kind: 'constant', rho: -0.9 });
    expect(bad.issues[0]!.message).toMatch(/at least -1\/\(n-1\)/);
  });

  it('picks rows for the assets and fills unknown ones with the mean correlation, noted', () => {
    const result = resolveCorrelation(['ETHUSDT', 'PEPEUSDT', 'BTCUSDT'], { kind: 'calibration', calibration });
    expect(result.values[0]![2]).toBeCloseTo(0.8, 12);
    expect(result.values[0]![1]).toBeCloseTo(0.8, 12);
    expect(result.notes[0]).toMatch(/PEPEUSDT is not in the calibration's correlation matrix/);
    expect(result.issues).toEqual([]);
  });

  it('repairs a user matrix that is not positive definite and says so', () => {
    const values = [[1, 0.9, -0.9], [0.9, 1, 0.9], [-0.9, 0.9, 1]];
    const result = resolveCorrelation(['A', 'B', 'C'], { kind: 'matrix', symbols: ['A', 'B', 'C'], values, label: 'corr.csv' });
    expect(result.notes.join(' ')).toMatch(/repaired/);
    expect(result.values[0]![0]).toBe(1);
  });
});

describe('resolveStudentTDf', () => {
  it('takes --df, else the heaviest tail among the calibrated assets at the step length', () => {
    expect(resolveStudentTDf(['BTCUSDT'], calibration, 60, 3)).toBe(3);
    // ETH: kurtosis 20 per hour → ν = 4.3 at 60 minutes; at 240 minutes κ = 5 → ν = 5.2.
    expect(resolveStudentTDf(['BTCUSDT', 'ETHUSDT'], calibration, 60)).toBeCloseTo(4.3, 12);
    expect(resolveStudentTDf(['BTCUSDT', 'ETHUSDT'], calibration, 240)).toBeCloseTo(5.2, 12);
    expect(resolveStudentTDf(['PEPEUSDT'], calibration, 60)).toBe(4);
  });
});
