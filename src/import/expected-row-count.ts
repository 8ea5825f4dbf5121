// How many rows a file of known size holds, estimated from its first chunk: the file's bytes
// over the bytes per line of that chunk. Only a sizing hint (the duplicate-id table reserves
// room for that many ids once instead of doubling as the rows come); no result depends on it.

/**
 * Bytes a line is taken to hold at least, so a first chunk of blank or very short lines cannot
 * make a file look like it holds far more rows than it can (a data row needs a symbol and three
 * numbers, with their delimiters and line break).
 */
const MIN_LINE_BYTES = 16;

/**
 * Rows expected in a file of `fileBytes` bytes whose first chunk was `chunkBytes` bytes holding
 * `text`: ⌈fileBytes / max(chunkBytes / lines, MIN_LINE_BYTES)⌉ with `lines` the line feeds in
 * `text`; 0 when the chunk holds no line feed (nothing to go by).
 * Example: a 80 MB file whose first 64 KiB hold 800 lines → about 977,000 rows.
 */
export function expectedRowCount(text: string, chunkBytes: number, fileBytes: number): number {
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  if (lines === 0 || chunkBytes <= 0) return 0;
  return Math.ceil(fileBytes / Math.max(chunkBytes / lines, MIN_LINE_BYTES));
}
