// Turns the user's options and a calibration into the numbers a Monte Carlo model needs for the
// assets of a book: one volatility per asset, a valid correlation matrix, the Student-t df.
// Unknown symbols come back as Issues naming them, never as exceptions.

import type { Issue } from '../../domain/issue.js';
import { symbolAssets } from '../../domain/symbol-assets.js';
import { constantCorrelation, constantCorrelationProblems } from '../correlation/constant-correlation.js';
import { nearestCorrelation } from '../correlation/nearest-correlation.js';
import { parseFiniteNumber } from '../text/parse-number.js';
import type { Calibration } from './calibration.js';
import { kurtosisAtStep, studentTDfFromKurtosis } from './tail-thickness.js';
import { MAX_ANNUAL_VOL } from './volatility.js';

/** The base asset of a symbol (`BTCUSDT`, `BTC-USDT-SWAP`, `BTCUSD_PERP`, `BTC` → `BTC`). */
export function baseAssetOf(symbol: string): string {
  return symbolAssets(symbol, 'linear', 'USD').baseAsset;
}

/**
 * The key of `symbol` in `keys`: the same symbol (case-insensitive), else a key with the same base
 * asset (`BTCUSDT` finds `BTC`, `BTC` finds `BTCUSDT`). Undefined when none matches.
 */
export function findSymbolKey(symbol: string, keys: Iterable<string>): string | undefined {
  const upper = symbol.trim().toUpperCase();
  const base = baseAssetOf(upper);
  let byBase: string | undefined;
  for (const key of keys) {
    const k = key.toUpperCase();
    if (k === upper) return key;
    if (byBase === undefined && baseAssetOf(k) === base) byBase = key;
  }
  return byBase;
}

/** One `--vol SYMBOL=ANNUAL_VOL` option: annual vol as a fraction (`0.8`) or percent (`80%`). */
export function parseVolOption(text: string): { symbol: string; volAnnual: number } | Issue {
  const m = /^\s*([^=\s]+)\s*=\s*([^%\s]+)\s*(%?)\s*$/.exec(text);
  const bad = (message: string): Issue => ({ code: 'out-of-range', file: '--vol', line: 0, column: '', message, value: text });
  if (m === null) return bad('expected SYMBOL=ANNUAL_VOL, e.g. BTCUSDT=0.6 or BTCUSDT=60%');
  const value = parseFiniteNumber(m[2]!);
  if (value === null) return bad('the volatility must be a number');
  const volAnnual = m[3] === '%' ? value / 100 : value;
  if (!(volAnnual >= 0) || volAnnual > MAX_ANNUAL_VOL) return bad(`the annual volatility must be in [0, ${MAX_ANNUAL_VOL}] (a fraction; 0.6 = 60 %)`);
  return { symbol: m[1]!.toUpperCase(), volAnnual };
}

interface ResolvedVolatilities {
  readonly volAnnual: number[];
  /** Where each came from: `--vol`, or the calibration key used (e.g. `calibration:BTC`). */
  readonly sources: string[];
  readonly issues: Issue[];
}

/**
 * Volatility for each asset name: a `--vol` override (matched as in `findSymbolKey`) first, else
 * the calibration. An asset with neither is an `unknown-symbol` issue naming it (its volatility is
 * NaN); no asset borrows another's volatility, since understating it understates liquidations.
 */
export function resolveVolatilities(
  assets: readonly string[],
  calibration: Calibration | null,
  overrides: ReadonlyMap<string, number>,
): ResolvedVolatilities {
  const volAnnual: number[] = [];
  const sources: string[] = [];
  const issues: Issue[] = [];
  for (const asset of assets) {
    const overrideKey = findSymbolKey(asset, overrides.keys());
    if (overrideKey !== undefined) {
      volAnnual.push(overrides.get(overrideKey)!);
      sources.push('--vol');
      continue;
    }
    const key = calibration === null ? undefined : findSymbolKey(asset, calibration.symbols.keys());
    if (key !== undefined) {
      volAnnual.push(calibration!.symbols.get(key)!.volAnnual);
      sources.push(`calibration:${key}`);
      continue;
    }
    volAnnual.push(NaN);
    sources.push('');
    issues.push({
      code: 'unknown-symbol',
      file: '--vol',
      line: 0,
      column: '',
      message: `no volatility for ${asset}: it is not in the calibration; give one with --vol ${asset}=ANNUAL_VOL or --history`,
      value: asset,
    });
  }
  return { volAnnual, sources, issues };
}

