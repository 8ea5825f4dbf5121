// The chart specs compile with Vega-Lite and render to SVG in Node with the expected marks: one
// bar per mode, one ladder point per position and mode, one loss line per mode, one heatmap cell
// per cause × victim or grid point, one equity line per mode per replay; no warnings, no URLs
// beyond the SVG namespaces, user strings escaped, byte-identical output on a second render.

import { describe, expect, it } from 'vitest';
import { MODE_NAMES, type AccountEvaluation, type ModeName } from '../../../src/margin/evaluation.js';
import { formatPercent } from '../../../src/report/format/number-format.js';
import { accountChartSpecs, renderAccountCharts } from '../../../src/report/charts/account-charts.js';
import { CONTAGION_CELL_MARK, contagionHeatmapSpec, sharedIdPrefix } from '../../../src/report/charts/contagion-heatmap-chart.js';
import { BOUNDARY_CELL_MARK, BOUNDARY_CURRENT_MARK, boundaryRuns, cellEdges, jointBoundarySpec } from '../../../src/report/charts/joint-boundary-chart.js';
import { LADDER_POINT_MARK, ladderData, liquidationLadderSpec } from '../../../src/report/charts/liquidation-ladder-chart.js';
import { LOSS_LINE_MARK, SPIKE_HEADROOM, highestConfidence, lossDistributionSpec, lossSteps, shareTicks } from '../../../src/report/charts/loss-distribution-chart.js';
import { MODES_CHART_MARKS, modesChartSpec } from '../../../src/report/charts/modes-chart.js';
import { renderChartSvg } from '../../../src/report/charts/render-chart-svg.js';
import { REPLAY_LINE_MARK, replayEquitySpec } from '../../../src/report/charts/replay-equity-chart.js';
import { contagionMatrix } from '../../../src/report/report/contagion-matrix.js';
import { sampleEvaluation, singlePositionEvaluation } from '../sample-evaluation.js';
import { HOSTILE, evaluateBook, fullReport, hostileBook, sampleBoundary, sampleContagion, sampleReplays, sampleSimulation } from './report-fixtures.js';
import { markItemCount, urlsIn } from './svg-marks.js';

const SVG_NAMESPACES = ['http://www.w3.org/2000/svg', 'http://www.w3.org/1999/xlink'];

/** Render, failing the test on any Vega warning. */
async function render(spec: Parameters<typeof renderChartSvg>[0] | null): Promise<string> {
  expect(spec).not.toBeNull();
  const warnings: string[] = [];
  const svg = await renderChartSvg(spec!, { onWarning: (message) => warnings.push(message) });
  expect(warnings).toEqual([]);
  expect(svg.startsWith('<svg')).toBe(true);
  expect(urlsIn(svg).every((url) => SVG_NAMESPACES.includes(url))).toBe(true);
  return svg;
}

/** The sample evaluation with the isolated pool of the ETH short liquidatable now. */
function withLiquidatableIsolatedEth(): AccountEvaluation {
  const evaluation = sampleEvaluation();
  const isolated = evaluation.modes.isolated;
  const ethPool = {
    poolId: 'desk:desk:ETHUSDT:short',
    marginMode: 'isolated' as const,
    asset: 'USDT',
    positionIds: ['desk:ETHUSDT:short'],
    collateral: 300,
    equity: 20,
    maintenanceMargin: 30,
    marginRatio: 1.5,
    liquidatable: true,
    uniformMoveToLiquidation: { down: null, up: null },
  };
  return { ...evaluation, modes: { ...evaluation.modes, isolated: { ...isolated, liquidatable: true, pools: [ethPool] } } };
}

describe('chart (a): what the margin mode changes', () => {
  it('draws per mode the distance down and up and the riskiest pool, not the equity every mode shares', async () => {
    const evaluation = sampleEvaluation();
    const svg = await render(modesChartSpec(evaluation));
    const bars = MODE_NAMES.reduce((n, m) => {
      const { down, up } = evaluation.modes[m].uniformMoveToLiquidation;
      return n + Math.max(1, (down === null ? 0 : 1) + (up === null ? 0 : 1));
    }, 0);
    expect(markItemCount(svg, MODES_CHART_MARKS.distance)).toBe(bars);
    expect(markItemCount(svg, MODES_CHART_MARKS.riskiestPool)).toBe(3);
    expect(svg).toContain('All marks moving together to liquidation');
    expect(svg).toContain('Riskiest pool: maintenance / equity');
    expect(svg).not.toContain('Equity (USDT)');
    const down = evaluation.modes.cross.uniformMoveToLiquidation.down;
    if (down !== null) expect(svg).toContain(formatPercent(-down, true));
  });

  it('labels a pool under water instead of a ratio', async () => {
    const svg = await render(modesChartSpec(singlePositionEvaluation()));
    expect(markItemCount(svg, MODES_CHART_MARKS.riskiestPool)).toBe(3);
  });
});

