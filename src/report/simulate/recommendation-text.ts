// A margin-mode recommendation in plain words, for the table and Markdown outputs of simulate:
//   what to do     "Isolate DOGEUSDT long with 1,200.00 USDT and keep BTCUSDT long and SOLUSDT
//                  short on cross: P(any liquidation) 4.10% ±0.40% vs 16.10% all-cross (-12.00 ±0.80
//                  points), …" — the objective with its standard error, then each other mode's
//                  value and the paired difference, flagged when it is within two standard errors
//   no clear gain  when a new set-up beats the best mode by less than two standard errors
//   the capital    how each settlement asset's capital is split (when anything is isolated)
//   how            the search: candidates, common paths, how many were ruled out

import type { PositionLabel } from '../../results/shock-results.js';
import type { ModeObjective } from '../../recommendation/mode-objective.js';
import type { ModeName } from '../../margin/evaluation.js';
import { formatFixed, formatMoney, formatPercent } from '../format/number-format.js';
import type { AccountRecommendation, ModeComparison, RecommendedPosition } from '../../recommendation/recommendation-summary.js';
import { positionNames } from './contagion-text.js';

/** How each objective is named in a sentence. */
const OBJECTIVE_NAMES: Readonly<Record<ModeObjective, string>> = {
  liquidation: 'P(any liquidation)',
  'expected-loss': 'expected loss',
  es99: 'ES 99%',
};

/** How each mode is named beside its value. */
const MODE_PHRASES: Readonly<Record<ModeName, string>> = { exported: 'as held', isolated: 'all-isolated', cross: 'all-cross' };

/** How each mode is named as a subject. */
const MODE_NOUNS: Readonly<Record<ModeName, string>> = { exported: 'the book as held', isolated: 'all-isolated', cross: 'all-cross' };

/** The order the modes are compared in: the usual question first (cross). */
const COMPARISON_ORDER: readonly ModeName[] = ['cross', 'exported', 'isolated'];

/** A difference within this fraction of the values is rounding: "the same". */
const SAME_TOLERANCE = 1e-9;

/** A difference smaller than this many standard errors is called not significant. */
const SIGNIFICANT_STANDARD_ERRORS = 2;

function amount(value: number, asset: string): string {
  return `${formatMoney(value, asset)} ${asset}`;
}

/** `4.10% ±0.40%` or `1,234.56 USDT ±12.00`. */
function valueText(value: number, standardError: number | null, rec: AccountRecommendation): string {
  if (rec.objective === 'liquidation') return standardError === null || standardError === 0 ? formatPercent(value) : `${formatPercent(value)} ±${formatPercent(standardError)}`;
  const text = amount(value, rec.asset);
  return standardError === null || standardError === 0 ? text : `${text} ±${formatMoney(standardError, rec.asset)}`;
}

/** `-12.00 ±0.80 points` or `-1,100.00 ±20.00 USDT`, with a flag when not significant. */
function differenceText(c: ModeComparison, rec: AccountRecommendation): string {
  if (Math.abs(c.difference) <= SAME_TOLERANCE * Math.max(1, Math.abs(c.objectiveValue), Math.abs(rec.objectiveValue))) return 'the same';
  const liquidation = rec.objective === 'liquidation';
  const scale = liquidation ? 100 : 1;
  const decimals = liquidation ? 2 : null;
  const number = (v: number): string => (decimals === null ? formatMoney(v, rec.asset) : formatFixed(v, decimals));
  const signed = number(c.difference * scale);
  const sign = signed.startsWith('-') || !/[1-9]/.test(signed) ? '' : '+';
  const error = c.differenceStandardError === null ? '' : ` ±${number(c.differenceStandardError * scale)}`;
  const unit = liquidation ? 'points' : rec.asset;
  const significant = c.differenceStandardError !== null && Math.abs(c.difference) >= SIGNIFICANT_STANDARD_ERRORS * c.differenceStandardError;
  return `${sign}${signed}${error} ${unit}${significant ? '' : ', not significant'}`;
}

