// The per-path losses a run keeps for its tail statistics (outcomes.ts): `rowCount` rows of
// `pathCount` doubles. For runs of MIN_RADIX_PATHS paths or more they lie on a WebAssembly memory
// with room for a sort, and `sortRow` sorts a row in place with the radix kernel
// (assembly/loss-sort.ts): the same bits as the row's `Float64Array.prototype.sort()`; two rows of
// 200,000 losses, in a fresh process, 16-21 ms instead of 43-67 ms (the first row pays the scratch
// row's page faults and the kernel's baseline code, the second about 3 ms). Memory: one row more than the rows (the sort's scratch,
// touched only by a sort) and 48 KiB of counts. Shorter runs (their built-in sort takes a few
// milliseconds at most, and a batch or a recommendation runs many of them), rows too large for
// one memory (MEMORY_LIMIT_BYTES), or a memory that cannot be had, keep plain arrays and the
// built-in sort; so does a row holding a NaN.

import { compileWasmBase64, createWasmMemory, instantiateWasm, type CompiledWasm, type WasmMemory } from '../scenarios/wasm-runtime.js';
import { lossSortWasm } from './loss-sort-binary.js';

/** Bytes of the radix counts (COUNT_BYTES of assembly/loss-sort.ts), at COUNTS_AT; the rows start at ROWS_AT. */
const COUNT_BYTES = 6 * 2048 * 4;
const COUNTS_AT = 1024;
const ROWS_AT = 65536;
/** The largest memory the rows take a WebAssembly memory for (above it, plain arrays). */
const MEMORY_LIMIT_BYTES = 1024 * 1024 * 1024;
/** The fewest paths whose rows the radix kernel sorts. */
export const MIN_RADIX_PATHS = 32_768;

let sortModule: CompiledWasm | null = null;

/** The kernel's steps (assembly/loss-sort.ts). */
interface SortSteps {
  hasNaN(values: number, n: number): number;
  toKeys(values: number, n: number, counts: number): void;
  startPositions(counts: number, n: number, pass: number): number;
  scatter(from: number, n: number, to: number, counts: number, pass: number): void;
  fromKeys(from: number, values: number, n: number): void;
}

/** Radix passes (PASSES of assembly/loss-sort.ts). */
const PASSES = 6;
/** Keys per call of a step over a row (see the kernel's header: the later calls run optimised code). */
const CHUNK = 16384;

export class LossRows {
  /** The rows, one after the other: row r is values[r × pathCount, (r + 1) × pathCount). */
  readonly values: Float64Array;
  private readonly sort: SortSteps | null;
  /** The kernel's counts (a view), zeroed before each sort. */
  private readonly counts: Int32Array | null;
  /** True when the rows are on the kernel's memory and sorted by it (else the built-in sort). */
  readonly radix: boolean;

  /**
   * `minRadixPaths`: the fewest paths sorted by the kernel (MIN_RADIX_PATHS; tests lower it to
   * hold the kernel to the built-in sort on short rows).
   */
  constructor(
    readonly rowCount: number,
    readonly pathCount: number,
    minRadixPaths = MIN_RADIX_PATHS,
  ) {
    const cells = rowCount * pathCount;
    const bytes = ROWS_AT + 8 * (cells + pathCount);
    const memory = pathCount >= minRadixPaths && bytes <= MEMORY_LIMIT_BYTES ? wasmMemoryOrNull(bytes) : null;
    this.radix = memory !== null;
    if (memory === null) {
      this.values = new Float64Array(cells);
      this.sort = null;
      this.counts = null;
      return;
    }
    this.values = new Float64Array(memory.f64.buffer, ROWS_AT, cells);
    this.counts = new Int32Array(memory.f64.buffer, COUNTS_AT, COUNT_BYTES / 4);
    sortModule ??= compileWasmBase64(lossSortWasm);
    this.sort = instantiateWasm(sortModule, memory) as unknown as SortSteps;
  }

  /** Row r (a view). */
  row(r: number): Float64Array {
    return this.values.subarray(r * this.pathCount, (r + 1) * this.pathCount);
  }

  /** Sort row r ascending in place: the result of `row(r).sort()`. */
  sortRow(r: number): void {
    const n = this.pathCount;
    const sort = this.sort;
    const row = ROWS_AT + 8 * r * n;
    if (sort === null || this.counts === null || sort.hasNaN(row, n) === 1) {
      this.row(r).sort();
      return;
    }
    this.counts.fill(0);
    for (let i = 0; i < n; i += CHUNK) sort.toKeys(row + 8 * i, Math.min(CHUNK, n - i), COUNTS_AT);
    // The keys go back and forth between the row and the scratch row after the rows.
    let from = row;
    let to = ROWS_AT + 8 * this.rowCount * n;
    for (let pass = 0; pass < PASSES; pass++) {
      if (sort.startPositions(COUNTS_AT, n, pass) === 0) continue;
      for (let i = 0; i < n; i += CHUNK) sort.scatter(from + 8 * i, Math.min(CHUNK, n - i), to, COUNTS_AT, pass);
      const swap = from;
      from = to;
      to = swap;
    }
    for (let i = 0; i < n; i += CHUNK) sort.fromKeys(from + 8 * i, row + 8 * i, Math.min(CHUNK, n - i));
  }
}

/** A WebAssembly memory of `bytes`, or null when the host will not give one (address space). */
function wasmMemoryOrNull(bytes: number): WasmMemory | null {
  try {
    return createWasmMemory(bytes);
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}
