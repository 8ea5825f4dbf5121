// What a person reads about one simulated account, as rows of formatted text: the three modes
// side by side (liquidation probability, expected loss, VaR and ES with their asset, bad debt,
// time to liquidation), then each position's liquidation probability and expected loss per mode,
// then the contagion in plain words. The terminal table and the Markdown output render this view.

import { CONFIDENCE_LEVELS, levelKey, type ModeShockOutcome } from '../../kernel/outcomes.js';
import { MODE_NAMES } from '../../margin/evaluation.js';
import type { AccountSimulation } from '../../results/shock-results.js';
import type { TableView, Tone, ViewCell } from '../format/table-view.js';
import { MISSING_VALUE, formatFixed, formatMoney, formatPercent } from '../format/number-format.js';
import { NO_CONTAGION_TEXT, contagionSentences, positionNames } from './contagion-text.js';

interface SimulatedAccountView {
  readonly account: string;
  /** One line: account, positions, paths, horizon, model, seed. */
  readonly headline: string;
  readonly notes: readonly string[];
  /** Rows are measures, columns the modes. */
  readonly summary: TableView;
  /** One row per position: liquidation probability and expected loss in each mode. */
  readonly positions: TableView;
  /** Victims and rescues in plain words (NO_CONTAGION_TEXT when none). */
  readonly contagion: readonly string[];
}

/** A liquidation probability at or above this is shown as danger; above zero as a warning. */
const DANGER_PROBABILITY = 0.05;

function cell(text: string, tone: Tone = 'plain'): ViewCell {
  return { text, tone };
}

function probabilityTone(p: number): Tone {
  return p >= DANGER_PROBABILITY ? 'danger' : p > 0 ? 'warning' : 'plain';
}

/** `3.10% ±0.17%`: the estimate and its Monte Carlo standard error. */
export function probabilityText(p: number, standardError: number | null): string {
  return standardError === null || standardError === 0 ? formatPercent(p) : `${formatPercent(p)} ±${formatPercent(standardError)}`;
}

/** An amount with its standard error: `-108.89 ±62.10`; the bare amount when the error is unknown or 0. */
export function moneyWithError(amount: number, standardError: number | null, asset: string): string {
  return standardError === null || standardError === 0 ? formatMoney(amount, asset) : `${formatMoney(amount, asset)} ±${formatMoney(standardError, asset)}`;
}

/** Hours as `45 min`, `5.0 h` or `3.2 d`. */
export function durationText(hours: number | null): string {
  if (hours === null) return MISSING_VALUE;
  if (hours < 1) return `${formatFixed(hours * 60, 0)} min`;
  return hours < 48 ? `${formatFixed(hours, 1)} h` : `${formatFixed(hours / 24, 1)} d`;
}

function summaryRows(modes: readonly ModeShockOutcome[], asset: string): ViewCell[][] {
  const money = (label: string, pick: (m: ModeShockOutcome) => number): ViewCell[] => [cell(`${label} (${asset})`), ...modes.map((m) => cell(formatMoney(pick(m), asset)))];
  const rows: ViewCell[][] = [
    [cell('Liquidation probability'), ...modes.map((m) => cell(probabilityText(m.liquidationProbability, m.standardErrors.liquidationProbability), probabilityTone(m.liquidationProbability)))],
    money('Equity now', (m) => m.equity),
    // The mean loss of finite paths: its standard error beside it, so a small mean is read as noise.
    [cell(`Expected loss (${asset})`), ...modes.map((m) => cell(moneyWithError(m.expectedLoss, m.standardErrors.expectedLoss, asset)))],
  ];
  for (const level of [...CONFIDENCE_LEVELS].reverse()) {
    const key = levelKey(level);
    rows.push(money(`VaR ${formatPercent(level).replace('.00', '')}`, (m) => m.valueAtRisk[key]!));
    rows.push(money(`ES ${formatPercent(level).replace('.00', '')}`, (m) => m.expectedShortfall[key]!));
  }
  rows.push(money('Expected bad debt', (m) => m.expectedBadDebt));
  rows.push([cell('Median time to first liquidation'), ...modes.map((m) => cell(durationText(m.timeToLiquidation.quantileHours['0.5'] ?? null)))]);
  return rows;
}

function positionRows(simulation: AccountSimulation): ViewCell[][] {
  const names = positionNames(simulation.positions);
  const modes = MODE_NAMES.map((name) => simulation.outcome.modes[name]);
  return simulation.positions.map((label, j) => {
    const perMode = modes.map((m) => m.positions[j]!);
    const asset = perMode[0]!.asset;
    return [
      cell(names.get(label.positionId)!),
      cell(asset),
      ...perMode.map((p) => cell(formatPercent(p.liquidationProbability), probabilityTone(p.liquidationProbability))),
      ...perMode.map((p) => cell(formatMoney(p.expectedLoss, p.asset))),
    ];
  });
}

/** The view of one simulated account. */
export function simulatedAccountView(simulation: AccountSimulation): SimulatedAccountView {
  const { outcome } = simulation;
  const modes = MODE_NAMES.map((name) => outcome.modes[name]);
  const count = simulation.positions.length;
  const sentences = contagionSentences(simulation.contagion, simulation.positions, false);
  return {
    account: simulation.account,
    headline: `Account ${simulation.account}: ${count} position${count === 1 ? '' : 's'}, ${outcome.paths.toLocaleString('en-US')} paths over ${durationText(outcome.steps * outcome.stepHours)} in ${outcome.steps} step${outcome.steps === 1 ? '' : 's'}`,
    notes: simulation.notes,
    summary: { header: ['Measure', ...MODE_NAMES], align: ['left', 'right', 'right', 'right'], rows: summaryRows(modes, outcome.asset) },
    positions: {
      header: ['Position', 'Asset', ...MODE_NAMES.map((m) => `P(liq.) ${m}`), ...MODE_NAMES.map((m) => `E[loss] ${m}`)],
      align: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right'],
      rows: positionRows(simulation),
    },
    contagion: sentences.length === 0 ? [NO_CONTAGION_TEXT] : sentences,
  };
}

/** Read once under the tables. */
export const SIMULATION_LEGEND: readonly string[] = [
  'Losses are positive: equity now minus equity at the horizon. VaR q: the loss not exceeded on a fraction q of paths; ES q: the mean loss beyond it.',
  'P(liq.): probability of any liquidation within the horizon (± one Monte Carlo standard error). Bad debt: a liquidated pool\'s deficit beyond the liquidation fees its remaining margin could not pay (those are waived, not bad debt), borne by the venue.',
];
