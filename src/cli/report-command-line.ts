// Options of `report` beyond the common ones (HTML or Markdown, Monte Carlo and replay settings).

import type { Argv } from 'yargs';

export interface ReportOptions {
  /** `--report-format html|markdown` (default html; from --out's extension when it is .md). */
  readonly reportFormat: 'html' | 'markdown';
  /** Raw argv, for the report command to read shock options shared with simulate/replay. */
  readonly argv: Readonly<Record<string, unknown>>;
}

/** Adds the report options to a yargs command builder. */
export function withReportOptions<T>(y: Argv<T>): Argv<T> {
  return y;
}

/** Reads the report options from parsed argv. */
export function reportOptions(argv: Readonly<Record<string, unknown>>, _command: string): ReportOptions {
  return { reportFormat: 'html', argv };
}
