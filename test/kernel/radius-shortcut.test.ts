// The shortcut of the bracket-safe radii (src/kernel/radius-shortcut.ts): where it applies, the
// radius it gives is still a true one (<= ln of the edge ratio) and caps at the lazy box's δ to
// the very value the exact form caps to, so the anchors of the second lazy bound keep their bits.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LAZY_RADIUS, logRatioFloor } from '../../src/kernel/lazy-bound.js';
import { RADIUS_SHORTCUT, RADIUS_SHORTCUT_RATIO } from '../../src/kernel/radius-shortcut.js';

/** The radius to edge `edge` from `notional` (edge above), as the pool health takes it. */
function shortcutRadius(edge: number, notional: number): number {
  return edge >= RADIUS_SHORTCUT_RATIO * notional ? RADIUS_SHORTCUT : logRatioFloor(edge / notional);
}

describe('bracket-safe radius shortcut', () => {
  it('lies between the lazy box half-width and ln of its ratio', () => {
    expect(RADIUS_SHORTCUT).toBeGreaterThanOrEqual(LAZY_RADIUS);
    expect(RADIUS_SHORTCUT).toBeLessThanOrEqual(Math.log(RADIUS_SHORTCUT_RATIO));
    // One rounding below the ratio, the exact form is still above δ.
    expect(logRatioFloor(RADIUS_SHORTCUT_RATIO * (1 - 2 ** -52))).toBeGreaterThan(LAZY_RADIUS);
  });

  it('caps at δ to the exact form, and stays a radius, for edges near and far from the ratio', () => {
    const checked = { shortcut: 0, exact: 0 };
    fc.assert(
      fc.property(
        fc.double({ min: 1e-3, max: 1e9, noNaN: true }),
        fc.oneof(fc.double({ min: 1, max: 2, noNaN: true }), fc.double({ min: 1.2999999, max: 1.3000001, noNaN: true }), fc.constant(Infinity)),
        (notional, ratio) => {
          const edge = ratio === Infinity ? Infinity : notional * ratio;
          const fast = shortcutRadius(edge, notional);
          const exact = logRatioFloor(edge / notional);
          expect(Math.min(LAZY_RADIUS, fast)).toBe(Math.min(LAZY_RADIUS, exact));
          expect(fast).toBeLessThanOrEqual(Math.log(edge / notional) + 1e-15);
          if (fast === RADIUS_SHORTCUT && exact !== RADIUS_SHORTCUT) checked.shortcut++;
          else checked.exact++;
        },
      ),
      { seed: 913, numRuns: 3000 },
    );
    expect(checked.shortcut).toBeGreaterThan(100);
    expect(checked.exact).toBeGreaterThan(100);
  });
});
