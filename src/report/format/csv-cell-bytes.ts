// CSV cells written as UTF-8 straight into a writer's bytes (Utf8TextBuffer.room), for the hot
// rows of the evaluate CSV: the same cells as csv-cell.ts makes as strings, byte for byte. Each
// function writes from `at` and returns where the cell ends; the caller has made room for it.
// Numbers are written into the number kernel's memory (shortest-double.ts), where the rows are laid out.

import { csvNumberCell, csvTextCell } from './csv-cell.js';
import { shortestDoubleKernel, SHORTEST_DOUBLE_MAX_BYTES } from './shortest-double.js';
import { utf8At } from './utf8-text-buffer.js';

/** Room a text cell of `units` UTF-16 units may take: quoted, quotes doubled, `'` added, 3 bytes a unit. */
export function csvTextCellMaxBytes(units: number): number {
  return 3 * (2 * units + 3);
}

/** Room a number cell may take. */
export const CSV_NUMBER_CELL_MAX_BYTES = SHORTEST_DOUBLE_MAX_BYTES;
/** Room csvNumberAt needs from `at`: the kernel may scribble past the cell. */
export const CSV_NUMBER_CELL_ROOM_BYTES = 64;

/**
 * Writes `text` as it is when it is plain ASCII that csvTextCell leaves alone (no formula leader
 * `= + - @` tab CR first, no `" , CR LF`), checking and copying in one pass; returns where it
 * ends, or -1 (bytes from `at` scribbled) when it is not such text.
 */
export function plainCsvTextAt(bytes: Uint8Array, at: number, text: string): number {
  const n = text.length;
  if (n === 0) return at;
  const first = text.charCodeAt(0);
  if (first >= 0x80 || PLAIN_FIRST[first] === 0) return -1;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80 || PLAIN[c] === 0) return -1;
    bytes[at + i] = c;
  }
  return at + n;
}

/** 1 for each ASCII code a plain cell may hold (not `" , CR LF`). */
const PLAIN = asciiTable([34, 44, 13, 10]);
/** 1 for each ASCII code a plain cell may begin with (not those, nor a formula leader `= + - @` or tab). */
const PLAIN_FIRST = asciiTable([34, 44, 13, 10, 61, 43, 45, 64, 9]);

function asciiTable(refused: readonly number[]): Uint8Array {
  const table = new Uint8Array(128).fill(1);
  for (const code of refused) table[code] = 0;
  return table;
}

/** Writes csvTextCell(text) (room: csvTextCellMaxBytes(text.length)). */
export function csvTextAt(bytes: Uint8Array, at: number, text: string): number {
  const end = plainCsvTextAt(bytes, at, text);
  return end >= 0 ? end : utf8At(bytes, at, csvTextCell(text));
}

/** The number kernel's `shortestAt`, loaded when first called. */
let shortestAt = (value: number, at: number): number => {
  shortestAt = shortestDoubleKernel().shortestAt;
  return shortestAt(value, at);
};

/**
 * Writes csvNumberCell(value) at `at` in the number kernel's memory (`bytes`: shortestDoubleKernel's,
 * room CSV_NUMBER_CELL_ROOM_BYTES): nothing for null, `0` for ±0, else the shortest form put down
 * by the kernel in place; a non-finite number throws as there.
 */
export function csvNumberAt(bytes: Uint8Array, at: number, value: number | null): number {
  if (value === null) return at;
  if (value === 0) {
    bytes[at] = 48;
    return at + 1;
  }
  if (value - value !== 0) csvNumberCell(value);
  return shortestAt(value, at);
}
