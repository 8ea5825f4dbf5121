// The Monte Carlo summary of one account as a table: measures as rows, margin modes as columns
// (liquidation probability, expected loss, value at risk and expected shortfall at every
// confidence given, expected bad debt), amounts in the section's asset, each estimate with its
// standard error (`±`) when the section carries one — the figures of simulate's JSON.

import { MODE_NAMES } from '../../margin/evaluation.js';
import type { TableView, ViewCell } from '../format/table-view.js';
import { formatMoney, formatPercent, MISSING_VALUE } from '../format/number-format.js';
import type { ByConfidence, ModeSimulationSummary, SimulationSection } from './report-model.js';

function cell(text: string): ViewCell {
  return { text, tone: 'plain' };
}

/** Read once under the table. */
export const SIMULATION_NOTE =
  'Each estimate ± one Monte Carlo standard error. Bad debt: the deficit of a liquidated pool beyond the liquidation fees its remaining margin ' +
  'could not pay (fees it cannot pay are waived, not bad debt); the venue bears it, the account never loses more than its pool held.';

/** `"0.99"` → `99%`, `"0.975"` → `97.5%`. */
export function confidenceLabel(key: string): string {
  return `${Number((Number(key) * 100).toFixed(4))}%`;
}

/** Confidence keys present in any mode, lowest first. */
function confidenceKeys(section: SimulationSection, pick: (m: ModeSimulationSummary) => ByConfidence): string[] {
  const keys = new Set<string>();
  for (const mode of MODE_NAMES) for (const key of Object.keys(pick(section.modes[mode]))) keys.add(key);
  return [...keys].sort((a, b) => Number(a) - Number(b));
}

/** `text ±se` when the standard error is known. */
function withError(text: string, se: number | null | undefined, format: (value: number) => string): string {
  return se === null || se === undefined ? text : `${text} ±${format(se)}`;
}

/** The simulation table of one account. */
export function simulationView(section: SimulationSection): TableView {
  const asset = section.asset;
  const modes = MODE_NAMES.map((mode) => section.modes[mode]);
  const moneyText = (amount: number): string => formatMoney(amount, asset);
  const money = (amount: number | undefined, se: number | null | undefined): ViewCell =>
    cell(amount === undefined ? MISSING_VALUE : withError(moneyText(amount), se, moneyText));
  const rows: ViewCell[][] = [
    [
      cell('Liquidation probability (any position)'),
      ...modes.map((m) => cell(withError(formatPercent(m.liquidationProbability), m.standardErrors?.liquidationProbability, (v) => formatPercent(v)))),
    ],
    [cell(`Expected loss (${asset})`), ...modes.map((m) => money(m.expectedLoss, m.standardErrors?.expectedLoss))],
  ];
  for (const key of confidenceKeys(section, (m) => m.valueAtRisk)) {
    rows.push([cell(`Value at risk ${confidenceLabel(key)} (${asset})`), ...modes.map((m) => money(m.valueAtRisk[key], m.standardErrors?.valueAtRisk[key]))]);
  }
  for (const key of confidenceKeys(section, (m) => m.expectedShortfall)) {
    rows.push([cell(`Expected shortfall ${confidenceLabel(key)} (${asset})`), ...modes.map((m) => money(m.expectedShortfall[key], m.standardErrors?.expectedShortfall[key]))]);
  }
  rows.push([cell(`Expected bad debt (${asset})`), ...modes.map((m) => money(m.expectedBadDebt, m.standardErrors?.expectedBadDebt))]);
  return { header: ['', ...MODE_NAMES], align: ['left', 'right', 'right', 'right'], rows };
}
