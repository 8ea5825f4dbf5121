// Options every CSV reader takes: the delimiter (detected when not given) and the limits that keep
// hostile input from flooding the terminal or memory.

import type { CsvDelimiter } from '../csv/detect-delimiter.js';

export interface CsvReadOptions {
  /** undefined: detected from the header line (`,`, `;` or tab, the most frequent). */
  delimiter?: CsvDelimiter;
  /** Most issues listed for the file (default 10,000); one closing issue counts the rest. */
  maxIssues?: number;
  /** Longest record accepted, in characters (default 8 Mi); beyond it reading stops. */
  maxRecordChars?: number;
}
