// Chart (c): the Monte Carlo loss distribution of each margin mode, drawn as step lines over
// shared loss bins (share of paths per bin, on a square-root scale so the tail stays visible next
// to the mass of paths that lose nothing), with each mode's value at risk at the highest
// confidence given as a dashed vertical rule. The share axis ends above the highest bin, so the
// tallest spike (often the paths that lose the whole pool) is drawn whole.

import type { TopLevelSpec } from 'vega-lite';
import { MODE_NAMES, type ModeName } from '../../margin/evaluation.js';
import type { SimulationSection } from '../report/report-model.js';
import { MODE_COLOR_SCALE, PERCENT_FORMAT, moneyAxisFormat } from './chart-theme.js';

/** Name of the step-line mark (one line per mode), for tests and styles. */
export const LOSS_LINE_MARK = 'loss_lines';

interface LossStepDatum {
  readonly mode: ModeName;
  /** Left edge of the bin (the last datum closes the final bin at its right edge). */
  readonly loss: number;
  /** Fraction of the mode's paths whose loss falls in the bin. */
  readonly share: number;
}

/** The share axis ends this much above the highest bin (on the share, before the square root). */
export const SPIKE_HEADROOM = 1.12;

/** Candidate ticks of the square-root share axis (sqrt crowds automatic ticks near the top). */
const SHARE_TICKS = [0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1];

/** Smallest gap between ticks, as a fraction of the axis length (on the square-root scale). */
const MIN_TICK_GAP = 0.08;

/** Ticks for shares up to `highest`: the candidates below it, thinned where they would crowd. */
export function shareTicks(highest: number): number[] {
  const top = Math.sqrt(Math.max(highest, 1e-12));
  const ticks: number[] = [];
  for (const tick of SHARE_TICKS) {
    if (tick > highest * 1.05) break;
    const previous = ticks[ticks.length - 1];
    if (previous === undefined || (Math.sqrt(tick) - Math.sqrt(previous)) / top >= MIN_TICK_GAP) ticks.push(tick);
  }
  return ticks;
}

/** The confidence key with the highest level, e.g. `"0.99"` of `"0.95"` and `"0.99"`; null if none. */
export function highestConfidence(keys: readonly string[]): string | null {
  let best: string | null = null;
  for (const key of keys) if (best === null || Number(key) > Number(best)) best = key;
  return best;
}

/** Step-line points: each bin's left edge with its share, plus a closing point per mode. */
export function lossSteps(simulation: SimulationSection): LossStepDatum[] {
  const histogram = simulation.lossHistogram;
  if (histogram === undefined) return [];
  const edges = histogram.lossBinEdges;
  const steps: LossStepDatum[] = [];
  for (const mode of MODE_NAMES) {
    const counts = histogram.countsByMode[mode];
    const total = counts.reduce((sum, c) => sum + c, 0);
    if (total === 0 || counts.length === 0 || edges.length !== counts.length + 1) continue;
    counts.forEach((count, i) => steps.push({ mode, loss: edges[i]!, share: count / total }));
    steps.push({ mode, loss: edges[counts.length]!, share: counts[counts.length - 1]! / total });
  }
  return steps;
}

/** Vega-Lite spec of chart (c), or null when the section carries no usable histogram. */
export function lossDistributionSpec(simulation: SimulationSection): TopLevelSpec | null {
  const steps = lossSteps(simulation);
  if (steps.length === 0) return null;
  const asset = simulation.asset;
  const confidence = highestConfidence(Object.keys(simulation.modes.exported.valueAtRisk));
  const varRules =
    confidence === null
      ? []
      : MODE_NAMES.map((mode) => ({ mode, valueAtRisk: simulation.modes[mode].valueAtRisk[confidence] ?? null })).filter(
          (r): r is { mode: ModeName; valueAtRisk: number } => r.valueAtRisk !== null,
        );
  const color = { field: 'mode', type: 'nominal' as const, scale: MODE_COLOR_SCALE, title: 'Margin mode' };
  const subtitle =
    confidence === null
      ? 'Share of simulated paths per loss bin'
      : `Share of simulated paths per loss bin; dashed: ${Number(confidence) * 100}% value at risk`;
  // The top of the axis clears the highest bin by a margin, so no spike is cut at the frame.
  const highest = Math.max(...steps.map((s) => s.share));
  const top = Math.min(1, highest * SPIKE_HEADROOM) || 1;
  const lines = {
    name: LOSS_LINE_MARK,
    data: { values: steps.map((s) => ({ ...s })) },
    mark: { type: 'line' as const, interpolate: 'step-after' as const, strokeWidth: 2 },
    encoding: {
      x: { field: 'loss', type: 'quantitative' as const, title: `Loss (${asset})`, axis: { format: moneyAxisFormat(asset) } },
      y: {
        field: 'share',
        type: 'quantitative' as const,
        title: 'Paths (%, sqrt scale)',
        scale: { type: 'sqrt' as const, domain: [0, top], nice: false, clamp: false },
        axis: { format: PERCENT_FORMAT, values: shareTicks(top) },
      },
      color,
    },
  };
  const rules = {
    data: { values: varRules.map((r) => ({ ...r })) },
    mark: { type: 'rule' as const, strokeDash: [5, 4], strokeWidth: 1.5 },
    encoding: { x: { field: 'valueAtRisk', type: 'quantitative' as const }, color },
  };
  return {
    title: { text: 'Loss distribution over the horizon', subtitle },
    width: 440,
    height: 240,
    layer: varRules.length === 0 ? [lines] : [lines, rules],
  };
}