describe('chart (b): liquidation ladder', () => {
  it('draws one point per position per mode, riskiest position first', async () => {
    const evaluation = sampleEvaluation();
    const data = ladderData(evaluation);
    expect(data.labels).toEqual(['ETHUSDT short', 'BTCUSDT long']);
    expect(data.points).toHaveLength(6);
    const svg = await render(liquidationLadderSpec(evaluation));
    expect(markItemCount(svg, LADDER_POINT_MARK)).toBe(6);
    expect(svg).toContain('Distance to liquidation (% of mark price; negative = price falls)');
    // ETH in cross is +166.7 % away: drawn at the +100 % edge with its value written.
    const cross = data.points.find((p) => p.label === 'ETHUSDT short' && p.mode === 'cross')!;
    expect(cross).toMatchObject({ shownDistance: 1, beyondAxis: true });
    expect(svg).toContain('+167%');
  });

  it('counts the points of a real book: every position in every mode', async () => {
    const evaluation = evaluateBook(hostileBook());
    const expected = (['exported', 'isolated', 'cross'] as ModeName[]).reduce(
      (sum, mode) => sum + evaluation.modes[mode].positions.filter((p) => p.distanceToLiquidation !== null).length,
      0,
    );
    const svg = await render(liquidationLadderSpec(evaluation));
    expect(markItemCount(svg, LADDER_POINT_MARK)).toBe(expected);
  });

  it('keeps only the riskiest positions when asked, and says so', async () => {
    const svg = await render(liquidationLadderSpec(sampleEvaluation(), { maxPositions: 1 }));
    expect(markItemCount(svg, LADDER_POINT_MARK)).toBe(3);
    expect(svg).toContain('Position (1 riskiest of 2)');
  });

  it('draws a position whose pool is liquidatable now at 0, labelled', async () => {
    const evaluation = withLiquidatableIsolatedEth();
    const point = ladderData(evaluation).points.find((p) => p.label === 'ETHUSDT short' && p.mode === 'isolated')!;
    expect(point).toMatchObject({ shownDistance: 0, liquidatableNow: true });
    const svg = await render(liquidationLadderSpec(evaluation));
    expect(markItemCount(svg, LADDER_POINT_MARK)).toBe(6);
    expect(svg).toContain('liquidatable now');
  });

  it('has no chart when no position has a liquidation price', () => {
    expect(liquidationLadderSpec(singlePositionEvaluation())).toBeNull();
  });
});

describe('chart (c): loss distribution', () => {
  it('draws one step line per mode over the shared bins', async () => {
    const simulation = sampleSimulation();
    expect(lossSteps(simulation)).toHaveLength(3 * 13);
    const svg = await render(lossDistributionSpec(simulation));
    expect(markItemCount(svg, LOSS_LINE_MARK)).toBe(3);
    expect(svg).toContain('Loss (USDT)');
    expect(svg).toContain('99% value at risk');
  });

  it('ends the share axis above the tallest spike, so no spike is clipped', () => {
    const simulation = sampleSimulation();
    const spec = lossDistributionSpec(simulation) as unknown as { layer: { encoding: { y?: { scale: { domain: number[] } } } }[] };
    const highest = Math.max(...lossSteps(simulation).map((s) => s.share));
    const domain = spec.layer[0]!.encoding.y!.scale.domain;
    expect(domain[0]).toBe(0);
    expect(domain[1]).toBeCloseTo(Math.min(1, highest * SPIKE_HEADROOM), 12);
    expect(domain[1]).toBeGreaterThan(highest);
  });

  it('picks the highest confidence and needs a histogram', () => {
    expect(highestConfidence(['0.95', '0.99', '0.975'])).toBe('0.99');
    expect(highestConfidence([])).toBeNull();
    const { lossHistogram: _omitted, ...withoutHistogram } = sampleSimulation();
    expect(lossDistributionSpec(withoutHistogram)).toBeNull();
  });
});

