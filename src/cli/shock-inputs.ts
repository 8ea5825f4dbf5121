// The files behind the shock options, read and turned into the library's settings: `--history`
// (calibration and bootstrap history), `--corr FILE`, `--prices`, and the bundled calibration and
// event library when the user gives none. Data problems are Issues (exit 1); a correlation file
// that is not a valid matrix or an unknown `--event` name is a usage error (exit 2).

import { basename } from 'node:path';
import { formatIssue, type Issue } from '../domain/issue.js';
import { BUNDLED_CALIBRATION_LABEL, BUNDLED_RETURNS_LABEL, loadBundledCalibration, loadBundledReturnHistory } from '../io/bundled-calibration.js';
import { loadBundledEvent, loadBundledEventLibrary } from '../io/bundled-events.js';
import { alignedReturnHistory } from '../scenarios/calibration/aligned-return-history.js';
import { calibrateFromHistory, type Calibration } from '../scenarios/calibration/calibration.js';
import { mergePriceHistories, parsePriceHistoryCsv, type ParsedPriceHistory } from '../scenarios/calibration/price-history.js';
import type { CorrelationSource } from '../scenarios/calibration/resolve-model-inputs.js';
import { parseCorrelationCsv } from '../scenarios/correlation/parse-correlation-csv.js';
import { parseUserPricePaths } from '../scenarios/events/user-price-paths.js';
import type { ReturnHistory } from '../scenarios/models/return-history.js';
import type { CalibrationSource } from '../report/simulate/simulate-document.js';
import type { ReplaySettings } from '../flows/replay.js';
import type { SimulationSettings } from '../flows/simulation-settings.js';
import type { ReplayScenario } from '../results/shock-results.js';
import { readInputText } from './input-files.js';
import type { ShockOptions } from './shock-options.js';
import { UsageError } from './usage-error.js';

/** The symbol a per-symbol history file is named after: `BTCUSDT_1h.csv` → `BTCUSDT`. */
function symbolOfFileName(path: string): string {
  return basename(path).replace(/\.[^.]*$/, '').split(/[_.\s-]/)[0]!.toUpperCase();
}

/** One `--history` file: long format, or (without a symbol column) one symbol named by the file. */
function parseHistoryFile(text: string, path: string): ParsedPriceHistory {
  const parsed = parsePriceHistoryCsv(text, path);
  const noSymbolColumn = parsed.issues.length > 0 && parsed.issues.every((i) => i.code === 'missing-column' && i.column === 'symbol');
  return noSymbolColumn ? parsePriceHistoryCsv(text, path, symbolOfFileName(path)) : parsed;
}

/** Calibration and bootstrap history from the `--history` files (null when a file is missing). */
async function fromHistory(shock: ShockOptions, issues: Issue[]): Promise<{ calibration: Calibration; returns: ReturnHistory | null } | null> {
  const parts: ParsedPriceHistory[] = [];
  for (const path of shock.history) {
    const text = await readInputText(path, issues);
    if (text !== null) parts.push(parseHistoryFile(text, path));
  }
  if (parts.length < shock.history.length) return null;
  const merged = mergePriceHistories(parts, shock.history);
  issues.push(...merged.issues);
  const label = shock.history.join(', ');
  const { calibration, issues: calibrationIssues } = calibrateFromHistory(merged.history, label);
  issues.push(...calibrationIssues);
  let returns: ReturnHistory | null = null;
  if (shock.model === 'bootstrap') {
    returns = alignedReturnHistory([...merged.history.values()]);
    if (returns === null) {
      issues.push({ code: 'inconsistent', file: label, line: 0, column: 'timestamp', message: 'the history has fewer than 2 bars common to every symbol, nothing to bootstrap from' });
    }
  }
  return { calibration, returns };
}