/** Where the correlation comes from. */
export type CorrelationSource =
  | { readonly kind: 'constant'; readonly rho: number }
  | { readonly kind: 'matrix'; readonly symbols: readonly string[]; readonly values: readonly (readonly number[])[]; readonly label: string }
  | { readonly kind: 'calibration'; readonly calibration: Calibration };

interface ResolvedCorrelation {
  /** Valid, positive definite correlation of the assets, in their order. */
  readonly values: number[][];
  readonly notes: string[];
  readonly issues: Issue[];
}

/**
 * The correlation matrix of `assets` from a source. For a matrix or a calibration, each asset is
 * matched to a row by `findSymbolKey`; a pair involving an asset the source does not list gets the
 * mean off-diagonal correlation of the source (crypto assets move together; 0 would overstate
 * diversification), with a note naming the asset. The result is repaired to the nearest valid
 * matrix when needed (noted). A constant rho outside [-1/(n-1), 1] is an issue.
 */
export function resolveCorrelation(assets: readonly string[], source: CorrelationSource): ResolvedCorrelation {
  const n = assets.length;
  const notes: string[] = [];
  const issues: Issue[] = [];
  if (source.kind === 'constant') {
    const problems = constantCorrelationProblems(n, source.rho);
    for (const message of problems) issues.push({ code: 'out-of-range', file: '--corr', line: 0, column: '', message, value: String(source.rho) });
    return { values: constantCorrelation(n, problems.length > 0 ? 0 : source.rho), notes, issues };
  }
  const symbols = source.kind === 'matrix' ? source.symbols : source.calibration.correlation.symbols;
  const values = source.kind === 'matrix' ? source.values : source.calibration.correlation.values;
  const label = source.kind === 'matrix' ? source.label : 'the calibration';
  let sum = 0;
  let count = 0;
  for (let i = 0; i < symbols.length; i++) {
    for (let j = i + 1; j < symbols.length; j++) {
      sum += values[i]![j]!;
      count++;
    }
  }
  const fallback = count > 0 ? sum / count : 0;
  const index = assets.map((asset) => {
    const key = findSymbolKey(asset, symbols);
    return key === undefined ? -1 : symbols.indexOf(key);
  });
  assets.forEach((asset, k) => {
    if (index[k]! < 0 && n > 1) {
      notes.push(`${asset} is not in ${label}'s correlation matrix: its correlation with every other asset is set to ${fallback.toFixed(3)} (the mean of the matrix)`);
    }
  });
  const out: number[][] = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => {
      if (i === j) return 1;
      const a = index[i]!;
      const b = index[j]!;
      if (a < 0 || b < 0) return fallback;
      return a === b ? 1 : values[a]![b]!;
    }),
  );
  const repaired = nearestCorrelation(out);
  if (!repaired.unchanged) {
    notes.push(`the correlation matrix was not positive definite; repaired to the nearest valid one (Frobenius distance ${repaired.frobeniusDistance.toPrecision(3)})`);
  }
  return { values: repaired.values, notes, issues };
}

/**
 * One Student-t df for a book's assets (the multivariate t shares one mixing variable, hence one
 * df): `--df` if given; else, per calibrated asset, the kurtosis carried from its bar length to the
 * step (`kurtosisAtStep`) and turned into ν (`studentTDfFromKurtosis`); the smallest ν (heaviest
 * tail) wins. Assets without a calibration do not vote; with none at all the default is 4.
 */
export function resolveStudentTDf(assets: readonly string[], calibration: Calibration | null, stepMinutes: number, dfOption?: number): number {
  if (dfOption !== undefined) return dfOption;
  let df = Infinity;
  if (calibration !== null) {
    for (const asset of assets) {
      const key = findSymbolKey(asset, calibration.symbols.keys());
      if (key === undefined) continue;
      const s = calibration.symbols.get(key)!;
      df = Math.min(df, studentTDfFromKurtosis(kurtosisAtStep(s.excessKurtosis, s.barMinutes, stepMinutes)));
    }
  }
  return Number.isFinite(df) ? df : DEFAULT_STUDENT_T_DF;
}

/** df used when nothing calibrates the tails: ν = 4, a common fit for daily crypto and FX returns. */
const DEFAULT_STUDENT_T_DF = 4;
