// Contagion as tables: the victims (liquidated in cross on paths where they survive isolated) and
// the rescues (the reverse), each with its probability and the positions responsible, largest
// share first.

import type { TableView, ViewCell } from '../format/table-view.js';
import { formatPercent } from '../format/number-format.js';
import type { ContagionSectionEntry } from './report-model.js';

function cell(text: string, tone: ViewCell['tone'] = 'plain'): ViewCell {
  return { text, tone };
}

/**
 * `id 70.00%, other 30.00%`, largest share first, then `others x%` for the causes not listed and,
 * for a rescue, `the shared collateral y%`: the parts of an entry sum to 100 %.
 */
export function causesText(entry: ContagionSectionEntry): string {
  const named = [...entry.causes].sort((a, b) => b.share - a.share || (a.positionId < b.positionId ? -1 : 1)).map((c) => `${c.positionId} ${formatPercent(c.share)}`);
  if (entry.othersShare !== undefined && entry.othersShare > 0) named.push(`others ${formatPercent(entry.othersShare)}`);
  if (entry.collateralShare !== undefined && entry.collateralShare > 0) named.push(`the shared collateral ${formatPercent(entry.collateralShare)}`);
  return named.join(', ');
}

function entriesView(entries: readonly ContagionSectionEntry[], positionLabel: string, causesLabel: string, tone: ViewCell['tone']): TableView {
  const sorted = [...entries].sort((a, b) => b.probability - a.probability || (a.positionId < b.positionId ? -1 : 1));
  return {
    header: [positionLabel, 'Probability', causesLabel],
    align: ['left', 'right', 'left'],
    rows: sorted.map((e) => [cell(e.positionId), cell(formatPercent(e.probability), tone), cell(causesText(e))]),
  };
}

/** Victims, most likely first. */
export function victimsView(victims: readonly ContagionSectionEntry[]): TableView {
  return entriesView(victims, 'Victim (liquidated in cross only)', 'Dragged down by (share)', 'danger');
}

/** Rescues, most likely first. */
export function rescuesView(rescues: readonly ContagionSectionEntry[]): TableView {
  return entriesView(rescues, 'Rescued (liquidated isolated only)', 'Saved by (share)', 'plain');
}
