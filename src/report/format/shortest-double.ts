// Doubles appended to a UTF-8 buffer exactly as `String(x)` writes them, without making a string:
// the shortest decimal that rounds back to x (Schubfach, "The Schubfach way to render doubles",
// Raffaello Giulietti, 2021), computed and laid out as text by a small WebAssembly kernel
// (assembly/shortest-double.ts) whose text is copied into the buffer (or into a writer's own
// bytes, shortestDoubleAt), or written by the kernel straight into a writer's text laid out in the
// kernel's memory (shortestDoubleKernel). The kernel needs 64-bit
// integer products, which JavaScript numbers do not have (and BigInt is far slower than String).
// Its memory (shortest-double-memory.ts) holds the table of powers of ten (schubfach-table.ts,
// computed exactly with BigInt when the kernel is first used) and the pairs of digits.

import { compileWasmBase64, createWasmMemory, instantiateWasm } from '../../scenarios/wasm-runtime.js';
import { schubfachTable } from './schubfach-table.js';
import { shortestDoubleWasm } from './shortest-double-binary.js';
import { DIGIT_PAIRS_AT, POWERS_AT, SHORTEST_DOUBLE_BYTES, TEXT_AT } from './shortest-double-memory.js';
import { utf8At, type Utf8TextBuffer } from './utf8-text-buffer.js';

/** The kernel's `shortest(v) -> length` and a view of its memory, once per thread. */
let shortest: ((v: number) => number) | null = null;
let memoryBytes = new Uint8Array(0);
let kernel: ShortestDoubleKernel | null = null;

/**
 * The kernel's memory and its `shortestAt`, for a writer that lays out its text in the memory's
 * text area [TEXT_AREA_AT, TEXT_AREA_AT + TEXT_AREA_BYTES) (shortest-double-memory.ts), so its
 * numbers are put down where they belong, not copied from the kernel's own text.
 */
export interface ShortestDoubleKernel {
  /** The whole memory (a fixed size: the view stays valid). */
  readonly bytes: Uint8Array;
  /** Writes `String(v)` for a finite, non-zero v at `at` in `bytes`; returns where it ends (room: 64 bytes from `at`, scribbled past the text). */
  readonly shortestAt: (v: number, at: number) => number;
  /** Copies bytes [from, from + length) of `bytes` to `to` (overlapping as memmove): one call, about the cost of eight bytes copied one by one. */
  readonly copyWithin: (to: number, from: number, length: number) => void;
}

/** The kernel of this thread, loaded when first asked for. */
export function shortestDoubleKernel(): ShortestDoubleKernel {
  if (kernel === null) {
    if (shortest === null) loadKernel();
    kernel = { bytes: memoryBytes, shortestAt: kernelShortestAt!, copyWithin: kernelCopyWithin! };
  }
  return kernel;
}

let kernelShortestAt: ((v: number, at: number) => number) | null = null;
let kernelCopyWithin: ((to: number, from: number, length: number) => void) | null = null;

function loadKernel(): (v: number) => number {
  const memory = createWasmMemory(SHORTEST_DOUBLE_BYTES);
  memoryBytes = new Uint8Array(memory.object.buffer);
  new BigUint64Array(memory.object.buffer, POWERS_AT).set(schubfachTable());
  for (let pair = 0; pair < 100; pair++) {
    memoryBytes[DIGIT_PAIRS_AT + 2 * pair] = 48 + Math.floor(pair / 10);
    memoryBytes[DIGIT_PAIRS_AT + 2 * pair + 1] = 48 + (pair % 10);
  }
  const exports = instantiateWasm(compileWasmBase64(shortestDoubleWasm), memory);
  kernelShortestAt = exports['shortestAt'] as (v: number, at: number) => number;
  kernelCopyWithin = exports['copyWithin'] as (to: number, from: number, length: number) => void;
  shortest = exports['shortest'] as (v: number) => number;
  return shortest;
}

/** Appends `String(value)` for any number (0, NaN and the infinities through String itself). */
export function shortestDoubleInto(out: Utf8TextBuffer, value: number): void {
  out.commit(shortestDoubleAt(out.room(SHORTEST_DOUBLE_MAX_BYTES), out.length, value));
}

/** The most bytes `String(x)` takes for a number: `-0.0000012345678901234567`, or `-Infinity`'s 9. */
export const SHORTEST_DOUBLE_MAX_BYTES = 25;

/**
 * Writes `String(value)` into `bytes` from `at` (room for SHORTEST_DOUBLE_MAX_BYTES needed) and
 * returns where it ends; 0, NaN and the infinities through String itself.
 */
export function shortestDoubleAt(bytes: Uint8Array, at: number, value: number): number {
  if (value === 0 || value - value !== 0) return utf8At(bytes, at, String(value));
  const length = (shortest ?? loadKernel())(value);
  const text = memoryBytes;
  for (let i = 0; i < length; i++) bytes[at + i] = text[TEXT_AT + i]!;
  return at + length;
}
