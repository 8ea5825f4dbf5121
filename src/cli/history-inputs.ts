// The `--history` files of `simulate`, `report` and `cascade` read into a calibration (and, for the
// bootstrap model, the hourly returns it draws from). Loaded only when `--history` is given.

import { basename } from 'node:path';
import type { Issue } from '../domain/issue.js';
import { alignedReturnHistory } from '../scenarios/calibration/aligned-return-history.js';
import { calibrateFromHistory, type Calibration } from '../scenarios/calibration/calibration.js';
import { mergePriceHistories, parsePriceHistoryCsv, type ParsedPriceHistory } from '../scenarios/calibration/price-history.js';
import type { ReturnHistory } from '../scenarios/models/return-history.js';
import { readInputText } from './input-files.js';
import type { ShockOptions } from './shock-options.js';

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
export async function fromHistory(shock: ShockOptions, issues: Issue[]): Promise<{ calibration: Calibration; returns: ReturnHistory | null } | null> {
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
