// The field delimiters CSV files may use (comma, semicolon, tab), and the choice of one from a
// file's header line: the most frequent outside quotes (ties in that order, comma when none appears).

export type CsvDelimiter = ',' | ';' | '\t';

const CANDIDATES: readonly CsvDelimiter[] = [',', ';', '\t'];

/** Whether `text` is one of the delimiters the CSV readers take. */
export function isCsvDelimiter(text: string): text is CsvDelimiter {
  return (CANDIDATES as readonly string[]).includes(text);
}

/**
 * Delimiter of a file whose header line is `headerLine` (without its line break). Characters
 * inside double quotes are not counted, so `"a;b",c` is comma-separated.
 * Example: `detectDelimiter('symbol;size;entry_price')` → `';'`.
 */
export function detectDelimiter(headerLine: string): CsvDelimiter {
  const counts = [0, 0, 0];
  let quoted = false;
  for (let i = 0; i < headerLine.length; i++) {
    const c = headerLine.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (quoted) continue;
    else if (c === 44) counts[0]!++;
    else if (c === 59) counts[1]!++;
    else if (c === 9) counts[2]!++;
  }
  let best = 0;
  for (let k = 1; k < CANDIDATES.length; k++) if (counts[k]! > counts[best]!) best = k;
  return CANDIDATES[best]!;
}
