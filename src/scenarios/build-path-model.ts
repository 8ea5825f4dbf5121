// The one place path models are built: from the user's simulate options to a ready PathModel
// and the spec it was built from (what worker threads rebuild it with). Resolves volatilities,
// correlation and tails for the book's assets, repairs and factors the correlation, and builds
// the requested model. Problems come back as Issues (unknown symbols named), notes as plain words.

import type { Issue } from '../domain/issue.js';
import type { Calibration } from './calibration/calibration.js';
import {
  findSymbolKey,
  resolveCorrelation,
  resolveStudentTDf,
  resolveVolatilities,
  type CorrelationSource,
} from './calibration/resolve-model-inputs.js';
import { choleskyLower } from './correlation/cholesky.js';
import { identityCorrelation } from './correlation/correlation-matrix.js';
import type { PathModel, PathModelKind } from './models/path-model.js';
import { createPathModel, type PathModelSpec } from './models/path-model-spec.js';
import { MINUTES_PER_YEAR, type ReturnHistory } from './models/return-history.js';

export interface PathModelRequest {
  readonly model: PathModelKind;
  /** One name per price factor of the book (symbols or base assets; `BTCUSDT` matches `BTC`). */
  readonly assets: readonly string[];
  readonly horizonYears: number;
  readonly nSteps: number;
  /** The calibration in force: from `--history`, else the built-in one; null if none. */
  readonly calibration: Calibration | null;
  /** `--vol SYMBOL=VOL` options. */
  readonly volOverrides?: ReadonlyMap<string, number>;
  /** `--corr`; default: the calibration's correlation (identity without a calibration). */
  readonly correlation?: CorrelationSource;
  /** `--df` for student-t; default from the calibration (`resolveStudentTDf`). */
  readonly df?: number;
  /** Return history for the bootstrap (from `--history`, else the built-in hourly returns). */
  readonly bootstrapHistory?: ReturnHistory | null;
  readonly meanBlockBars?: number;
}

/** What the model was built from, for echoing in results. */
export interface PathModelInputs {
  readonly volAnnual: readonly number[];
  readonly volSources: readonly string[];
  readonly correlation: readonly (readonly number[])[];
  /** Student-t degrees of freedom used (student-t only). */
  readonly df: number | null;
}

export interface BuiltPathModel {
  readonly model: PathModel | null;
  /** What `model` was built from (null with it): the spec worker threads rebuild it with. */
  readonly spec: PathModelSpec | null;
  readonly inputs: PathModelInputs | null;
  readonly issues: Issue[];
  readonly notes: string[];
}

/**
 * Build the Monte Carlo model for `request`. Steps are `horizonYears / nSteps` long. The gbm and
 * student-t models need a volatility for every asset (an asset without one is an issue naming it);
 * the bootstrap needs every asset in the return history (likewise). The correlation is repaired to
 * the nearest positive definite matrix when needed and factored once here.
 */
export function buildPathModel(request: PathModelRequest): BuiltPathModel {
  const { assets, nSteps, horizonYears, calibration } = request;
  const dtYears = horizonYears / nSteps;
  const issues: Issue[] = [];
  const notes: string[] = [];
  if (assets.length === 0) return { model: null, spec: null, inputs: null, issues, notes: ['no assets to simulate'] };

  if (request.model === 'bootstrap') {
    const history = request.bootstrapHistory ?? null;
    if (history === null) {
      issues.push({ code: 'missing-value', file: '--history', line: 0, column: '', message: 'the bootstrap model needs a price history (--history)' });
      return { model: null, spec: null, inputs: null, issues, notes };
    }
    const columns: number[] = [];
    for (const asset of assets) {
      const key = findSymbolKey(asset, history.symbols);
      if (key === undefined) {
        issues.push({
          code: 'unknown-symbol',
          file: '--history',
          line: 0,
          column: 'symbol',
          message: `no return history for ${asset} to bootstrap from; add it to --history or use --model gbm with --vol ${asset}=VOL`,
          value: asset,
        });
      } else columns.push(history.symbols.indexOf(key));
    }
    if (issues.length > 0) return { model: null, spec: null, inputs: null, issues, notes };
    const spec: PathModelSpec = { kind: 'bootstrap', spec: { history, columns, nSteps, dtYears, ...(request.meanBlockBars === undefined ? {} : { meanBlockBars: request.meanBlockBars }) } };
    const model = createPathModel(spec);
    const volAnnual = Array.from(model.stepVariance, (v) => Math.sqrt(v / dtYears));
    return {
      model,
      spec,
      inputs: { volAnnual, volSources: columns.map((c) => `history:${history.symbols[c]!}`), correlation: [], df: null },
      issues,
      notes,
    };
  }

  const vols = resolveVolatilities(assets, calibration, request.volOverrides ?? new Map());
  issues.push(...vols.issues);
  const source: CorrelationSource | null = request.correlation ?? (calibration === null ? null : { kind: 'calibration', calibration });
  let correlation: number[][];
  if (source === null) {
    correlation = identityCorrelation(assets.length);
    if (assets.length > 1) notes.push('no correlation given and no calibration: assets simulated as independent');
  } else {
    const resolved = resolveCorrelation(assets, source);
    issues.push(...resolved.issues);
    notes.push(...resolved.notes);
    correlation = resolved.values;
  }
  if (issues.length > 0) return { model: null, spec: null, inputs: null, issues, notes };
  const choleskyFactor = choleskyLower(correlation);
  if (request.model === 'gbm') {
    const spec: PathModelSpec = { kind: 'gbm', spec: { volAnnual: vols.volAnnual, choleskyFactor, nSteps, dtYears } };
    return {
      model: createPathModel(spec),
      spec,
      inputs: { volAnnual: vols.volAnnual, volSources: vols.sources, correlation, df: null },
      issues,
      notes,
    };
  }
  const df = resolveStudentTDf(assets, calibration, dtYears * MINUTES_PER_YEAR, request.df);
  if (!(df > 2) || !Number.isFinite(df)) {
    issues.push({ code: 'out-of-range', file: '--df', line: 0, column: '', message: 'Student-t degrees of freedom must be > 2', value: String(df) });
    return { model: null, spec: null, inputs: null, issues, notes };
  }
  const spec: PathModelSpec = { kind: 'student-t', spec: { volAnnual: vols.volAnnual, choleskyFactor, df, nSteps, dtYears } };
  return {
    model: createPathModel(spec),
    spec,
    inputs: { volAnnual: vols.volAnnual, volSources: vols.sources, correlation, df },
    issues,
    notes,
  };
}
