// One replayed event as a table: per margin mode the lowest and final equity over the path and
// the time of the first liquidation, plus the UTC time formatting the replay sections share.

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

/** `10:15 UTC` when `timeMs` falls on the same UTC day as `dayMs`, else the full `formatUtcTime`. */
function formatUtcTimeWithin(timeMs: number, dayMs: number | undefined): string {
  const full = formatUtcTime(timeMs);
  return dayMs !== undefined && formatUtcTime(dayMs).slice(0, 10) === full.slice(0, 10) ? full.slice(11) : full;
}

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
  const rows: ViewCell[][] = [
    [cell(`Lowest equity (${asset})`), ...lowest.map(money)],
    [cell(`Final equity (${asset})`), ...final.map(money)],
  ];
  const liquidatedAt = series.liquidatedAtMsByMode;
  if (liquidatedAt !== undefined) {
    rows.push([
      cell('First liquidation'),
      ...MODE_NAMES.map((mode) => {
        const at = liquidatedAt[mode];
        return at === null ? cell('none') : cell(formatUtcTimeWithin(at, series.timestampsMs[0]), 'danger');
      }),
    ]);
  }
  return { header: ['', ...MODE_NAMES], align: ['left', 'right', 'right', 'right'], rows };
}
