// The exact health-root search (bracket walk, monotone and concave shortcuts) against a brute
// force: health scanned on a fine log grid outward from the marks, the first sign change bisected.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { healthRoots } from '../../src/margin/health-roots.js';
import type { Pool } from '../../src/margin/pool.js';
import { searchFactorRange } from '../../src/margin/quadratic-root.js';
import { poolEquity, poolMaintenance } from '../../src/margin/pool-health.js';
import { notionalBracketSchedule } from '../../src/venues/bracket-schedule.js';
import { makePosition } from '../support/make-position.js';
import { LEGACY_BINANCE_BTCUSDT } from '../support/tier-tables.js';

const schedule = notionalBracketSchedule(LEGACY_BINANCE_BTCUSDT);

function healthAtFactor(pool: Pool, f: number): number {
  const at = (m: { position: { markPrice: number } }) => m.position.markPrice * f;
  return poolEquity(pool, at) - poolMaintenance(pool, at);
}

/** First f beyond 1 (going `down` or up) where health changes sign, by scan and bisection. */
function bruteForceRoot(pool: Pool, down: boolean): number | null {
  const h1 = healthAtFactor(pool, 1);
  let prev = 1;
  // out to the engine's searched factors: 1e-9 … 1e9, widened to reach prices 1e-12 … 1e12
  const marks = pool.members.map((m) => m.position.markPrice);
  const range = searchFactorRange(Math.min(...marks), Math.max(...marks));
  const steps = Math.ceil(Math.abs(Math.log(down ? range.min : range.max)) / 0.0035);
  for (let k = 1; k <= steps; k++) {
    const f = down ? Math.exp(-k * 0.0035) : Math.exp(k * 0.0035);
    const h = healthAtFactor(pool, f);
    if (Math.sign(h) !== Math.sign(h1) || h === 0) {
      let lo = Math.min(prev, f);
      let hi = Math.max(prev, f);
      for (let it = 0; it < 200; it++) {
        const mid = 0.5 * (lo + hi);
        const hm = healthAtFactor(pool, mid);
        const leftSign = Math.sign(healthAtFactor(pool, lo));
        if (Math.sign(hm) === leftSign && hm !== 0) lo = mid;
        else hi = mid;
      }
      return 0.5 * (lo + hi);
    }
    prev = f;
  }
  return null;
}

const memberArb = fc.record({
  side: fc.constantFrom<'long' | 'short'>('long', 'short'),
  size: fc.double({ min: 0.01, max: 300, noNaN: true }),
  entryMove: fc.double({ min: -0.3, max: 0.3, noNaN: true }),
});

describe('healthRoots against a brute-force scan', () => {
  it('finds the same first root on each side for random linear cross pools', () => {
    fc.assert(
      fc.property(fc.array(memberArb, { minLength: 1, maxLength: 5 }), fc.double({ min: -200_000, max: 2_000_000, noNaN: true }), (rows, cash) => {
        const members = rows.map((r, i) => ({
          position: makePosition({ positionId: `p${i}`, symbol: `S${i}USDT`, side: r.side, size: r.size, entryPrice: 10_000 * (1 + r.entryMove), markPrice: 10_000 }),
          schedule,
        }));
        const pool: Pool = { poolId: 'x', account: 'a', marginMode: 'cross', asset: 'USDT', cashCollateral: cash, assetCollateral: [], members };
        const roots = healthRoots(pool, { symbol: null, collateralAsset: '*' });
        for (const down of [true, false]) {
          const expected = bruteForceRoot(pool, down);
          const got = down ? roots.below : roots.above;
          if (expected === null) {
            // The grid may straddle a root pair it cannot see only if h touches 0; the engine must agree there is none.
            expect(got).toBeNull();
          } else if (got === null) {
            // The engine may call a root of rounding no root: a hedge whose sizes differ in the
            // last digits leaves h = a + b·f with |a| at the rounding of its terms, so h is 0 to
            // within rounding all the way from f = 0 to the scan's root. Anything else is a miss.
            const scale = members.reduce((s, m) => s + m.position.size * (m.position.entryPrice + m.position.markPrice), Math.abs(cash));
            expect(Math.abs(healthAtFactor(pool, expected * 0.5)), `missed the root at ${expected}`).toBeLessThanOrEqual(1e-9 * scale);
          } else {
            // Either the same root to 1e-6, or a root of h to within the rounding of its terms: a
            // nearly perfect hedge leaves a constant term that is the difference of two large
            // notionals, so both searches see it only to ~1e-16 of their size (the root of
            // h = a + b f then moves by that share of a, not of f).
            const scale = members.reduce((s, m) => s + m.position.size * (m.position.entryPrice + m.position.markPrice * got!), Math.abs(cash));
            const sameRoot = Math.abs(Math.log(got! / expected)) < 1e-6;
            expect(sameRoot || Math.abs(healthAtFactor(pool, got!)) <= 1e-9 * scale, `got ${got}, brute force ${expected}`).toBe(true);
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});
