// A lower bound on the positions of a positions file, from its size alone: what the entry point
// knows of a simulation's book before it loads the engine and reads the inputs (to decide whether
// the run is big enough to start its worker threads first, see flows/simulation-prestart.ts).

import { statSync } from 'node:fs';
import { STDIN_PATH } from './command-options.js';

/**
 * Bytes of one position's line at most, as the bound takes it: a line names an account, a
 * position, a symbol, a side, a size, two prices, a mode, a margin and a leverage (~60 bytes in
 * practice). A file of longer lines makes the bound too large: its run then starts the worker
 * threads a small run would not (a few hundredths of a second), never a different result.
 */
const POSITION_LINE_BYTES_AT_MOST = 256;

/**
 * ⌊file bytes / POSITION_LINE_BYTES_AT_MOST⌋, at least 1; 1 for standard input, a file that cannot
 * be read (the command reports it), or when only some accounts are simulated (`onlySome`: the
 * file's size says nothing of theirs).
 */
export function positionsAtLeast(path: string, onlySome: boolean): number {
  if (path === STDIN_PATH || onlySome) return 1;
  try {
    return Math.max(1, Math.floor(statSync(path).size / POSITION_LINE_BYTES_AT_MOST));
  } catch {
    return 1;
  }
}
