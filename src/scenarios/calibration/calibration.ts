// What the Monte Carlo models need per symbol (volatility, tail thickness) and across symbols
// (correlation), estimated from a price history.

import type { Issue } from '../../domain/issue.js';
import { historyCorrelation } from './history-correlation.js';
import { barIntervalMinutes, timedLogReturns } from './log-returns.js';
import type { PriceHistory, PriceSeries } from './price-history.js';
import { excessKurtosis, studentTDfFromKurtosis } from './tail-thickness.js';
import { annualizedVolatility, MAX_ANNUAL_VOL, standardizedReturns } from './volatility.js';

export interface SymbolCalibration {
  readonly symbol: string;
  /** Annualised volatility of log returns (365-day year). */
  readonly volAnnual: number;
  /** Excess kurtosis of the returns at the bar length `barMinutes` (0 for normal tails). */
  readonly excessKurtosis: number;
  /** Student-t degrees of freedom matching that kurtosis at the bar length (`studentTDfFromKurtosis`). */
  readonly studentTDf: number;
  /** Bar length of the history the figures come from. */
  readonly barMinutes: number;
  readonly nReturns: number;
  /** Epoch ms of the first and last close used. */
  readonly firstMs: number;
  readonly lastMs: number;
}

interface CorrelationEstimate {
  readonly symbols: string[];
  /** Valid (positive definite) correlation matrix. */
  readonly values: number[][];
}

export interface Calibration {
  /** Keyed by symbol as calibrated (upper case): `BTC` in the built-in file, or as the history named it. */
  readonly symbols: ReadonlyMap<string, SymbolCalibration>;
  readonly correlation: CorrelationEstimate;
  /** Plain-words notes on the estimation (pairs without overlap, matrix repair). */
  readonly notes: readonly string[];
}

/** Fewest returns for a symbol to be calibrated. */
const MIN_RETURNS_FOR_CALIBRATION = 30;

/** One symbol's volatility and tails from its closes (see `annualizedVolatility`, `excessKurtosis`). */
export function calibrateSeries(series: PriceSeries): SymbolCalibration {
  const returns = timedLogReturns(series);
  const vol = annualizedVolatility(returns);
  const kurtosis = excessKurtosis(standardizedReturns(returns, vol.driftAnnual));
  return {
    symbol: series.symbol,
    volAnnual: vol.volAnnual,
    excessKurtosis: kurtosis,
    studentTDf: studentTDfFromKurtosis(kurtosis),
    barMinutes: barIntervalMinutes(series.timesMs),
    nReturns: vol.nReturns,
    firstMs: series.timesMs[0] ?? NaN,
    lastMs: series.timesMs[series.timesMs.length - 1] ?? NaN,
  };
}

/**
 * Calibrate every symbol of `history` with at least 30 returns and an annual volatility up to
 * `MAX_ANNUAL_VOL` (others become issues, `file` naming the history), and the correlation of those
 * symbols (`historyCorrelation`).
 */
export function calibrateFromHistory(history: PriceHistory, fileName: string): { calibration: Calibration; issues: Issue[] } {
  const issues: Issue[] = [];
  const symbols = new Map<string, SymbolCalibration>();
  const used: PriceSeries[] = [];
  for (const [symbol, series] of [...history].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const result = calibrateSeries(series);
    if (!(result.nReturns >= MIN_RETURNS_FOR_CALIBRATION) || !Number.isFinite(result.volAnnual)) {
      issues.push({
        code: 'inconsistent',
        file: fileName,
        line: 0,
        column: 'symbol',
        message: `too little history for ${symbol} to calibrate (${result.nReturns} returns, at least ${MIN_RETURNS_FOR_CALIBRATION} needed)`,
        value: symbol,
      });
      continue;
    }
    if (result.volAnnual > MAX_ANNUAL_VOL) {
      const percent = Math.round(result.volAnnual * 100).toLocaleString('en-US');
      issues.push({
        code: 'out-of-range',
        file: fileName,
        line: 0,
        column: 'symbol',
        message:
          `the volatility calibrated for ${symbol} is ${result.volAnnual.toPrecision(4)} (${percent} %/yr), above ${MAX_ANNUAL_VOL} (the most --vol accepts); ` +
          `check its closes (a split, a unit change, a bad tick), or leave it out of the history and give --vol ${symbol}=ANNUAL_VOL`,
        value: symbol,
      });
      continue;
    }
    symbols.set(symbol, result);
    used.push(series);
  }
  const correlation = historyCorrelation(used);
  return {
    calibration: { symbols, correlation: { symbols: correlation.symbols, values: correlation.values }, notes: correlation.notes },
    issues,
  };
}
