// AssemblyScript (imported by the kernels that need the host's exp: normals.ts here, and
// src/kernel/assembly/gradient-scan.ts, crossing-point.ts, barrier-steps.ts): e^x computed inside
// WebAssembly with the very operations of the host's Math.exp, so the same bits without a call out
// to JavaScript (a WebAssembly-to-JavaScript call per exp cost the gradient kernel's exact steps
// about half their time: ten to twenty exps each).
//
// The host's Math.exp is V8's `base::ieee754::exp`, Sun's fdlibm e_exp.c. Its method: reduce
//   x = k ln2 + r,  |r| <= ½ ln2,  ln2 split as ln2HI + ln2LO (ln2HI has trailing zero bits, so
//   k ln2HI is exact for |k| < 2^11), r = hi − lo;
// then e^r = 1 + r + r c / (2 − c) with c = r − r² (P1 + r² (P2 + … + r² P5)) (a Remez rational
// fit, error < 2^-59), and e^x = 2^k e^r, the scaling split for a subnormal result. The same
// branches, constants and operation order as that C code give the same result for every x:
// test/kernel/host-exp.test.ts compares it with Math.exp bit for bit, so an engine whose Math.exp
// differs fails there, not silently in a twin's differential test.
// Licence: the method, constants and operation order are fdlibm's e_exp.c, whose notice is kept
// as it asks: "Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved. Developed at
// SunSoft, a Sun Microsystems, Inc. business. Permission to use, copy, modify, and distribute this
// software is freely granted, provided that this notice is preserved." (V8, which carries it in
// src/base/ieee754.cc, is BSD-3-Clause.)

const O_THRESHOLD: f64 = 7.09782712893383973096e+02;
const U_THRESHOLD: f64 = -7.45133219101941108420e+02;
const LN2_HI: f64 = 6.93147180369123816490e-01;
const LN2_LO: f64 = 1.90821492927058770002e-10;
const INV_LN2: f64 = 1.44269504088896338700e+00;
export const P1: f64 = 1.66666666666666019037e-01;
export const P2: f64 = -2.77777777770155933842e-03;
export const P3: f64 = 6.61375632143793436117e-05;
export const P4: f64 = -1.65339022054652515390e-06;
export const P5: f64 = 4.13813679705723846039e-08;
const E: f64 = 2.718281828459045;
const HUGE: f64 = 1.0e+300;
/** 2^-1000 and 2^1023. */
const TWO_M1000: f64 = 9.33263618503218878990e-302;
const TWO_1023: f64 = 8.988465674311579539e307;

/** The f64 whose high word is `high` and low word 0. */
@inline function fromHighWord(high: i32): f64 {
  return reinterpret<f64>(<i64>(<u64><u32>high << 32));
}

/** e^x, the host's Math.exp to the bit (fdlibm e_exp.c; see the file header). */
@inline export function hostExp(x: f64): f64 {
  const bits = reinterpret<i64>(x);
  const signBit = <i32>(<u64>bits >> 63);
  const hx = <i32>(<u64>bits >> 32) & 0x7fffffff;
  let hi: f64 = 0;
  let lo: f64 = 0;
  let k: i32 = 0;
  // |x| >= 709.78 (or not finite): overflow, underflow, inf or NaN.
  if (hx >= 0x40862e42) {
    if (hx >= 0x7ff00000) {
      if (((hx & 0xfffff) | <i32>bits) != 0) return x + x; // NaN
      return signBit == 0 ? x : 0.0; // e^+inf = inf, e^-inf = 0
    }
    if (x > O_THRESHOLD) return Infinity;
    if (x < U_THRESHOLD) return 0;
  }
  if (hx > 0x3fd62e42) {
    // |x| > ½ ln2: reduce.
    if (hx < 0x3ff0a2b2) {
      // |x| < 1.5 ln2
      if (x == 1.0) return E;
      if (signBit == 0) {
        hi = x - LN2_HI;
        lo = LN2_LO;
        k = 1;
      } else {
        hi = x + LN2_HI;
        lo = -LN2_LO;
        k = -1;
      }
    } else {
      k = <i32>(INV_LN2 * x + (signBit == 0 ? 0.5 : -0.5));
      const t = <f64>k;
      hi = x - t * LN2_HI;
      lo = t * LN2_LO;
    }
    x = hi - lo;
  } else if (hx < 0x3e300000) {
    // |x| < 2^-28: 1 + x (fdlibm's `huge + x > one` test, true for every such x, raises inexact).
    if (HUGE + x > 1.0) return 1.0 + x;
  }
  const t = x * x;
  const twopk = k >= -1021 ? fromHighWord(0x3ff00000 + (k << 20)) : fromHighWord(0x3ff00000 + ((k + 1000) << 20));
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k == 0) return 1.0 - ((x * c) / (c - 2.0) - x);
  const y = 1.0 - ((lo - (x * c) / (2.0 - c)) - hi);
  if (k >= -1021) {
    if (k == 1024) return y * 2.0 * TWO_1023;
    return y * twopk;
  }
  return y * twopk * TWO_M1000;
}
