// Which row of a path's records holds each mode's cells (block-result.ts `PathRecords`). Only the
// computed modes have rows of their own, in mode order; a mode identical to an earlier one
// (`CompiledBook.modeAliasOf`) reads its source's row, which holds the same values, so the block
// neither copies nor stores those cells again.

import { KERNEL_MODE_COUNT } from './compiled-book.js';

/**
 * Per mode m, its record row: the number of computed modes before its source s (s = m when m is
 * computed, else `modeAliasOf[m]`, always a computed mode).
 */
export function recordRows(modeAliasOf: Int32Array): Int32Array {
  const rows = new Int32Array(KERNEL_MODE_COUNT);
  let computed = 0;
  for (let m = 0; m < KERNEL_MODE_COUNT; m++) {
    const source = modeAliasOf[m]!;
    rows[m] = source < 0 ? computed++ : rows[source]!;
  }
  return rows;
}

/** Rows of a path's records: the computed modes (those with `modeAliasOf` −1). */
export function recordRowCount(modeAliasOf: Int32Array): number {
  let computed = 0;
  for (let m = 0; m < KERNEL_MODE_COUNT; m++) if (modeAliasOf[m]! < 0) computed++;
  return computed;
}
