// Reads the built-in Monte Carlo calibration shipped in data/calibration: volatility, tails and
// correlation of the known symbols (default.json) and the aligned hourly returns the bootstrap
// model resamples (returns-1h.csv). These files are ours, so a malformed one is a bug: it throws,
// naming the file and the first problem.

import { readFileSync } from 'node:fs';
import { formatIssue, type Issue } from '../domain/issue.js';
import type { Calibration } from '../scenarios/calibration/calibration.js';
import { parseCalibrationJson } from '../scenarios/calibration/calibration-json.js';
import { parseBundledReturnsCsv } from '../scenarios/calibration/bundled-returns.js';
import type { ReturnHistory } from '../scenarios/models/return-history.js';
import { bundledDataPath } from './package-root.js';

/** Name of the built-in calibration in messages and echoed inputs. */
export const BUNDLED_CALIBRATION_LABEL = 'data/calibration/default.json';
/** Name of the built-in bootstrap history in messages and echoed inputs. */
export const BUNDLED_RETURNS_LABEL = 'data/calibration/returns-1h.csv';

function failOn(issues: readonly Issue[], what: string): never {
  throw new Error(`bundled ${what} is malformed: ${formatIssue(issues[0]!)}`);
}

let cachedCalibration: Calibration | undefined;
let cachedReturns: ReturnHistory | undefined;

/** The built-in calibration of known symbols, read once per process. */
export function loadBundledCalibration(): Calibration {
  if (cachedCalibration !== undefined) return cachedCalibration;
  const text = readFileSync(bundledDataPath('calibration', 'default.json'), 'utf8');
  const { calibration, issues } = parseCalibrationJson(text, BUNDLED_CALIBRATION_LABEL);
  if (calibration === null) failOn(issues, 'calibration');
  return (cachedCalibration = calibration);
}

/** The built-in hourly return history of the calibrated symbols (for `--model bootstrap`), read once. */
export function loadBundledReturnHistory(): ReturnHistory {
  if (cachedReturns !== undefined) return cachedReturns;
  const text = readFileSync(bundledDataPath('calibration', 'returns-1h.csv'), 'utf8');
  const { history, issues } = parseBundledReturnsCsv(text, BUNDLED_RETURNS_LABEL);
  if (history === null) failOn(issues, 'return history');
  return (cachedReturns = history);
}
