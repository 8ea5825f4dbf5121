// The kernels' own copy of the host's exp (src/scenarios/random/assembly/host-exp.ts, fdlibm's
// e_exp.c, inlined in the gradient, crossing-point, barrier and normals kernels) against Math.exp,
// bit for bit: over the ranges the kernels use (log price factors, bridge exponents, the ziggurat
// wedges), every branch of the method (reduction cases, tiny, overflow, underflow, subnormal
// results) and arbitrary bit patterns. The kernels' results equal their TypeScript twins' only
// while this holds.

import { describe, expect, it } from 'vitest';
import { PathScan } from '../../src/kernel/path-scan.js';
import { streamForBlock } from '../../src/scenarios/random/stream-for-block.js';

/** How many of `xs` the kernel's exp does not give Math.exp's bits for (the first few listed). */
function mismatches(exp: (x: number) => number, xs: Iterable<number>): { count: number; first: number[] } {
  let count = 0;
  const first: number[] = [];
  for (const x of xs) {
    if (Object.is(exp(x), Math.exp(x))) continue;
    count++;
    if (first.length < 5) first.push(x);
  }
  return { count, first };
}

describe("the kernels' exp", () => {
  const scan = new PathScan(4, 1, 1, 1, new Int32Array([0]));
  const exp = (x: number): number => scan.exactExp(x);
  const rng = streamForBlock(23, 0);

  it('is Math.exp at the edges of its branches', () => {
    const xs = [0, -0, 1, -1, 0.5, -0.5, Math.LN2, -Math.LN2, 0.5 * Math.LN2, 1.5 * Math.LN2, -1.5 * Math.LN2, 0.34657359027997264, 1.0397207708399179, 3.725290298461914e-9, -3.725290298461914e-9, 1e-300, Number.MIN_VALUE, 709.782712893384, 709.7827128933841, 709.79, -708.3964185322641, -708.4, -709.1, -744.44, -745.1332191019411, -745.1332191019412, -746, 1e308, -1e308, Infinity, -Infinity, NaN];
    expect(mismatches(exp, xs)).toEqual({ count: 0, first: [] });
  });

  it('is Math.exp on log price factors, bridge exponents and arbitrary doubles', () => {
    const xs: number[] = [];
    for (let i = 0; i < 300_000; i++) xs.push(8 * (rng.nextUniform() - 0.5));
    for (let i = 0; i < 200_000; i++) xs.push(-30 * rng.nextUniform());
    for (let i = 0; i < 100_000; i++) xs.push(1500 * (rng.nextUniform() - 0.5));
    for (let i = 0; i < 100_000; i++) xs.push((rng.nextUniform() - 0.5) * 2 ** (-60 * rng.nextUniform()));
    const bits = new Float64Array(1);
    const words = new Uint32Array(bits.buffer);
    for (let i = 0; i < 200_000; i++) {
      words[0] = rng.nextUint32();
      words[1] = rng.nextUint32();
      xs.push(bits[0]!);
    }
    expect(mismatches(exp, xs)).toEqual({ count: 0, first: [] });
  });
});
