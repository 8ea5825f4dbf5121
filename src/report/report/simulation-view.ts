// The Monte Carlo summary of one account as a table: measures as rows, margin modes as columns
// (liquidation probability, expected loss, value at risk and expected shortfall at every
// confidence given, expected bad debt), amounts in the section's asset.

import { MODE_NAMES } from '../../margin/evaluation.js';
import type { TableView, ViewCell } from '../format/table-view.js';
import { formatMoney, formatPercent, MISSING_VALUE } from '../format/number-format.js';
import type { ByConfidence, ModeSimulationSummary, SimulationSection } from './report-model.js';

function cell(text: string): ViewCell {
  return { text, tone: 'plain' };
}

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

/** The simulation table of one account. */
export function simulationView(section: SimulationSection): TableView {
  const asset = section.asset;
  const modes = MODE_NAMES.map((mode) => section.modes[mode]);
  const money = (amount: number | undefined): ViewCell => cell(amount === undefined ? MISSING_VALUE : formatMoney(amount, asset));
  const rows: ViewCell[][] = [
    [cell('Liquidation probability (any position)'), ...modes.map((m) => cell(formatPercent(m.liquidationProbability)))],
    [cell(`Expected loss (${asset})`), ...modes.map((m) => money(m.expectedLoss))],
  ];
  for (const key of confidenceKeys(section, (m) => m.valueAtRisk)) {
    rows.push([cell(`Value at risk ${confidenceLabel(key)} (${asset})`), ...modes.map((m) => money(m.valueAtRisk[key]))]);
  }
  for (const key of confidenceKeys(section, (m) => m.expectedShortfall)) {
    rows.push([cell(`Expected shortfall ${confidenceLabel(key)} (${asset})`), ...modes.map((m) => money(m.expectedShortfall[key]))]);
  }
  rows.push([cell(`Expected bad debt (${asset})`), ...modes.map((m) => money(m.expectedBadDebt))]);
  return { header: ['', ...MODE_NAMES], align: ['left', 'right', 'right', 'right'], rows };
}
