// The kernel's typed-array barrier solver (used after partial liquidations) against the margin
// layer's healthRoots on the equivalent Pool objects: same thresholds, for reduced quantities,
// changed cash and a moved price, on random books (linear and inverse, brackets, collateral);
// and at the ends of the accepted price range, where the search must reach past 1e-9 … 1e9 of
// the mark.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NO_ASSET } from '../../src/kernel/compiled-book.js';
import { createKernelContext } from '../../src/kernel/kernel-context.js';
import { singleAssetBarriers } from '../../src/kernel/single-asset-barriers.js';
import { MODE_NAMES } from '../../src/margin/evaluation.js';
import { healthRoots } from '../../src/margin/health-roots.js';
import { buildModePools } from '../../src/margin/mode-pools.js';
import type { Pool } from '../../src/margin/pool.js';
import { makePosition } from '../support/make-position.js';
import { testAccount } from './support/kernel-fixtures.js';
import { MODEL_ASSETS, randomAccountArb } from './support/random-books.js';

describe('singleAssetBarriers', () => {
  it('agrees with healthRoots after a partial liquidation and a move', () => {
    let compared = 0;
    fc.assert(
      fc.property(
        randomAccountArb,
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        fc.double({ min: -0.3, max: 0.3, noNaN: true }),
        fc.double({ min: -0.5, max: 0.5, noNaN: true }),
        (input, keep, x, cashShift) => {
          const account = testAccount(input.positions, input.balances);
          const book = account.book;
          const layout = { assets: MODEL_ASSETS, nSteps: 1, stepVariance: new Float64Array(3), correlation: null, hasBars: false };
          const ctx = createKernelContext(book, layout, { slippageBps: 0, monitoring: 'continuous' });
          const pools = MODE_NAMES.flatMap((mode) => buildModePools(mode, account.resolved, account.collateral, account.policy).pools);
          for (let i = 0; i < book.poolCount; i++) {
            const a = book.poolBarrierAsset[i]!;
            if (a === NO_ASSET) continue;
            const pool = pools[i]!;
            const cash = pool.cashCollateral * (1 + cashShift);
            ctx.state.poolCash[i] = cash;
            ctx.state.poolCollateralScale[i] = 1;
            for (let k = book.poolMemberStart[i]!; k < book.poolMemberStart[i + 1]!; k++) {
              ctx.state.memberQuantity[k] = book.positionQuantity[book.memberPosition[k]!]! * keep;
            }
            const f = Math.exp(x);
            const moved: Pool = {
              ...pool,
              cashCollateral: cash,
              assetCollateral: pool.assetCollateral.map((c) => (c.asset === book.assetNames[a] ? { ...c, priceSettlement: c.priceSettlement * f } : c)),
              members: pool.members.map((m) => ({ ...m, position: { ...m.position, size: m.position.size * keep, markPrice: m.position.markPrice * f } })),
            };
            const roots = healthRoots(moved, { symbol: null, collateralAsset: book.assetNames[a]! });
            if (roots.healthNow <= 0) continue;
            singleAssetBarriers(ctx, i, a, x);
            const low = roots.below === null ? -Infinity : x + Math.log(roots.below);
            const high = roots.above === null ? Infinity : x + Math.log(roots.above);
            for (const [kernel, reference] of [
              [ctx.state.barrierOut[0]!, low],
              [ctx.state.barrierOut[1]!, high],
            ] as const) {
              if (Number.isFinite(reference)) expect(Math.abs(kernel - reference)).toBeLessThan(1e-9);
              else expect(kernel).toBe(reference);
            }
            compared++;
          }
        },
      ),
      { seed: 99, numRuns: 150 },
    );
    expect(compared).toBeGreaterThan(100);
  });

  it('reaches every accepted price: a long marked at 1e12 and entered at 100 is liquidated near 100', () => {
    const long = makePosition({ positionId: 'far', symbol: 'BTCUSDT', size: 1, entryPrice: 100, markPrice: 1e12, marginMode: 'isolated', isolatedMargin: 5, leverage: 1 });
    const account = testAccount([long], []);
    const book = account.book;
    const layout = { assets: MODEL_ASSETS, nSteps: 1, stepVariance: new Float64Array(3), correlation: null, hasBars: false };
    const ctx = createKernelContext(book, layout, { slippageBps: 0, monitoring: 'continuous' });
    const pools = MODE_NAMES.flatMap((mode) => buildModePools(mode, account.resolved, account.collateral, account.policy).pools);
    let checked = 0;
    for (let i = 0; i < book.poolCount; i++) {
      const a = book.poolBarrierAsset[i]!;
      if (a === NO_ASSET || book.poolIsolated[i] !== 1) continue;
      ctx.state.poolCash[i] = pools[i]!.cashCollateral;
      ctx.state.poolCollateralScale[i] = 1;
      for (let k = book.poolMemberStart[i]!; k < book.poolMemberStart[i + 1]!; k++) ctx.state.memberQuantity[k] = book.positionQuantity[book.memberPosition[k]!]!;
      const roots = healthRoots(pools[i]!, { symbol: null, collateralAsset: book.assetNames[a]! });
      expect(roots.below).not.toBeNull();
      singleAssetBarriers(ctx, i, a, 0);
      // The liquidation price: below the entry of 100 by the margin of 5 (less maintenance and fees).
      const price = 1e12 * Math.exp(ctx.state.barrierOut[0]!);
      expect(price).toBeGreaterThan(90);
      expect(price).toBeLessThan(100);
      expect(Math.abs(ctx.state.barrierOut[0]! - Math.log(roots.below!))).toBeLessThan(1e-9);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });
});
