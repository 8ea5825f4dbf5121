// How TypeScript and the normals kernel talk through the WebAssembly memory (standard-normal.ts
// `NormalKernel`): byte offsets of the generator state, the word of a draw left to TypeScript, and
// the ziggurat tables the host writes there once. The AssemblyScript kernel imports this file too
// (assembly/normals.ts), so it must stay plain constants that both compilers read: no imports, no
// other code.

/** Number of ziggurat layers (equal-area strips under exp(-x^2/2)). */
export const LAYERS = 256;

/** Bytes a normal kernel reserves at the start of its memory (buffers go after them). */
export const NORMAL_KERNEL_BYTES = 16384;
/** The xoshiro128** state, 4 × i32. */
export const STATE_AT = 0;
/** The word of the last draw, left to TypeScript (a layer-0 draw off the fast path), i32. */
export const MISSED_AT = 16;
/**
 * The fast path's table: per layer one 16-byte record [W (f64), K·2^8 (i32), K·2^9 (u32)], so a
 * draw reads one record (standard-normal.ts `fastPathRecords`).
 */
export const LAYER_AT = 1024;
/** Bytes of one layer's record in the fast path's table. */
export const LAYER_BYTES = 16;
/** F (257 × f64): the layers' heights, for the wedges (standard-normal.ts). */
export const F_AT = 5120;
/**
 * The wedges' bounds on exp(−t / 2), t = x²: per layer one 32-byte record [tangent's intercept,
 * tangent's slope, chord's intercept, chord's slope] (f64; layer 0's unused), standard-normal.ts
 * `writeWedgeBounds`.
 */
export const WEDGE_AT = 8192;
/** Bytes of one layer's record in the wedges' table. */
export const WEDGE_BYTES = 32;
