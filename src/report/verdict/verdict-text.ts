// The verdict of one account in words: one sentence (which mode is safer, by which lenses, and
// why they disagree when they do) and one small table (each lens's figures side by side). Used
// by evaluate, simulate and the report, so every format says the same.

import type { AccountVerdict, LensVerdict, SaferMode } from '../../verdict/account-verdict.js';
import { distanceText } from '../format/move-text.js';
import { formatMoney, formatPercent } from '../format/number-format.js';
import type { TableView, ViewCell } from '../format/table-view.js';

/** A lens named for a reader, e.g. "all marks moving together", "the 2025-10-10 replay". */
function lensName(lens: LensVerdict): string {
  return lensTitle(lens);
}

/** The lens with the unit of its money figures, for table rows: "Monte Carlo expected loss (USDT)". */
function lensRowName(lens: LensVerdict): string {
  return lens.kind === 'loss' || lens.kind === 'replay' ? `${lensTitle(lens)} (${lens.unit})` : lensTitle(lens);
}

function lensTitle(lens: LensVerdict): string {
  switch (lens.kind) {
    case 'distance':
      return 'distance of all marks moving together';
    case 'stress':
      return 'stress (positions liquidated)';
    case 'probability':
      return 'Monte Carlo P(liquidation)';
    case 'loss':
      return 'Monte Carlo expected loss';
    case 'replay':
      return `the ${lens.event} replay loss`;
  }
}

function figure(lens: LensVerdict, value: number | null, se: number | null): string {
  if (lens.kind === 'distance') return value === null ? 'none' : value === 0 ? 'liquidatable now' : distanceText(value);
  if (value === null) return '—';
  if (lens.kind === 'stress') return String(value);
  const text = lens.unit === 'fraction' ? formatPercent(value) : formatMoney(value, lens.unit);
  if (se === null) return text;
  return `${text} ±${lens.unit === 'fraction' ? formatPercent(se) : formatMoney(se, lens.unit)}`;
}

const SAFER_WORDS: Readonly<Record<SaferMode, string>> = { isolated: 'isolated', cross: 'cross', tie: 'neither' };

/** One row per lens: Lens | Isolated | Cross | Safer. */
export function verdictTableView(verdict: AccountVerdict): TableView {
  const cell = (text: string, tone: ViewCell['tone'] = 'plain'): ViewCell => ({ text, tone });
  return {
    header: ['Lens', 'Isolated', 'Cross', 'Safer'],
    align: ['left', 'right', 'right', 'left'],
    rows: verdict.lenses.map((l) => [
      cell(lensRowName(l)),
      cell(figure(l, l.isolated, l.isolatedStandardError)),
      cell(figure(l, l.cross, l.crossStandardError)),
      cell(SAFER_WORDS[l.safer]),
    ]),
  };
}

const FREQUENCY: ReadonlySet<LensVerdict['kind']> = new Set(['distance', 'probability']);

/** Why the lenses disagree, from which kinds of lens favour which mode. */
function why(lenses: readonly LensVerdict[]): string {
  const crossByFrequency = lenses.some((l) => FREQUENCY.has(l.kind) && l.safer === 'cross');
  const isolatedBySize = lenses.some((l) => !FREQUENCY.has(l.kind) && l.safer === 'isolated');
  const isolatedByFrequency = lenses.some((l) => FREQUENCY.has(l.kind) && l.safer === 'isolated');
  const crossBySize = lenses.some((l) => !FREQUENCY.has(l.kind) && l.safer === 'cross');
  if (crossByFrequency && isolatedBySize) {
    return 'cross margin keeps liquidation further away, but when its pool fails it loses all the collateral at once, while isolated loses only the margins of the positions that fall and keeps the free balance';
  }
  if (isolatedByFrequency && crossBySize) {
    return 'isolated positions stand further from a liquidation, but when they fall alone cross would have held them up with the shared collateral';
  }
  return 'the lenses weigh different scenarios: how near a liquidation is, how often it comes and what it costs';
}

function list(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]!}`;
}

/** The verdict in one sentence, e.g. "Cross is safer by every lens: …". */
export function verdictSentence(verdict: AccountVerdict): string {
  const names = (mode: SaferMode): string[] => verdict.lenses.filter((l) => l.safer === mode).map(lensName);
  if (verdict.lenses.length === 0) return 'No verdict: no lens was computed.';
  if (verdict.safer === 'tie') return `Neither mode is safer: isolated and cross are level by ${list(names('tie'))}.`;
  if (verdict.safer !== 'depends') {
    const ties = names('tie');
    const mode = verdict.safer === 'isolated' ? 'Isolated' : 'Cross';
    return `${mode} is safer: by ${list(names(verdict.safer))}${ties.length > 0 ? ` (level by ${list(ties)})` : ''}.`;
  }
  return `It depends: isolated is safer by ${list(names('isolated'))}, cross by ${list(names('cross'))}; they disagree because ${why(verdict.lenses)}.`;
}
