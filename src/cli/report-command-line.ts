// Options of `report` beyond the common ones: the report's format (HTML, Markdown, or a CSV
// summary with one row per account), how many accounts get a detailed section, the account
// filter, and `--no-shocks` to leave out the Monte Carlo and replay sections (the shock options
// themselves are simulate's and replay's, declared in shock-options.ts).

import type { Argv } from 'yargs';
import { accountsOption, withAccountsOption } from './accounts-option.js';
import { singleOption } from './option-values.js';
import { UsageError } from './usage-error.js';

/** What `report` writes. */
const REPORT_FORMATS = ['html', 'markdown', 'csv'] as const;
type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Accounts with a detailed section when `--detailed` is not given. */
const DEFAULT_DETAILED = 50;

export interface ReportOptions {
  /**
   * `--report-format html|markdown|csv`; else `--format markdown|csv|html`; else from `--out`'s
   * extension (`.md`, `.csv`); else html.
   */
  readonly reportFormat: ReportFormat;
  /** `--detailed N`: the riskiest N accounts get a detailed section (charts, stress, shocks). */
  readonly detailed: number;
  /** `--accounts A,B`: only these accounts; null for all. */
  readonly accounts: ReadonlySet<string> | null;
  /** False with `--no-shocks`: no Monte Carlo, contagion heatmap or replay sections. */
  readonly shocks: boolean;
  /** `--title`: the document title; null for the default. */
  readonly title: string | null;
  /** `--as-of`: the time the book is valued at, shown as given; null when not given. */
  readonly asOf: string | null;
  /** Raw argv, for the report command to read shock options shared with simulate/replay. */
  readonly argv: Readonly<Record<string, unknown>>;
}

/** Marks `--format html` (report only) before yargs checks `--format` against the evaluate formats. */
const HTML_FORMAT_FLAG = 'report-format-html';

/**
 * `report --format html` is the report's own format, not one of evaluate's: it is moved to
 * `--report-format` before validation, so `--format` can stay the option every command shares.
 */
function acceptHtmlFormat(argv: Record<string, unknown>): void {
  const format = argv['format'];
  if (format === 'html' || (Array.isArray(format) && format.length === 1 && format[0] === 'html')) {
    argv['format'] = 'table';
    argv[HTML_FORMAT_FLAG] = true;
  }
}

/** Adds the report options to a yargs command builder. */
export function withReportOptions<T>(y: Argv<T>): Argv<T> {
  return withAccountsOption(
    y
      .option('report-format', {
        type: 'string',
        requiresArg: true,
        choices: [...REPORT_FORMATS],
        describe: 'html (one self-contained file, the default), markdown, or csv (one summary row per account); --format html|markdown|csv also works',
        group: 'Report:',
      })
      .option('detailed', {
        type: 'string',
        requiresArg: true,
        describe: `the riskiest N accounts get a detailed section with charts, stress and shocks (default ${DEFAULT_DETAILED})`,
        group: 'Report:',
      })
      .option('no-shocks', {
        type: 'boolean',
        describe: 'no Monte Carlo or replay sections: evaluation, liquidation ladder, joint boundary and stress only (fast)',
        group: 'Report:',
      })
      .option('title', {
        type: 'string',
        requiresArg: true,
        describe: 'title of the report',
        group: 'Report:',
      })
      .option('as-of', {
        type: 'string',
        requiresArg: true,
        describe: 'the time the book was taken, e.g. 2025-10-10T12:00Z, shown in the report (never the clock: the same inputs give the same bytes)',
        group: 'Report:',
      })
      .option(HTML_FORMAT_FLAG, { type: 'boolean', hidden: true })
      .middleware(acceptHtmlFormat, true),
  );
}

/** The report format from the options that can name it (see ReportOptions.reportFormat). */
function reportFormat(argv: Readonly<Record<string, unknown>>, command: string): ReportFormat {
  const explicit = singleOption(argv, 'report-format', command);
  if (explicit !== null) {
    if (!(REPORT_FORMATS as readonly string[]).includes(explicit)) {
      throw new UsageError(`--report-format: ${JSON.stringify(explicit)} is not one of ${REPORT_FORMATS.join(', ')}`, command);
    }
    return explicit as ReportFormat;
  }
  if (argv[HTML_FORMAT_FLAG] === true) return 'html';
  const format = argv['format'];
  if (format === 'markdown' || format === 'csv') return format;
  if (format === 'json') throw new UsageError('--format: report writes html, markdown or csv (json is what evaluate, simulate and replay write)', command);
  const out = argv['out'];
  if (typeof out === 'string') {
    if (/\.(md|markdown)$/i.test(out)) return 'markdown';
    if (/\.csv$/i.test(out)) return 'csv';
  }
  return 'html';
}

/** `--detailed`: a whole number >= 0. */
function detailed(argv: Readonly<Record<string, unknown>>, command: string): number {
  const text = singleOption(argv, 'detailed', command);
  if (text === null) return DEFAULT_DETAILED;
  const value = Number(text.trim());
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value)) {
    throw new UsageError(`--detailed: expected a whole number of accounts, such as 50 (got ${JSON.stringify(text)})`, command);
  }
  return value;
}

/** Reads the report options from parsed argv. */
export function reportOptions(argv: Readonly<Record<string, unknown>>, command: string): ReportOptions {
  const noShocks = argv['no-shocks'];
  if (Array.isArray(noShocks)) throw new UsageError(`--no-shocks was given ${noShocks.length} times; give it once`, command);
  return {
    reportFormat: reportFormat(argv, command),
    detailed: detailed(argv, command),
    accounts: accountsOption(argv, command),
    shocks: noShocks !== true,
    title: singleOption(argv, 'title', command),
    asOf: singleOption(argv, 'as-of', command),
    argv,
  };
}
