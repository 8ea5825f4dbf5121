// The normals kernel's wedge test (its tangent and chord bounds on exp(−x² / 2), the exp only
// between them) against the readable one, height < exp(−0.5 x x): the same decision for every
// wedge candidate, at heights drawn as the ziggurat draws them and at heights next to the curve.

import { describe, expect, it } from 'vitest';
import { drawCandidate, fastPathByWord, fastPathLimit, NORMAL_KERNEL_BYTES, NormalKernel } from '../../../src/scenarios/random/standard-normal.js';
import { createWasmMemory } from '../../../src/scenarios/wasm-runtime.js';
import { Xoshiro128 } from '../../../src/scenarios/random/xoshiro128.js';

const kernel = new NormalKernel(createWasmMemory(NORMAL_KERNEL_BYTES));

/** The readable test, as `slowPath` runs it. */
function readable(x: number, height: number): boolean {
  return height < Math.exp(-0.5 * x * x);
}

/** The word with value field j (signed, in [-2^23, 2^23)) and layer `layer`. */
function word(j: number, layer: number): number {
  return (j << 8) | layer;
}

/** `y` moved by `steps` units in the last place (steps of 2^-52 of its binade). */
function ulps(y: number, steps: number): number {
  const bits = new Float64Array([y]);
  const words = new BigInt64Array(bits.buffer);
  words[0] = words[0]! + BigInt(steps);
  return bits[0]!;
}

describe('normals kernel: the wedge test', () => {
  it('decides as the exp at uniform heights in the layer, on generator words off the fast path', () => {
    const rng = Xoshiro128.fromSeed(41);
    let wedges = 0;
    while (wedges < 50_000) {
      const w = rng.nextInt32();
      if ((w & 255) === 0 || fastPathByWord(w)) continue;
      const { x, low, high } = drawCandidate(w);
      const height = low + rng.nextUniform() * (high - low);
      expect(kernel.wedgeTest(w & 255, x, height), `w ${w}, height ${height}`).toBe(readable(x, height));
      wedges++;
    }
  });

  it('decides as the exp at heights on and next to the curve, in every layer, at both ends of its range', () => {
    let checked = 0;
    for (let layer = 1; layer < 256; layer++) {
      const k = fastPathLimit(layer);
      // The candidates nearest the fast path's limit and nearest the layer's outer edge, both signs.
      for (const j of [k, k + 1, k + 2, (k + 2 ** 23) >> 1, 2 ** 23 - 2, 2 ** 23 - 1, -k - 1, -k - 2, -(2 ** 23)]) {
        if (j >= 2 ** 23 || j < -(2 ** 23)) continue;
        const w = word(j, layer);
        if (fastPathByWord(w)) continue;
        const { x } = drawCandidate(w);
        const curve = Math.exp(-0.5 * x * x);
        for (const steps of [-3, -2, -1, 0, 1, 2, 3]) {
          const height = ulps(curve, steps);
          expect(kernel.wedgeTest(layer, x, height), `layer ${layer}, j ${j}, ${steps} ulps`).toBe(readable(x, height));
          checked++;
        }
        for (const offset of [-2e-12, -9.1e-13, -1e-13, 1e-13, 9.1e-13, 2e-12]) {
          const height = curve + offset;
          expect(kernel.wedgeTest(layer, x, height), `layer ${layer}, j ${j}, offset ${offset}`).toBe(readable(x, height));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(255 * 6 * 13);
  });
});
