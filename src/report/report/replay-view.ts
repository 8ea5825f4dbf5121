// One replayed event as a table: per margin mode the loss and bad debt (replay's figures), the
// lowest and final equity over the path and the time of the first liquidation (the bar's start,
// always with its date), plus the UTC time formatting the replay sections share.

import { MODE_NAMES } from '../../margin/evaluation.js';
import type { TableView, ViewCell } from '../format/table-view.js';
import { MISSING_VALUE, formatMoney } from '../format/number-format.js';
import type { ReplaySeries } from './report-model.js';

function cell(text: string, tone: ViewCell['tone'] = 'plain'): ViewCell {
  return { text, tone };
}

/** Epoch milliseconds as `2020-03-12 10:15 UTC` (seconds shown only when not zero). */
export function formatUtcTime(timeMs: number): string {
  const iso = new Date(timeMs).toISOString();
  const seconds = iso.slice(17, 19);
  return `${iso.slice(0, 10)} ${iso.slice(11, seconds === '00' ? 16 : 19)} UTC`;
}

/** Read once under the replay tables: the conventions shared with the `replay` command. */
export const REPLAY_NOTE =
  'First liquidation: the start of the bar (step) it happened in, with its date, as replay\'s liquidatedAt. ' +
  'Loss: equity at the start minus equity at the end (negative for a gain); bad debt: the deficit beyond the liquidation fees the remaining margin could not pay.';

/** `start → end` of a series, or a dash when it has no steps. */
export function replaySpan(series: ReplaySeries): string {
  const first = series.timestampsMs[0];
  const last = series.timestampsMs[series.timestampsMs.length - 1];
  return first === undefined || last === undefined ? MISSING_VALUE : `${formatUtcTime(first)} → ${formatUtcTime(last)}`;
}

/** The table of one replayed event. */
export function replayView(series: ReplaySeries): TableView {
  const asset = series.asset;
  const equities = MODE_NAMES.map((mode) => series.equityByMode[mode]);
  const lowest = equities.map((values) => (values.length === 0 ? null : Math.min(...values)));
  const final = equities.map((values) => values[values.length - 1] ?? null);
  const money = (amount: number | null): ViewCell =>
    amount === null ? cell(MISSING_VALUE) : cell(formatMoney(amount, asset), amount <= 0 ? 'danger' : 'plain');
  const rows: ViewCell[][] = [];
  const { lossByMode, badDebtByMode } = series;
  if (lossByMode !== undefined) rows.push([cell(`Loss (${asset})`), ...MODE_NAMES.map((mode) => cell(formatMoney(lossByMode[mode], asset)))]);
  if (badDebtByMode !== undefined) rows.push([cell(`Bad debt (${asset})`), ...MODE_NAMES.map((mode) => cell(formatMoney(badDebtByMode[mode], asset)))]);
  rows.push([cell(`Lowest equity (${asset})`), ...lowest.map(money)], [cell(`Final equity (${asset})`), ...final.map(money)]);
  const liquidatedAt = series.liquidatedAtMsByMode;
  if (liquidatedAt !== undefined) {
    rows.push([
      cell('First liquidation'),
      ...MODE_NAMES.map((mode) => {
        const at = liquidatedAt[mode];
        return at === null ? cell('none') : cell(formatUtcTime(at), 'danger');
      }),
    ]);
  }
  return { header: ['', ...MODE_NAMES], align: ['left', 'right', 'right', 'right'], rows };
}
