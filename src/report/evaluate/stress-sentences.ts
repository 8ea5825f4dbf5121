// `evaluate --stress` in plain words, one sentence per position, shared by the terminal table,
// the Markdown output and the HTML/Markdown report:
//   "If BTCUSDT falls to 59,196.0 (-35.13%), the isolated liquidation price of BTCUSDT:long, in
//    cross: the pool survives, so BTCUSDT:long is rescued by the shared collateral. The cross
//    pool itself is liquidated at 21,517.2 (-76.42%), taking ETHUSDT:short, SOLUSDT:long with it."
// A stress lists its largest entries only (src/contagion/stress-listing.ts); the sentence then
// ends its list with how many more there are ("… and 1,180 more").

import type { StressEntry } from '../../contagion/stress-account.js';
import type { AccountStress } from '../../contagion/stress-account.js';
import type { AccountEvaluation, PositionEvaluation } from '../../margin/evaluation.js';
import { formatPercent, formatPrice } from '../format/number-format.js';

/** A position id without its account prefix (`desk:BTCUSDT:long` → `BTCUSDT:long`). */
export function positionLabel(positionId: string, account: string): string {
  const prefix = `${account}:`;
  return positionId.startsWith(prefix) && positionId.length > prefix.length ? positionId.slice(prefix.length) : positionId;
}

/** What a stress is, in one sentence (without a full stop). */
export const STRESS_EXPLANATION =
  "Each position's symbol moved alone to the position's isolated liquidation price (other marks held), and what cross margin does there";

/** Heading line that explains what a stress is. */
export const STRESS_HEADING = `Stress: ${STRESS_EXPLANATION.charAt(0).toLowerCase()}${STRESS_EXPLANATION.slice(1)}`;

/** The listed positions, and how many of `count` were not listed. */
function list(ids: readonly string[], account: string, count: number): string {
  const named = ids.map((id) => positionLabel(id, account)).join(', ');
  return count > ids.length ? `${named} and ${(count - ids.length).toLocaleString('en-US')} more` : named;
}

function moveWords(move: number): string {
  return move < 0 ? 'falls' : 'rises';
}

function crossAtIsolatedPrice(entry: StressEntry, label: string, account: string): string {
  if (entry.crossLiquidated) {
    const victims = entry.victims.map((v) => v.positionId);
    return victims.length === 0 ? 'the pool is liquidated as well' : `the pool is liquidated as well, taking ${list(victims, account, entry.victimCount)} with it (they survive isolated)`;
  }
  const rescued = entry.rescues.map((r) => r.positionId);
  if (rescued.length === 0) return 'the pool survives';
  const others = rescued.filter((id) => id !== entry.shockedPositionId);
  const self = rescued.includes(entry.shockedPositionId) ? `, so ${label} is rescued by the shared collateral` : '';
  // The stressed position is always listed when rescued, so the others number rescueCount − 1 then.
  const othersCount = entry.rescueCount - (self === '' ? 0 : 1);
  return `the pool survives${self}${others.length > 0 ? `${self === '' ? ', rescuing' : '; also rescued:'} ${list(others, account, othersCount)}` : ''}`;
}

function crossPoolSentence(entry: StressEntry, mark: number, account: string): string {
  if (entry.crossLiquidationPrice === null || entry.crossMove === null) return `No move of ${entry.symbol} alone liquidates the cross pool.`;
  const where = entry.crossMove === 0 ? `already at the mark` : `at ${formatPrice(entry.crossLiquidationPrice, mark)} (${formatPercent(entry.crossMove, true)})`;
  const victims = entry.victimsAtCrossLiquidation.map((v) => v.positionId);
  const taking = victims.length === 0 ? '' : `, taking ${list(victims, account, entry.victimsAtCrossLiquidationCount)} with it`;
  return `The cross pool itself is liquidated ${where}${taking}.`;
}

/** The sentence of one stressed position. */
function stressSentence(entry: StressEntry, position: PositionEvaluation | undefined, account: string): string {
  const label = positionLabel(entry.shockedPositionId, account);
  const mark = position?.markPrice ?? (entry.price !== null && entry.move !== null ? entry.price / (1 + entry.move) : 1);
  if (entry.price === null || entry.move === null) {
    return `${label}: no move of ${entry.symbol} alone liquidates it isolated. ${crossPoolSentence(entry, mark, account)}`;
  }
  const lead =
    entry.move === 0
      ? `${label} is liquidatable isolated already at the mark ${formatPrice(entry.price, mark)}; in cross: `
      : `If ${entry.symbol} ${moveWords(entry.move)} to ${formatPrice(entry.price, mark)} (${formatPercent(entry.move, true)}), the isolated liquidation price of ${label}, in cross: `;
  return `${lead}${crossAtIsolatedPrice(entry, label, account)}. ${crossPoolSentence(entry, mark, account)}`;
}

/** One sentence per stressed position, in book order. */
export function stressSentences(stress: AccountStress, evaluation: AccountEvaluation): string[] {
  const byId = new Map(evaluation.modes.exported.positions.map((p) => [p.positionId, p]));
  return stress.stress.map((entry) => stressSentence(entry, byId.get(entry.shockedPositionId), stress.account));
}
