// The per-path losses a run keeps for its tail statistics (outcomes.ts): `rowCount` rows of
// `pathCount` doubles, on a WebAssembly memory with room for a sort, so that `sortRow` sorts a row
// in place with the radix kernel (assembly/loss-sort.ts): the same bits as the row's
// `Float64Array.prototype.sort()`, about six times faster on 200,000 losses once the kernel's
// memory is touched. Memory: one row more than the rows (the sort's scratch, touched only by a
// sort) and 48 KiB of counts. Rows too large for one memory (MEMORY_LIMIT_BYTES) are plain arrays
// sorted by the built-in sort; so is a row holding a NaN.

import { compileWasmBase64, createWasmMemory, instantiateWasm, type CompiledWasm } from '../scenarios/wasm-runtime.js';
import { lossSortWasm } from './loss-sort-binary.js';

/** Bytes of the radix counts (COUNT_BYTES of assembly/loss-sort.ts), at COUNTS_AT; the rows start at ROWS_AT. */
const COUNT_BYTES = 6 * 2048 * 4;
const COUNTS_AT = 1024;
const ROWS_AT = 65536;
/** The largest memory the rows take a WebAssembly memory for (above it, plain arrays). */
const MEMORY_LIMIT_BYTES = 1024 * 1024 * 1024;

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
  private readonly counts: Int32Array | null = null;

  constructor(
    readonly rowCount: number,
    readonly pathCount: number,
  ) {
    const cells = rowCount * pathCount;
    const bytes = ROWS_AT + 8 * (cells + pathCount);
    if (bytes > MEMORY_LIMIT_BYTES || COUNTS_AT + COUNT_BYTES > ROWS_AT) {
      this.values = new Float64Array(cells);
      this.sort = null;
      return;
    }
    const memory = createWasmMemory(bytes);
    this.values = new Float64Array(memory.f64.buffer, ROWS_AT, cells);
    sortModule ??= compileWasmBase64(lossSortWasm);
    this.counts = new Int32Array(memory.f64.buffer, COUNTS_AT, COUNT_BYTES / 4);
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
