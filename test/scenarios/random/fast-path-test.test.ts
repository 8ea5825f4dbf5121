import { describe, expect, it } from 'vitest';
import { fastPathByValue, fastPathByWord, fastPathLimit } from '../../../src/scenarios/random/standard-normal.js';
import { Xoshiro128 } from '../../../src/scenarios/random/xoshiro128.js';

/** The word with value field j (signed, in [-2^23, 2^23)) and layer `layer`. */
function word(j: number, layer: number): number {
  return (j << 8) | layer;
}

describe("the ziggurat's fast-path test on the whole word (the normals kernel's)", () => {
  it('agrees with the readable test at every layer at and around its limits, and at the ends of the range', () => {
    let checked = 0;
    let fast = 0;
    for (let layer = 0; layer < 256; layer++) {
      const k = fastPathLimit(layer);
      expect(k).toBeGreaterThanOrEqual(0);
      expect(k).toBeLessThan(2 ** 23);
      const values = [-(2 ** 23), -(2 ** 23) + 1, 2 ** 23 - 2, 2 ** 23 - 1, -1, 0, 1];
      for (let d = -2; d <= 2; d++) values.push(k + d, -k + d, -k - 1 + d);
      for (const j of values) {
        if (j < -(2 ** 23) || j >= 2 ** 23) continue;
        const w = word(j, layer);
        expect(fastPathByWord(w)).toBe(fastPathByValue(w));
        checked++;
        if (fastPathByValue(w)) fast++;
      }
    }
    expect(checked).toBeGreaterThan(256 * 15);
    // Both sides of the limits were exercised.
    expect(fast).toBeGreaterThan(1000);
    expect(checked - fast).toBeGreaterThan(1000);
  });

  it('agrees with the readable test on generator words', () => {
    const rng = Xoshiro128.fromSeed(77);
    let fast = 0;
    for (let i = 0; i < 200_000; i++) {
      const w = rng.nextInt32();
      const byWord = fastPathByWord(w);
      if (byWord !== fastPathByValue(w)) expect([w, byWord]).toEqual([w, fastPathByValue(w)]);
      if (byWord) fast++;
    }
    // About 98.5 % of draws take the fast path.
    expect(fast / 200_000).toBeGreaterThan(0.98);
  });
});
