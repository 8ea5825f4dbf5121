// The look shared by every chart: one colour per margin mode (the same in every chart and in the
// HTML tables), a system font stack (nothing is fetched), quiet axes and grids, and d3-format
// strings that match how the text tables format money and percentages.

import type { Config } from 'vega-lite';
import { MODE_NAMES, type ModeName } from '../../margin/evaluation.js';
import { moneyDecimals } from '../format/number-format.js';

/** Colour of each margin mode, colour-blind-safe (Tableau 10 blue, orange, green). */
export const MODE_COLORS: Readonly<Record<ModeName, string>> = {
  exported: '#4c78a8',
  isolated: '#f58518',
  cross: '#54a24b',
};

/** Vega-Lite scale for a `mode` colour channel: fixed order and colours. */
export const MODE_COLOR_SCALE = {
  domain: [...MODE_NAMES],
  range: MODE_NAMES.map((mode) => MODE_COLORS[mode]),
};

/** Fonts installed on every desktop; SVG text never triggers a font download. */
const CHART_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", sans-serif';

/** Danger and safe fills used by the liquidation heatmaps. */
export const DANGER_COLOR = '#d6404e';
export const SAFE_COLOR = '#e3efe0';
export const INK_COLOR = '#1f2933';
const MUTED_INK_COLOR = '#52606d';

/** Vega-Lite config applied to every chart. */
export const CHART_CONFIG: Config = {
  font: CHART_FONT,
  background: '#ffffff',
  padding: 8,
  view: { stroke: null },
  axis: {
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: 600,
    labelColor: MUTED_INK_COLOR,
    titleColor: INK_COLOR,
    gridColor: '#e4e7eb',
    domainColor: '#9aa5b1',
    tickColor: '#9aa5b1',
    labelLimit: 220,
  },
  legend: { symbolOpacity: 1, labelFontSize: 11, titleFontSize: 12, titleFontWeight: 600, labelColor: INK_COLOR, titleColor: INK_COLOR, orient: 'bottom', direction: 'horizontal' },
  title: { fontSize: 13, fontWeight: 600, color: INK_COLOR, subtitleColor: MUTED_INK_COLOR, subtitleFontSize: 11, anchor: 'start', offset: 10 },
  header: { labelFontSize: 12, titleFontSize: 12 },
};

/** d3-format for amounts of `asset` on axes and labels: cents for stablecoins, more for coins. */
export function moneyAxisFormat(asset: string): string {
  return `,.${moneyDecimals(asset)}~f`;
}

/** d3-format for a signed fractional move shown as a percentage, e.g. `+12%`. */
export const SIGNED_PERCENT_FORMAT = '+.0~%';

/** Axis `labelExpr` for signed percentages that writes zero as `0%` rather than `+0%`. */
export const SIGNED_PERCENT_LABEL = `datum.value === 0 ? '0%' : format(datum.value, '${SIGNED_PERCENT_FORMAT}')`;

/** d3-format for a probability or share shown as a percentage, e.g. `12.5%`. */
export const PERCENT_FORMAT = '.1~%';
