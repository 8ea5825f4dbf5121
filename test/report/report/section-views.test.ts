// The table views and text helpers behind both reports: summary cells, simulation, contagion and
// replay tables, the boundary text grid, and local SVG ids.

import { describe, expect, it } from 'vitest';
import { localizeSvgIds } from '../../../src/report/charts/svg-ids.js';
import { summaryRowCells } from '../../../src/report/report/batch-summary-view.js';
import { boundaryNotes } from '../../../src/report/report/boundary-notes.js';
import { boundaryTextGrid } from '../../../src/report/report/boundary-text-grid.js';
import { causesText } from '../../../src/report/report/contagion-view.js';
import { escapeHtml } from '../../../src/report/format/html-escape.js';
import { formatUtcTime, replayView } from '../../../src/report/report/replay-view.js';
import { confidenceLabel, simulationView } from '../../../src/report/report/simulation-view.js';
import { summarizeAccount } from '../../../src/report/report/account-risk-summary.js';
import { sampleEvaluation } from '../sample-evaluation.js';
import { sampleBoundary, sampleContagion, sampleReplays, sampleSimulation } from './report-fixtures.js';

describe('section views', () => {
  it('summary cells: ratios, moves down / up with far moves capped, liquidatable modes', () => {
    const cells = summaryRowCells(summarizeAccount(sampleEvaluation()), 3, 'USDT').map((c) => c.text);
    expect(cells).toEqual(['3', 'desk', '2', '11,500.25', '1.83%', '1.83%', '1.83%', '-20.00% / +7.80%', '-16.78% / +7.80%', '-31.00% / —', 'no']);
    const evaluation = sampleEvaluation();
    const far = { ...evaluation, modes: { ...evaluation.modes, cross: { ...evaluation.modes.cross, uniformMoveToLiquidation: { down: 0.5, up: 1e5 } } } };
    expect(summaryRowCells(summarizeAccount(far), 1, null)[9]!.text).toBe('-50.00% / >+1,000%');
    expect(summaryRowCells(summarizeAccount(far), 1, null)[3]!.text).toBe('11,500.25 USDT');
  });

  it('simulation table: every confidence level, amounts in the asset', () => {
    const view = simulationView(sampleSimulation());
    expect(view.rows.map((r) => r[0]!.text)).toEqual([
      'Liquidation probability (any position)',
      'Expected loss (USDT)',
      'Value at risk 95% (USDT)',
      'Value at risk 99% (USDT)',
      'Expected shortfall 95% (USDT)',
      'Expected shortfall 99% (USDT)',
      'Expected bad debt (USDT)',
    ]);
    expect(view.rows[0]!.map((c) => c.text)).toEqual(['Liquidation probability (any position)', '8.30%', '12.10%', '4.70%']);
    expect(confidenceLabel('0.975')).toBe('97.5%');
  });

  it('contagion causes, largest share first', () => {
    expect(causesText(sampleContagion().victims[0]!)).toBe('desk:BTCUSDT:long 70.00%, desk:SOLUSDT:long 30.00%');
  });

  it('a rescue names the shared collateral\'s share, so its parts sum to 100 %', () => {
    const rescue = { positionId: 'degen-50x:SOLUSDT:short', probability: 0.6078, causes: [{ positionId: 'a', share: 0.4202 }, { positionId: 'b', share: 0.2866 }], collateralShare: 0.2932 };
    expect(causesText(rescue)).toBe('a 42.02%, b 28.66%, the shared collateral 29.32%');
    expect(rescue.causes.reduce((sum, c) => sum + c.share, rescue.collateralShare)).toBeCloseTo(1, 12);
    expect(causesText({ ...rescue, collateralShare: 0 })).toBe('a 42.02%, b 28.66%');
  });

  it('Monte Carlo estimates with their standard errors', () => {
    const section = sampleSimulation();
    const se = { liquidationProbability: 0.0028, expectedLoss: 21.5, valueAtRisk: { '0.95': 3 }, expectedShortfall: {}, expectedBadDebt: null };
    const view = simulationView({ ...section, modes: { ...section.modes, isolated: { ...section.modes.isolated, standardErrors: se } } });
    expect(view.rows[0]![2]!.text).toBe('12.10% ±0.28%');
    expect(view.rows[1]![2]!.text).toMatch(/ ±21\.50$/);
    expect(view.rows[1]![1]!.text).not.toContain('±');
  });

  it('replay table and UTC times', () => {
    expect(formatUtcTime(Date.UTC(2020, 2, 12, 10, 15))).toBe('2020-03-12 10:15 UTC');
    expect(formatUtcTime(Date.UTC(2020, 2, 12, 10, 15, 7))).toBe('2020-03-12 10:15:07 UTC');
    const second = replayView(sampleReplays()[1]!);
    expect(second.rows.map((r) => r[0]!.text)).toEqual(['Lowest equity (USDT)', 'Final equity (USDT)']);
  });

  it('boundary grid: rows from the largest move down, current marks as O', () => {
    const grid = boundaryTextGrid({
      first: { symbol: 'A', moves: [-0.1, 0, 0.1] },
      second: { symbol: 'B', moves: [-0.1, 0] },
      liquidatedInCross: [
        [true, false],
        [false, false],
        [false, false],
      ],
    });
    expect(grid).toEqual(['  0.00% . O .', '-10.00% # . .', '        -10.00% +10.00%']);
  });

  it('escapes HTML and localises SVG ids', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const svg = '<svg><clipPath id="clip7"><rect/></clipPath><g clip-path="url(#clip7)"/><linearGradient id="gradient_3"/><rect fill="url(#gradient_3)"/></svg>';
    expect(localizeSvgIds(svg, 'a-')).toBe('<svg><clipPath id="a-1"><rect/></clipPath><g clip-path="url(#a-1)"/><linearGradient id="a-2"/><rect fill="url(#a-2)"/></svg>');
    expect(() => localizeSvgIds(svg, '1"x')).toThrow(/not a valid id start/);
  });
});

describe('boundary notes', () => {
  it('names the nearest liquidating move along each axis through the current marks', () => {
    expect(boundaryNotes(sampleBoundary())).toEqual([
      'BTCUSDT moving alone (SOLUSDT at 0.00%): liquidated at -40.00% or lower (nearest grid points).',
      'SOLUSDT moving alone (BTCUSDT at 0.00%): liquidated at -32.00% or lower (nearest grid points).',
    ]);
    const safe = { ...sampleBoundary(), liquidatedInCross: sampleBoundary().liquidatedInCross.map((column) => column.map(() => false)) };
    expect(boundaryNotes(safe)[0]).toBe('BTCUSDT moving alone (SOLUSDT at 0.00%): no move on the grid liquidates.');
  });

  it('prints the exact crossings, not grid points, when the section has them', () => {
    const exact = { ...sampleBoundary(), alone: { first: { below: -0.04197, above: null }, second: { below: -0.1354, above: 0.5 } } };
    expect(boundaryNotes(exact)).toEqual([
      'BTCUSDT moving alone (SOLUSDT at its mark): liquidated at -4.20% or lower.',
      'SOLUSDT moving alone (BTCUSDT at its mark): liquidated at -13.54% or lower and at +50.00% or higher.',
    ]);
  });
});
