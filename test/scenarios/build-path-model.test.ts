import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildPathModel } from '../../src/scenarios/build-path-model.js';
import { parseBundledReturnsCsv } from '../../src/scenarios/calibration/bundled-returns.js';
import { parseCalibrationJson } from '../../src/scenarios/calibration/calibration-json.js';
import { allocatePathBuffers } from '../../src/scenarios/models/path-model.js';
import { streamForBlock } from '../../src/scenarios/random/stream-for-block.js';

const dataFile = (name: string): string => readFileSync(new URL(`../../data/calibration/${name}`, import.meta.url), 'utf8');
const calibration = parseCalibrationJson(dataFile('default.json'), 'default.json').calibration!;
const history = parseBundledReturnsCsv(dataFile('returns-1h.csv'), 'returns-1h.csv').history!;
const DAY = 1 / 365;

describe('buildPathModel', () => {
  it('builds gbm from the built-in calibration, matching symbols by base asset', () => {
    const built = buildPathModel({ model: 'gbm', assets: ['BTCUSDT', 'ETHUSDT'], horizonYears: DAY, nSteps: 24, calibration });
    expect(built.issues).toEqual([]);
    expect(built.model!.kind).toBe('gbm');
    expect(built.inputs!.volAnnual).toEqual([calibration.symbols.get('BTC')!.volAnnual, calibration.symbols.get('ETH')!.volAnnual]);
    expect(built.inputs!.volSources).toEqual(['calibration:BTC', 'calibration:ETH']);
    const corr = calibration.correlation;
    expect(built.inputs!.correlation[0]![1]).toBe(corr.values[corr.symbols.indexOf('BTC')]![corr.symbols.indexOf('ETH')]);
  });

  it('names an asset without a volatility, and accepts it with --vol', () => {
    const missing = buildPathModel({ model: 'gbm', assets: ['BTCUSDT', 'PEPEUSDT'], horizonYears: DAY, nSteps: 24, calibration });
    expect(missing.model).toBeNull();
    expect(missing.issues.map((i) => i.value)).toEqual(['PEPEUSDT']);
    const given = buildPathModel({ model: 'gbm', assets: ['BTCUSDT', 'PEPEUSDT'], horizonYears: DAY, nSteps: 24, calibration, volOverrides: new Map([['PEPEUSDT', 1.5]]) });
    expect(given.issues).toEqual([]);
    expect(given.notes[0]).toMatch(/PEPEUSDT is not in the calibration's correlation matrix/);
  });

  it('takes the heaviest calibrated tail for student-t at the step length, or --df', () => {
    const hourly = buildPathModel({ model: 'student-t', assets: ['BTCUSDT', 'ETHUSDT'], horizonYears: DAY, nSteps: 24, calibration });
    expect(hourly.inputs!.df).toBeCloseTo(calibration.symbols.get('ETH')!.studentTDf, 4);
    const given = buildPathModel({ model: 'student-t', assets: ['BTCUSDT'], horizonYears: DAY, nSteps: 24, calibration, df: 3 });
    expect(given.inputs!.df).toBe(3);
    expect(buildPathModel({ model: 'student-t', assets: ['BTCUSDT'], horizonYears: DAY, nSteps: 24, calibration, df: 2 }).issues[0]!.file).toBe('--df');
  });

  it('builds the bootstrap from the built-in hourly returns, with the history volatility', () => {
    const built = buildPathModel({ model: 'bootstrap', assets: ['SOLUSDT', 'BTCUSDT'], horizonYears: DAY, nSteps: 24, calibration, bootstrapHistory: history });
    expect(built.issues).toEqual([]);
    expect(built.inputs!.volAnnual[0]).toBeCloseTo(calibration.symbols.get('SOL')!.volAnnual, 3);
    const { logReturns, stepVarianceScale } = allocatePathBuffers(built.model!);
    built.model!.fillPath(streamForBlock(1, 0), logReturns, stepVarianceScale);
    expect(logReturns.every(Number.isFinite)).toBe(true);
    const missing = buildPathModel({ model: 'bootstrap', assets: ['PEPEUSDT'], horizonYears: DAY, nSteps: 24, calibration, bootstrapHistory: history });
    expect(missing.issues[0]).toMatchObject({ code: 'unknown-symbol', value: 'PEPEUSDT' });
  });

  it('uses a constant --corr and reports one that is impossible', () => {
    const built = buildPathModel({ model: 'gbm', assets: ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'], horizonYears: DAY, nSteps: 4, calibration, correlation: { kind: 'constant', rho: 0.9 } });
    expect(built.inputs!.correlation[1]![2]).toBe(0.9);
    const bad = buildPathModel({ model: 'gbm', assets: ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'], horizonYears: DAY, nSteps: 4, calibration, correlation: { kind: 'constant', rho: -0.8 } });
    expect(bad.model).toBeNull();
    expect(bad.issues[0]!.file).toBe('--corr');
  });
});
