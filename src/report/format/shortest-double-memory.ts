// How TypeScript and the shortest-double kernel talk through the kernel's WebAssembly memory
// (shortest-double.ts is the host): where the kernel writes a number's text, the tables the host
// writes there once, and the table's range. The AssemblyScript kernel imports this file too
// (assembly/shortest-double.ts), so it must stay plain constants that both compilers read: no
// imports, no other code.

/**
 * A text area the host writes whole texts into (the evaluate CSV rows), numbers put down there by
 * the kernel itself: 4 MiB from the second WebAssembly page.
 */
export const TEXT_AREA_AT = 65536;
export const TEXT_AREA_BYTES = 4 << 20;
/** Bytes of the kernel's memory: one WebAssembly page of tables, then the text area. */
export const SHORTEST_DOUBLE_BYTES = TEXT_AREA_AT + TEXT_AREA_BYTES;
/** The text of the last number written, ASCII, at most 25 bytes (the kernel may scribble up to 64). */
export const TEXT_AT = 0;
/** Scratch for the 17 decimal digits of a significand (and the words read around them), 64 bytes. */
export const DIGITS_AT = 64;
/** "00", "01", … "99": 100 pairs of ASCII digits, 200 bytes. */
export const DIGIT_PAIRS_AT = 256;
/**
 * The powers of ten g(k) ≈ 10^−k · 2^(125 − ⌊log2 10^−k⌋) for k in [K_MIN, K_MAX], 16 bytes each:
 * g >> 63 then g & (2^63 − 1), two little-endian u64 (schubfach-table.ts computes them).
 */
export const POWERS_AT = 1024;
/** ⌊log10 2^q⌋ at the smallest q of a double, −1074. */
export const K_MIN = -324;
/** ⌊log10 2^q⌋ at the largest q of a double, 971. */
export const K_MAX = 292;