describe('chart (d): contagion heatmap', () => {
  it('names positions by what differs, the shared account prefix once in the axis titles, never truncated', async () => {
    expect(sharedIdPrefix(['degen-50x:BTCUSDT:long', 'degen-50x:DOGEUSDT:long'])).toBe('degen-50x:');
    expect(sharedIdPrefix(['a:X', 'b:Y'])).toBe('');
    const svg = await render(contagionHeatmapSpec(sampleContagion()));
    expect(svg).toContain('Cause (ids after desk:)');
    expect(svg).not.toContain('…');
  });

  it('draws one cell per cause × victim', async () => {
    const section = sampleContagion();
    const matrix = contagionMatrix(section);
    expect(matrix.causeIds).toEqual(['desk:BTCUSDT:long', 'desk:SOLUSDT:long']);
    expect(matrix.victimIds).toEqual(['desk:ETHUSDT:short', 'desk:BTCUSDT:long']);
    expect(matrix.probability[0]![0]).toBeCloseTo(0.062 * 0.7, 12);
    expect(matrix.probability[1]![1]).toBeCloseTo(0.018, 12);
    const svg = await render(contagionHeatmapSpec(section));
    expect(markItemCount(svg, CONTAGION_CELL_MARK)).toBe(4);
  });

  it('uses a given matrix as is and escapes hostile ids', async () => {
    const section = {
      victims: [],
      rescues: [],
      matrix: { causeIds: [HOSTILE, 'b', 'c'], victimIds: ['v1', `${HOSTILE}v`], probability: [[0.1, 0], [0, 0.2], [0.05, 0.05]] },
    };
    const svg = await render(contagionHeatmapSpec(section));
    expect(markItemCount(svg, CONTAGION_CELL_MARK)).toBe(6);
    expect(svg).not.toMatch(/<script/i);
    expect(svg).toContain('&lt;script&gt;');
  });

  it('has no chart without victims', () => {
    expect(contagionHeatmapSpec({ victims: [], rescues: [] })).toBeNull();
  });
});

describe('chart (e): joint liquidation boundary', () => {
  it('draws one rect per run of equal outcome in each column, and marks the current prices', async () => {
    const section = sampleBoundary();
    // Runs: per column, one more than the number of outcome changes along the column.
    const expectedRuns = section.liquidatedInCross.reduce((sum, column) => sum + 1 + column.filter((v, j) => j > 0 && v !== column[j - 1]).length, 0);
    expect(boundaryRuns(section)).toHaveLength(expectedRuns);
    const svg = await render(jointBoundarySpec(section));
    expect(markItemCount(svg, BOUNDARY_CELL_MARK)).toBe(expectedRuns);
    expect(markItemCount(svg, BOUNDARY_CURRENT_MARK)).toBe(1);
    expect(svg).toContain('BTCUSDT mark move (%)');
    expect(svg).toContain('SOLUSDT mark move (%)');
  });

  it('merges a column into runs covering every grid point exactly once', () => {
    const runs = boundaryRuns({
      first: { symbol: 'A', moves: [-0.1, 0.1] },
      second: { symbol: 'B', moves: [-0.2, 0, 0.2] },
      liquidatedInCross: [
        [true, true, false],
        [false, false, false],
      ],
    });
    expect(runs.map((r) => [r.x, r.x2, r.y, r.y2, r.status])).toEqual([
      [-0.2, 0, -0.30000000000000004, 0.1, 'liquidated in cross'],
      [-0.2, 0, 0.1, 0.30000000000000004, 'survives'],
      [0, 0.2, -0.30000000000000004, 0.30000000000000004, 'survives'],
    ]);
    expect(runs[0]!.description).toBe('A -10.00%, B -20.00% to 0.00%: liquidated in cross');
  });

  it('splits cells halfway between grid points, also on uneven grids', () => {
    expect(cellEdges([-0.2, 0, 0.1])).toEqual([
      { from: -0.30000000000000004, to: -0.1 },
      { from: -0.1, to: 0.05 },
      { from: 0.05, to: 0.15000000000000002 },
    ]);
    expect(cellEdges([0])).toEqual([{ from: -0.005, to: 0.005 }]);
  });
});

describe('chart (f): replay equity curves', () => {
  it('draws one equity line per mode for each event', async () => {
    for (const series of sampleReplays()) {
      const svg = await render(replayEquitySpec(series));
      expect(markItemCount(svg, REPLAY_LINE_MARK)).toBe(3);
      expect(svg).toContain('Equity (USDT)');
      expect(svg).toContain('Time (UTC)');
    }
  });
});

describe('account charts', () => {
  it('lists every chart the report has data for, in report order', () => {
    const kinds = accountChartSpecs(fullReport()).map((c) => `${c.kind}#${c.index}`);
    expect(kinds).toEqual(['modes#0', 'liquidation-ladder#0', 'loss-distribution#0', 'contagion#0', 'joint-boundary#0', 'replay#0', 'replay#1']);
    expect(accountChartSpecs({ evaluation: sampleEvaluation() }).map((c) => c.kind)).toEqual(['modes', 'liquidation-ladder']);
  });

  it('renders deterministically, escaping hostile account names', async () => {
    const report = { evaluation: evaluateBook(hostileBook()) };
    const first = await renderAccountCharts(report);
    const second = await renderAccountCharts(report);
    expect(second.map((c) => c.svg)).toEqual(first.map((c) => c.svg));
    expect(first[0]!.svg).toContain('id="chart-modes-0-1"');
    for (const chart of first) expect(chart.svg).not.toMatch(/<script/i);
  });
});

describe('loss axis ticks', () => {
  it('thins square-root ticks that would crowd near zero', () => {
    expect(shareTicks(0.67)).toEqual([0, 0.01, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7]);
    expect(shareTicks(0.04)).toEqual([0, 0.01, 0.02]);
  });
});