/** `--corr FILE` as a matrix; a file that is not a valid correlation matrix is a usage error. */
async function correlationFile(path: string, command: string, delimiter: string | undefined, issues: Issue[]): Promise<CorrelationSource | null> {
  const text = await readInputText(path, issues);
  if (text === null) return null;
  const parsed = parseCorrelationCsv(text, path, delimiter);
  if (parsed.issues.length > 0) {
    const more = parsed.issues.length > 1 ? ` (and ${parsed.issues.length - 1} more problem${parsed.issues.length > 2 ? 's' : ''})` : '';
    throw new UsageError(`--corr: not a valid correlation matrix: ${formatIssue(parsed.issues[0]!)}${more}`, command);
  }
  return { kind: 'matrix', symbols: parsed.symbols, values: parsed.values, label: path };
}

/**
 * The Monte Carlo settings of `shock`: the built-in calibration (and hourly returns for the
 * bootstrap) unless `--history` is given. Input problems go to `issues`; null when any was found.
 */
export async function loadSimulationSettings(
  shock: ShockOptions,
  command: string,
  delimiter: string | undefined,
  issues: Issue[],
): Promise<{ settings: SimulationSettings; calibrationSource: CalibrationSource } | null> {
  const before = issues.length;
  const correlation = shock.corr === null ? undefined : shock.corr.kind === 'constant' ? ({ kind: 'constant', rho: shock.corr.rho } as const) : await correlationFile(shock.corr.path, command, delimiter, issues);
  const history = shock.history.length > 0 ? await fromHistory(shock, issues) : null;
  if (issues.length > before || correlation === null) return null;
  const calibration = history?.calibration ?? loadBundledCalibration();
  const bootstrapHistory = shock.model !== 'bootstrap' ? null : history !== null ? history.returns : loadBundledReturnHistory();
  const calibrationSource: CalibrationSource =
    history === null ? { kind: 'built-in', files: shock.model === 'bootstrap' ? [BUNDLED_CALIBRATION_LABEL, BUNDLED_RETURNS_LABEL] : [BUNDLED_CALIBRATION_LABEL] } : { kind: 'history', files: shock.history };
  return {
    settings: {
      model: shock.model,
      paths: shock.paths,
      horizonHours: shock.horizonHours,
      steps: shock.steps,
      seed: shock.seed,
      threads: shock.threads,
      slippageBps: shock.slippageBps,
      calibration,
      volOverrides: shock.vols,
      ...(correlation === undefined ? {} : { correlation }),
      ...(shock.df === null ? {} : { df: shock.df }),
      bootstrapHistory,
    },
    calibrationSource,
  };
}

/**
 * The replay settings of `shock`: the named events (all of the library when neither `--event`
 * nor `--prices` is given), then the `--prices` paths. An unknown event name is a usage error;
 * problems in the prices file are Issues (null when any was found).
 */
export async function loadReplaySettings(shock: ShockOptions, command: string, issues: Issue[]): Promise<ReplaySettings | null> {
  const library = loadBundledEventLibrary();
  const names = shock.events.length === 0 && shock.prices === null ? library.list().map((e) => e.name) : shock.events;
  const { entries, issues: unknown } = library.resolve(names);
  if (unknown.length > 0) {
    const known = library.list().map((e) => e.name).join(', ');
    throw new UsageError(`--event: no historical event named ${JSON.stringify(unknown[0]!.value)}; the events are ${known} (or their aliases, see 'marginscope events')`, command);
  }
  const seen = new Set<string>();
  const scenarios: ReplayScenario[] = [];
  for (const entry of entries) {
    if (seen.has(entry.name)) continue;
    seen.add(entry.name);
    scenarios.push({ kind: 'event', event: loadBundledEvent(entry) });
  }
  if (shock.prices !== null) {
    const text = await readInputText(shock.prices, issues);
    if (text === null) return null;
    const { series, issues: found } = parseUserPricePaths(text, shock.prices);
    issues.push(...found);
    if (found.length > 0) return null;
    scenarios.push({ kind: 'prices', label: shock.prices, series });
  }
  return { scenarios, proxyAsset: shock.proxy, slippageBps: shock.slippageBps };
}
