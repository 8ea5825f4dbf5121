// The integer logarithms the shortest-double kernel needs, as a multiplication and a shift:
//   ⌊log10 2^q⌋        = (q · 78913) >> 18               for −1074 <= q <= 971
//   ⌊log10 (3/4 · 2^q)⌋ = (q · 157827 − 65502) >> 19      for −1074 <= q <= 971
//   ⌊log2 10^e⌋        = (e · 108853) >> 15              for −400 <= e <= 400
// (>> an arithmetic shift, so a floor for negative products too). 78913 / 2^18 and 157827 / 2^19
// approximate log10 2, 65502 / 2^19 approximates −log10 (3/4), 108853 / 2^15 approximates log2 10;
// over these ranges the floors are exact, which the tests check against BigInt powers (the forms
// are those of "The Schubfach way to render doubles", Raffaello Giulietti, 2021, with constants
// found for these ranges). The kernel (assembly/shortest-double.ts) imports this file, so it must
// stay plain constants that both compilers read: no imports, no other code.

export const LOG10_2_MULTIPLIER = 78913;
export const LOG10_2_SHIFT = 18;
export const LOG10_3_QUARTERS_MULTIPLIER = 157827;
export const LOG10_3_QUARTERS_OFFSET = 65502;
export const LOG10_3_QUARTERS_SHIFT = 19;
export const LOG2_10_MULTIPLIER = 108853;
export const LOG2_10_SHIFT = 15;
