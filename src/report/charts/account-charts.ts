// Every chart of one account, in report order: (a) modes side by side and (b) the liquidation
// ladder always, then (c) loss distribution, (d) contagion heatmap, (e) joint boundary and (f)
// one replay chart per event when those sections are present. Building the specs is pure and
// synchronous; rendering them to SVG is the asynchronous step.

import type { TopLevelSpec } from 'vega-lite';
import type { AccountReport } from '../report/report-model.js';
import { contagionHeatmapSpec } from './contagion-heatmap-chart.js';
import { jointBoundarySpec } from './joint-boundary-chart.js';
import { liquidationLadderSpec } from './liquidation-ladder-chart.js';
import { lossDistributionSpec } from './loss-distribution-chart.js';
import { modesChartSpec } from './modes-chart.js';
import { renderChartSvg, type ChartWarningSink } from './render-chart-svg.js';
import { replayEquitySpec } from './replay-equity-chart.js';

export const CHART_KINDS = ['modes', 'liquidation-ladder', 'loss-distribution', 'contagion', 'joint-boundary', 'replay'] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

/** A chart of one account before rendering. */
export interface ChartSpecEntry {
  readonly kind: ChartKind;
  /** Position among charts of the same kind (the replay event index; 0 otherwise). */
  readonly index: number;
  /** Plain-text caption, e.g. for an image's alt text. */
  readonly caption: string;
  readonly spec: TopLevelSpec;
}

/** A chart rendered to a standalone SVG document. */
export interface RenderedChart extends Omit<ChartSpecEntry, 'spec'> {
  readonly svg: string;
}

export interface AccountChartOptions {
  /** Most positions drawn in the liquidation ladder (the riskiest); default 40. */
  readonly ladderMaxPositions?: number;
  /** Receives Vega warnings while rendering. */
  readonly onWarning?: ChartWarningSink;
  /** Prefix of element ids in the SVGs, unique per account within one page; default `chart-`. */
  readonly idPrefix?: string;
}

/** The specs of every chart the account's report has data for, in report order. */
export function accountChartSpecs(report: AccountReport, options: AccountChartOptions = {}): ChartSpecEntry[] {
  const account = report.evaluation.account;
  const entries: ChartSpecEntry[] = [
    { kind: 'modes', index: 0, caption: `What the margin mode changes (distance to liquidation, riskiest pool), account ${account}`, spec: modesChartSpec(report.evaluation) },
  ];
  const ladderOptions = options.ladderMaxPositions === undefined ? {} : { maxPositions: options.ladderMaxPositions };
  const ladder = liquidationLadderSpec(report.evaluation, ladderOptions);
  if (ladder !== null) entries.push({ kind: 'liquidation-ladder', index: 0, caption: `Liquidation ladder, account ${account}`, spec: ladder });
  const loss = report.simulation === undefined ? null : lossDistributionSpec(report.simulation);
  if (loss !== null) entries.push({ kind: 'loss-distribution', index: 0, caption: `Loss distribution by margin mode, account ${account}`, spec: loss });
  const contagion = report.contagion === undefined ? null : contagionHeatmapSpec(report.contagion);
  if (contagion !== null) entries.push({ kind: 'contagion', index: 0, caption: `Contagion heatmap (cause × victim), account ${account}`, spec: contagion });
  const joint = report.jointBoundary;
  const boundary = joint === undefined ? null : jointBoundarySpec(joint);
  if (joint !== undefined && boundary !== null) {
    const caption = `Joint liquidation boundary ${joint.first.symbol} × ${joint.second.symbol}, account ${account}`;
    entries.push({ kind: 'joint-boundary', index: 0, caption, spec: boundary });
  }
  (report.replays ?? []).forEach((series, index) => {
    const spec = replayEquitySpec(series);
    if (spec !== null) entries.push({ kind: 'replay', index, caption: `Replay ${series.event}: equity by margin mode, account ${account}`, spec });
  });
  return entries;
}

/** Render every chart of the account (one after another; each takes tens of milliseconds). */
export async function renderAccountCharts(report: AccountReport, options: AccountChartOptions = {}): Promise<RenderedChart[]> {
  const rendered: RenderedChart[] = [];
  for (const entry of accountChartSpecs(report, options)) {
    const { spec, ...rest } = entry;
    const idPrefix = `${options.idPrefix ?? 'chart-'}${entry.kind}-${entry.index}-`;
    const svg = await renderChartSvg(spec, { idPrefix, onWarning: options.onWarning });
    rendered.push({ ...rest, svg });
  }
  return rendered;
}
