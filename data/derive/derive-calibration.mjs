// Derives the built-in calibration (data/calibration/default.json) and the built-in bootstrap
// history (data/calibration/returns-1h.csv) from Binance hourly closes. Run by hand, from the
// repository root, after compiling (the estimators are the library's own, from the build):
//
//   npm run build            # or: npx tsc -p tsconfig.build.json
//   node data/derive/derive-calibration.mjs PRICES_DIR [DERIVED_ON]
//
// PRICES_DIR holds the source bar files `{BTC,ETH,SOL,BNB,XRP,DOGE}USDT_1h.csv` (header
// `timestamp,open,high,low,close,volume`, timestamp = bar open, ISO-8601 UTC; provenance in
// data/README.md). DERIVED_ON (YYYY-MM-DD) is recorded as the derivation date; default today.
// Each bar's close is dated at the bar's end (open + 1 hour). Window: closes of the bars that open
// in [WINDOW_START, WINDOW_END), i.e. the last two years (731 days, 2024 being a leap year) common to all six files.
// Set MARGINSCOPE_BUILD to another build directory to use a build outside dist/.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const WINDOW_START = '2024-01-06T00:00:00Z';
const WINDOW_END = '2026-01-06T00:00:00Z';
const SYMBOLS = ['BTC', 'ETH', 'SOL', 'BNB', 'XRP', 'DOGE'];
const FILES = Object.fromEntries(SYMBOLS.map((s) => [s, `${s}USDT_1h.csv`]));

const pricesDir = process.argv[2];
if (pricesDir === undefined) {
  console.error('usage: node data/derive/derive-calibration.mjs PRICES_DIR [DERIVED_ON]');
  process.exit(2);
}
const derivedOn = process.argv[3] ?? new Date().toISOString().slice(0, 10);
const build = process.env.MARGINSCOPE_BUILD !== undefined ? pathToFileURL(`${process.env.MARGINSCOPE_BUILD}/`) : new URL('../../dist/', import.meta.url);
const lib = async (path) => import(new URL(path, build).href);
const { parsePriceHistoryCsv } = await lib('src/scenarios/calibration/price-history.js');
const { calibrateFromHistory } = await lib('src/scenarios/calibration/calibration.js');
const { serializeCalibrationJson } = await lib('src/scenarios/calibration/calibration-json.js');
const { alignedReturnHistory } = await lib('src/scenarios/calibration/aligned-return-history.js');
const { BUNDLED_RETURN_UNIT } = await lib('src/scenarios/calibration/bundled-returns.js');

const startMs = Date.parse(WINDOW_START);
const endMs = Date.parse(WINDOW_END);
const HOUR = 3_600_000;

// Long-format text `timestamp,symbol,close` (close dated at the bar end) for the window.
const lines = ['timestamp,symbol,close'];
for (const symbol of SYMBOLS) {
  const rows = readFileSync(join(pricesDir, FILES[symbol]), 'utf8').trim().split('\n').slice(1);
  for (const row of rows) {
    const [timestamp, , , , close] = row.split(',');
    const openMs = Date.parse(timestamp);
    if (openMs >= startMs && openMs < endMs) lines.push(`${new Date(openMs + HOUR).toISOString()},${symbol},${close}`);
  }
}
const parsed = parsePriceHistoryCsv(lines.join('\n'), 'window');
if (parsed.issues.length > 0) throw new Error(`unexpected issues: ${JSON.stringify(parsed.issues.slice(0, 3))}`);
const { calibration, issues } = calibrateFromHistory(parsed.history, 'window');
if (issues.length > 0) throw new Error(`unexpected issues: ${JSON.stringify(issues)}`);

const provenance = {
  description:
    'Built-in calibration of the Monte Carlo models for known symbols: volatility, tails and correlation of hourly log returns over the two years to 2026-01-06.',
  sourceFiles: Object.values(FILES),
  market: 'Binance spot XXXUSDT, hourly klines (close of each bar, dated at the bar end)',
  provenanceKeys: { BTC: ['H', 'E'], ETH: ['W', 'E'], SOL: ['Y'], BNB: ['Y'], XRP: ['Y'], DOGE: ['Y'] },
  window: { start: WINDOW_START, end: WINDOW_END, barMinutes: 60, note: 'closes of bars opening in [start, end)' },
  method: {
    volAnnual: 'sigma^2 = 1/(n-1) sum (r_i - mu dt_i)^2 / dt_i with mu = sum r / sum dt (dt in 365-day years; handles gaps)',
    excessKurtosis: 'unbiased sample excess kurtosis (simple-statistics sampleKurtosis) of returns standardised by sqrt(dt), at the 60-minute bar',
    studentTDf: 'nu = 4 + 6 / excessKurtosis, clipped to [2.5, 30] (at the 60-minute bar; carry to other steps with kurtosisAtStep)',
    correlation: 'Pearson correlation of returns on common timestamps, pairwise, then the nearest positive definite correlation matrix (Higham 2002)',
  },
  derivedBy: 'data/derive/derive-calibration.mjs',
  derivedOn,
  bootstrapReturns: { file: 'returns-1h.csv', unit: BUNDLED_RETURN_UNIT, barMinutes: 60 },
};
writeFileSync(new URL('../calibration/default.json', import.meta.url), serializeCalibrationJson(calibration, provenance));

const series = SYMBOLS.map((s) => parsed.history.get(s));
const returns = alignedReturnHistory(series);
const out = [`bar_end_epoch_hours,${SYMBOLS.join(',')}`];
for (let b = 0; b < returns.nBars; b++) {
  const fields = [];
  for (let c = 0; c < SYMBOLS.length; c++) fields.push(Math.round(returns.logReturns[b * SYMBOLS.length + c] / BUNDLED_RETURN_UNIT));
  out.push(`${returns.barEndMs[b] / HOUR},${fields.join(',')}`);
}
writeFileSync(new URL('../calibration/returns-1h.csv', import.meta.url), `${out.join('\n')}\n`);
for (const [symbol, s] of calibration.symbols) {
  console.error(`${symbol}: vol ${s.volAnnual.toFixed(4)}, excess kurtosis ${s.excessKurtosis.toFixed(2)}, df ${s.studentTDf.toFixed(3)}, ${s.nReturns} returns`);
}
for (const note of calibration.notes) console.error(`note: ${note}`);
console.error(`bootstrap rows: ${returns.nBars}`);
