// Chart (f): a historical (or user-supplied) replay, account equity over time in each margin
// mode, with a dashed vertical rule where a mode's first liquidation happened. Times are shown
// in UTC so the same inputs give the same SVG on every machine.

import type { TopLevelSpec } from 'vega-lite';
import { MODE_NAMES, type ModeName } from '../../margin/evaluation.js';
import type { ReplaySeries } from '../report/report-model.js';
import { MODE_COLOR_SCALE, moneyAxisFormat } from './chart-theme.js';

/** Name of the equity line mark (one line per mode), for tests and styles. */
export const REPLAY_LINE_MARK = 'replay_lines';

interface EquityDatum {
  readonly mode: ModeName;
  readonly timeMs: number;
  readonly equity: number;
}

/** Vega-Lite spec of chart (f) for one event, or null when the series has no steps. */
export function replayEquitySpec(series: ReplaySeries): TopLevelSpec | null {
  if (series.timestampsMs.length === 0) return null;
  const points: EquityDatum[] = [];
  for (const mode of MODE_NAMES) {
    const equity = series.equityByMode[mode];
    series.timestampsMs.forEach((timeMs, i) => {
      const value = equity[i];
      if (value !== undefined) points.push({ mode, timeMs, equity: value });
    });
  }
  const liquidations = MODE_NAMES.flatMap((mode) => {
    const at = series.liquidatedAtMsByMode?.[mode] ?? null;
    return at === null ? [] : [{ mode, timeMs: at }];
  });
  const color = { field: 'mode', type: 'nominal' as const, scale: MODE_COLOR_SCALE, title: 'Margin mode' };
  const x = {
    field: 'timeMs',
    type: 'temporal' as const,
    title: 'Time (UTC)',
    scale: { type: 'utc' as const },
    axis: { format: '%d %b %H:%M', labelOverlap: true, tickCount: 5 },
  };
  const lines = {
    name: REPLAY_LINE_MARK,
    data: { values: points.map((p) => ({ ...p })) },
    mark: { type: 'line' as const, strokeWidth: 2, interpolate: 'linear' as const },
    encoding: {
      x,
      y: { field: 'equity', type: 'quantitative' as const, title: `Equity (${series.asset})`, axis: { format: moneyAxisFormat(series.asset) } },
      color,
    },
  };
  const rules = {
    data: { values: liquidations.map((l) => ({ ...l })) },
    mark: { type: 'rule' as const, strokeDash: [5, 4], strokeWidth: 1.5 },
    encoding: { x, color },
  };
  return {
    title: {
      text: `Replay ${series.event}: account equity by margin mode`,
      subtitle: liquidations.length > 0 ? 'Dashed: first liquidation in that mode (the start of its bar)' : 'No liquidation in any mode',
    },
    width: 440,
    height: 220,
    layer: liquidations.length > 0 ? [lines, rules] : [lines],
  };
}
