// How TypeScript and the normals kernel talk through the WebAssembly memory (standard-normal.ts
// `NormalKernel`): byte offsets of the generator state, the word of a draw left to TypeScript, and
// the ziggurat tables the host writes there once. The AssemblyScript kernel imports this file too
// (assembly/normals.ts), so it must stay plain constants that both compilers read: no imports, no
// other code.

/** Number of ziggurat layers (equal-area strips under exp(-x^2/2)). */
export const LAYERS = 256;

/** Bytes a normal kernel reserves at the start of its memory (buffers go after them). */
export const NORMAL_KERNEL_BYTES = 8192;
/** The xoshiro128** state, 4 × i32. */
export const STATE_AT = 0;
/** The word of the last draw, left to TypeScript (a layer-0 draw off the fast path), i32. */
export const MISSED_AT = 16;
/** K (256 × i32), W (256 × f64), F (257 × f64): the tables of standard-normal.ts. */
export const K_AT = 1024;
export const W_AT = 2048;
export const F_AT = 4096;
