// The files behind the Monte Carlo options, read and turned into the library's settings: `--history`
// (calibration and bootstrap history, history-inputs.ts), `--corr FILE`, and the bundled
// calibration when the user gives none. Data problems are Issues (exit 1); a correlation file that
// is not a valid matrix is a usage error (exit 2). The modules behind `--history` and `--corr FILE`
// are loaded only when those are given: a plain `simulate` does not pay for them at start-up.

import { formatIssue, type Issue } from '../domain/issue.js';
import { BUNDLED_CALIBRATION_LABEL, BUNDLED_RETURNS_LABEL, loadBundledCalibration, loadBundledReturnHistory } from '../io/bundled-calibration.js';
import type { CorrelationSource } from '../scenarios/calibration/resolve-model-inputs.js';
import type { CalibrationSource } from '../report/simulate/simulate-document.js';
import type { SimulationSettings } from '../flows/simulation-settings.js';
import { readInputText } from './input-files.js';
import type { ShockOptions } from './shock-options.js';
import { UsageError } from './usage-error.js';

/** `--corr FILE` as a matrix; a file that is not a valid correlation matrix is a usage error. */
async function correlationFile(path: string, command: string, delimiter: string | undefined, issues: Issue[]): Promise<CorrelationSource | null> {
  const text = await readInputText(path, issues);
  if (text === null) return null;
  const { parseCorrelationCsv } = await import('../scenarios/correlation/parse-correlation-csv.js');
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
  const history = shock.history.length > 0 ? await (await import('./history-inputs.js')).fromHistory(shock, issues) : null;
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
