// The two-factor probe's lazy test in WebAssembly (`twoFactorProbeHitOnPath`: `probeScan` over the
// path's cumulative log returns, exact evaluations on the host) against its readable form
// (`twoFactorProbeHit`: running sums of the log returns, the same bound in TypeScript): the same
// answer on every path, and the same exact evaluations (the probe's anchor after each path), for
// every pair of assets of the benchmark book, on paths calm enough to be skipped and wild enough to hit.

import { describe, expect, it } from 'vitest';
import { benchmarkWorkload } from '../../src/kernel/benchmark-workload.js';
import { createKernelContext } from '../../src/kernel/kernel-context.js';
import { compileTwoFactorProbe, twoFactorProbeHit, twoFactorProbeHitOnPath } from '../../src/kernel/two-factor-probe.js';

describe('twoFactorProbeHitOnPath (WebAssembly lazy test) vs twoFactorProbeHit', () => {
  it('gives the same hits and leaves the same anchor, path by path', () => {
    const nSteps = 48;
    const workload = benchmarkWorkload(nSteps, 40_000);
    const book = workload.book;
    const nA = book.assetCount;
    const layout = { assets: [...workload.modelAssets], nSteps, stepVariance: new Float64Array(nA).fill(1e-4), correlation: workload.correlation, hasBars: false };
    const ctx = createKernelContext(book, layout, { slippageBps: 0, monitoring: 'continuous' });
    const pool = book.modePoolStart[0]!;
    let state = 12345;
    const next = (): number => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
    let hits = 0;
    let paths = 0;
    let anchored = 0;
    for (const [firstAsset, secondAsset] of [[0, 1], [3, 7], [9, 2]] as const) {
      const readable = compileTwoFactorProbe(book, ctx.assetColumn, { pool, firstAsset, secondAsset });
      const kernel = compileTwoFactorProbe(book, ctx.assetColumn, { pool, firstAsset, secondAsset });
      for (let p = 0; p < 150; p++) {
        // Step sizes from calm (every step skipped) to wild (the boundary reached).
        const size = 0.002 * 2 ** (p % 6);
        const drift = (next() - 0.5) * size;
        for (let i = 0; i < ctx.logReturns.length; i++) ctx.logReturns[i] = drift + (next() - 0.5) * size;
        ctx.scan.cumulatePath(nA);
        const expected = twoFactorProbeHit(book, readable, ctx.logReturns, ctx.columnCount, nSteps);
        expect(twoFactorProbeHitOnPath(book, kernel, ctx.scan, nSteps)).toBe(expected);
        expect(Array.from(kernel.anchor)).toEqual(Array.from(readable.anchor));
        if (expected) hits++;
        if (Array.from(readable.anchor).some((v, i) => v !== readable.startAnchor[i])) anchored++;
        paths++;
      }
    }
    expect(hits).toBeGreaterThan(paths / 10);
    expect(hits).toBeLessThan(paths - paths / 10);
    // Exact evaluations (the anchor moved) on many paths, not only at the start.
    expect(anchored).toBeGreaterThan(paths / 10);
  });
});