function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]!}`;
}

/** What to do, in words: which positions to isolate with what margin, which to keep on cross. */
function actionText(rec: AccountRecommendation, names: ReadonlyMap<string, string>): string {
  const name = (a: RecommendedPosition): string => names.get(a.positionId) ?? a.positionId;
  const isolated = rec.assignment.filter((a) => a.marginMode === 'isolated').map((a) => `${name(a)} with ${amount(a.margin ?? 0, a.asset)}`);
  const cross = rec.assignment.filter((a) => a.marginMode === 'cross').map(name);
  if (rec.mode === 'exported') {
    if (isolated.length === 0) return 'Keep the book as held (every position on cross)';
    return `Keep the book as held (isolated: ${isolated.join(', ')}${cross.length === 0 ? '' : `; on cross: ${cross.join(', ')}`})`;
  }
  if (isolated.length === 0) return 'Put every position on cross';
  if (cross.length === 0) return `Isolate every position: ${isolated.join(', ')}`;
  return `Isolate ${listText(isolated)} and keep ${listText(cross)} on cross`;
}

/** `4,500.00 USDT: 948.00 isolated, 3,552.00 left in the cross wallet` per asset; empty when nothing is isolated. */
function capitalText(rec: AccountRecommendation): string | null {
  if (rec.capital.every((c) => c.isolatedMargin === 0)) return null;
  const parts = rec.capital.map((c) => {
    const rest = c.crossPositions === 0 ? 'stays free' : `stays in the cross wallet for ${c.crossPositions} position${c.crossPositions === 1 ? '' : 's'}`;
    return `${amount(c.capital, c.asset)}: ${formatMoney(c.isolatedMargin, c.asset)} posted isolated, ${formatMoney(c.crossWallet, c.asset)} ${rest}`;
  });
  return `The same capital as in every mode: ${parts.join('; ')}.`;
}

/**
 * When the best set-up is not one of the modes but beats the best mode by less than two
 * standard errors: a sentence saying so, since the mode does as well on this evidence.
 */
function noClearGainText(rec: AccountRecommendation): string | null {
  const modes = COMPARISON_ORDER.filter((mode) => !rec.modesRuledOut.includes(mode));
  if (rec.mode !== null || modes.length === 0) return null;
  const bestMode = modes.reduce((a, b) => (rec.comparisons[b].objectiveValue < rec.comparisons[a].objectiveValue ? b : a));
  const c = rec.comparisons[bestMode];
  if (c.differenceStandardError !== null && Math.abs(c.difference) >= SIGNIFICANT_STANDARD_ERRORS * c.differenceStandardError) return null;
  const noun = MODE_NOUNS[bestMode];
  return `Its gain over ${noun}, the best mode to switch to, is within two standard errors: ${noun} does as well on this evidence.`;
}

/** How the search ran. */
function methodText(rec: AccountRecommendation): string {
  const count = rec.candidatesEvaluated.toLocaleString('en-US');
  const how =
    rec.search === 'exhaustive'
      ? `exhaustively (the three modes, and every set of positions to isolate with each way to split the capital)`
      : `by local search from the best mode, one position switched at a time (too many positions to try every set: a local optimum, not a proven one)`;
  const paths =
    rec.paths === rec.simulatedPaths
      ? `each on the same ${rec.paths.toLocaleString('en-US')} paths as the simulation`
      : `each on the first ${rec.paths.toLocaleString('en-US')} of the ${rec.simulatedPaths.toLocaleString('en-US')} paths (fewer, to keep the search quick), the same paths for every one`;
  const ruledOut = rec.candidatesRuledOut === 0 ? '' : `; ${rec.candidatesRuledOut.toLocaleString('en-US')} ruled out because a pool would be liquidatable at once`;
  const kept = rec.mode === 'exported' ? ' No other set-up of the same capital does better on these paths.' : '';
  return `Searched ${count} set-ups ${how}, ${paths}${ruledOut}.${kept}`;
}

/** The recommendation as sentences: what to do and how it compares, the capital, the search. */
export function recommendationSentences(rec: AccountRecommendation, labels: readonly PositionLabel[]): string[] {
  const names = positionNames(labels);
  const others = COMPARISON_ORDER.filter((mode) => mode !== rec.mode).map((mode) => {
    const c = rec.comparisons[mode];
    const ruledOut = rec.modesRuledOut.includes(mode) ? '; liquidatable at once, so not a set-up to switch to' : '';
    return `${valueText(c.objectiveValue, null, rec)} ${MODE_PHRASES[mode]} (${differenceText(c, rec)}${ruledOut})`;
  });
  const capital = capitalText(rec);
  const noClearGain = noClearGainText(rec);
  return [
    `${actionText(rec, names)}: ${OBJECTIVE_NAMES[rec.objective]} ${valueText(rec.objectiveValue, rec.standardError, rec)} vs ${others.join(', ')}.`,
    ...(noClearGain === null ? [] : [noClearGain]),
    ...(capital === null ? [] : [capital]),
    methodText(rec),
  ];
}

/** The heading above the sentences. */
export function recommendationHeading(rec: AccountRecommendation): string {
  return `Recommendation (minimising ${OBJECTIVE_NAMES[rec.objective]} on the same capital)`;
}
