// The pieces behind `marginscope report`, tested directly: the shared loss histogram, the replay
// equity curve read off the replay kernel (its points are the kernel's own equity: the last one
// is the full replay's, the lowest one its minimum equity), and the engine → report-model mapping
// of the joint boundary.

import { describe, expect, it } from 'vitest';
import { accountJointBoundary } from '../../src/boundary/joint-boundary.js';
import { prepareAccount } from '../../src/margin/prepared-account.js';
import { loadBundledEvent, loadBundledEventLibrary } from '../../src/io/bundled-events.js';
import { loadBundledTierBook } from '../../src/io/bundled-tiers.js';
import { compileBook } from '../../src/kernel/compile-book.js';
import { runReplay } from '../../src/kernel/run-replay.js';
import type { MarginContext } from '../../src/margin/evaluate-account.js';
import { MODE_NAMES } from '../../src/margin/evaluation.js';
import { jointBoundarySection } from '../../src/report/report/report-assembly.js';
import { lossHistogram } from '../../src/report/report/loss-histogram.js';
import { replayEquityCurve } from '../../src/flows/replay-equity-curve.js';
import { eventReplayPath } from '../../src/scenarios/events/event-replay-path.js';
import { kernelReplayPath } from '../../src/flows/replay.js';
import { deskBook } from '../report/report/report-fixtures.js';

const CONTEXT: MarginContext = { tierBook: loadBundledTierBook(), allocation: 'leverage' };

describe('lossHistogram', () => {
  it('counts every path of every mode into shared equal-width bins', () => {
    const losses = { exported: Float64Array.of(0, 0, 10), isolated: Float64Array.of(5, 10, 10), cross: Float64Array.of(-10, 0, 10) };
    const histogram = lossHistogram(losses, 4)!;
    expect(histogram.lossBinEdges).toEqual([-10, -5, 0, 5, 10]);
    expect(histogram.countsByMode).toEqual({ exported: [0, 0, 2, 1], isolated: [0, 0, 0, 3], cross: [1, 0, 1, 1] });
    for (const mode of MODE_NAMES) expect(histogram.countsByMode[mode].reduce((a, b) => a + b, 0)).toBe(3);
  });

  it('one bin when every loss is equal; null without paths', () => {
    const same = { exported: Float64Array.of(2, 2), isolated: Float64Array.of(2), cross: Float64Array.of(2) };
    expect(lossHistogram(same, 10)).toEqual({ lossBinEdges: [2, 3], countsByMode: { exported: [2], isolated: [1], cross: [1] } });
    expect(lossHistogram({ exported: new Float64Array(0), isolated: new Float64Array(0), cross: new Float64Array(0) })).toBeNull();
  });
});

describe('replayEquityCurve', () => {
  it("is the replay kernel's own equity: ends at the full replay's, bottoms at its minimum", () => {
    const prepared = prepareAccount(deskBook('desk', 4_000), CONTEXT).account!;
    const book = compileBook(prepared.resolved, prepared.collateral, prepared.policy);
    const event = loadBundledEvent(loadBundledEventLibrary().find('2020-03-12')!);
    const marks = book.assetNames.map((_, a) => book.positionMark[book.positionAsset.indexOf(a)]!);
    const path = eventReplayPath(event, book.assetNames, marks).path!;
    const kernelPath = kernelReplayPath(path);
    const full = runReplay(book, kernelPath, { slippageBps: 0 });
    const curve = replayEquityCurve(book, kernelPath, path.startMs, path.stepEndMs, 0);
    expect(curve.timestampsMs).toHaveLength(path.nSteps + 1);
    expect(curve.timestampsMs[0]).toBe(path.startMs);
    expect(curve.timestampsMs.at(-1)).toBe(path.stepEndMs[path.nSteps - 1]);
    MODE_NAMES.forEach((mode, m) => {
      const equity = curve.equityByMode[mode];
      expect(equity[0]).toBe(book.modeEquity0[m]);
      expect(equity.at(-1)).toBeCloseTo(book.modeEquity0[m]! - full.modes[mode].loss, 6);
      expect(Math.min(...equity)).toBeCloseTo(full.modes[mode].minEquity, 6);
    });
    // Sampled down, the curve keeps its ends.
    const sampled = replayEquityCurve(book, kernelPath, path.startMs, path.stepEndMs, 0, 5);
    expect(sampled.timestampsMs).toHaveLength(5);
    expect(sampled.equityByMode.cross.at(-1)).toBeCloseTo(curve.equityByMode.cross.at(-1)!, 9);
  });
});

describe('jointBoundarySection', () => {
  it('maps the engine grid onto the report: axes named by symbol, the liquidated grid as is', () => {
    const boundary = accountJointBoundary(deskBook('desk', 4_000), CONTEXT)!;
    const section = jointBoundarySection(boundary);
    expect([section.first.symbol, section.second.symbol].sort()).toEqual(
      [boundary.first, boundary.second].map((axis) => (axis.symbols.length === 1 ? axis.symbols[0] : axis.asset)).sort(),
    );
    expect(section.first.moves).toEqual(boundary.first.moves);
    expect(section.liquidatedInCross).toBe(boundary.liquidated);
  });
});
