// The batch summary as an HTML table, written row by row: a two-level header (the per-mode
// columns grouped under their measure) and one row per account, the account name linking to
// its detailed section when it has one.

import type { ViewCell } from '../format/table-view.js';
import { formatFixed } from '../format/number-format.js';
import type { SummaryColumn } from './batch-summary-view.js';
import { escapeHtml } from '../format/html-escape.js';
import { cellClass, headerContent } from './html-table.js';

/** Index of the account-name column in `summaryColumns`. */
const ACCOUNT_COLUMN = 1;

/** Opening of the table through the header. */
export function summaryTableOpen(columns: readonly SummaryColumn[], caption: string): string {
  const groups: string[] = [];
  for (let i = 0; i < columns.length; ) {
    const group = columns[i]!.group;
    let span = 1;
    while (group !== null && columns[i + span]?.group === group) span++;
    groups.push(group === null ? '<th></th>' : `<th scope="colgroup" colspan="${span}">${escapeHtml(group)}</th>`);
    i += span;
  }
  const labels = columns.map((c) => `<th scope="col" class="${c.align === 'right' ? 'num' : 'txt'}">${headerContent(c.label)}</th>`).join('');
  return (
    `<div class="table-wrap"><table class="summary-table"><caption>${escapeHtml(caption)}</caption>\n` +
    `<thead><tr class="groups">${groups.join('')}</tr><tr>${labels}</tr></thead>\n<tbody>\n`
  );
}

/** One account's row; `anchor` is the id of its detailed section, null when it has none. */
export function summaryTableRow(columns: readonly SummaryColumn[], cells: readonly ViewCell[], anchor: string | null): string {
  const tds = cells.map((c, i) => {
    const text = escapeHtml(c.text);
    const content = i === ACCOUNT_COLUMN && anchor !== null ? `<a href="#${escapeHtml(anchor)}">${text}</a>` : text;
    const idClass = i === ACCOUNT_COLUMN ? ' id' : '';
    return `<td class="${cellClass(columns[i]?.align, c.tone)}${idClass}">${content}</td>`;
  });
  return `<tr>${tds.join('')}</tr>\n`;
}

/** Closing of the table; `omitted` rows beyond the limit are mentioned in a last row. */
export function summaryTableClose(columns: readonly SummaryColumn[], omitted: number): string {
  const more =
    omitted > 0 ? `<tr><td class="more" colspan="${columns.length}">${formatFixed(omitted, 0)} less risky account${omitted === 1 ? '' : 's'} not listed</td></tr>\n` : '';
  return `${more}</tbody></table></div>`;
}
