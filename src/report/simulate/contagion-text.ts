// Contagion in plain words, for the table and Markdown outputs of simulate and replay: one
// sentence per victim ("ETHUSDT short is liquidated in cross but survives isolated on 3.10% of
// paths; causes: SOLUSDT long 82.00%, …") and per rescue, naming positions by symbol and side.

import type { AccountContagion, ContagionEntry } from '../../contagion/contagion-summary.js';
import type { PositionLabel } from '../../results/shock-results.js';
import { formatPercent } from '../format/number-format.js';

/** Causes listed per sentence; the rest are summed as "others". */
const MAX_CAUSES_NAMED = 4;

/**
 * How each position is named: `SYMBOL side`, with the id added in parentheses when two positions
 * of the account would read the same.
 */
export function positionNames(labels: readonly PositionLabel[]): Map<string, string> {
  const plain = (p: PositionLabel): string => `${p.symbol} ${p.side}`;
  const counts = new Map<string, number>();
  for (const p of labels) counts.set(plain(p), (counts.get(plain(p)) ?? 0) + 1);
  return new Map(labels.map((p) => [p.positionId, counts.get(plain(p))! > 1 ? `${plain(p)} (${p.positionId})` : plain(p)]));
}

function causesText(entry: ContagionEntry, names: ReadonlyMap<string, string>, rescue: boolean): string {
  const parts = entry.causes.slice(0, MAX_CAUSES_NAMED).map((c) => `${names.get(c.positionId) ?? c.positionId} ${formatPercent(c.share)}`);
  const others = entry.causes.slice(MAX_CAUSES_NAMED).reduce((sum, c) => sum + c.share, 0) + (entry.othersShare ?? 0);
  if (others > 0) parts.push(`others ${formatPercent(others)}`);
  if (rescue && entry.collateralShare > 0) parts.push(`the shared collateral ${formatPercent(entry.collateralShare)}`);
  if (parts.length === 0) return '';
  return `; ${rescue ? 'held up by' : 'causes'}: ${parts.join(', ')}`;
}

/**
 * One sentence per victim, then per rescue. `onePath` (a replay) leaves out the probability,
 * which is 1 for every entry listed.
 */
export function contagionSentences(contagion: AccountContagion, labels: readonly PositionLabel[], onePath: boolean): string[] {
  const names = positionNames(labels);
  const name = (id: string): string => names.get(id) ?? id;
  const howOften = (entry: ContagionEntry): string => (onePath ? '' : ` on ${formatPercent(entry.probability)} of paths`);
  return [
    ...contagion.victims.map((v) => `${name(v.positionId)} is liquidated in cross but survives isolated${howOften(v)}${causesText(v, names, false)}`),
    ...contagion.rescues.map((r) => `${name(r.positionId)} survives in cross but is liquidated isolated${howOften(r)}${causesText(r, names, true)}`),
  ];
}

/** The line shown when there is no contagion at all. */
export const NO_CONTAGION_TEXT = 'No contagion: cross margin neither liquidates a position that survives isolated nor saves one that is liquidated isolated.';
