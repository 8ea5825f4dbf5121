// The venue-export input options every command that reads a positions file for its accounts takes
// (evaluate, simulate, replay, report): `--format-in` (what the positions file is), `--with`
// (the export's companion files) and `--exchange` (the venue of a CCXT export). Declared here
// once, read into plain typed values; a mistake is one UsageError line naming the bad token.

import type { Argv } from 'yargs';
import { EXPORT_FORMAT_NAMES } from '../import/exports/export-format-names.js';
import { repeatedOption, singleOption } from './option-values.js';
import { UsageError } from './usage-error.js';

/** `--format-in` values besides the export format names. */
export const FORMAT_IN_AUTO = 'auto';
export const FORMAT_IN_CANONICAL = 'canonical';

/** Every value `--format-in` accepts. */
const FORMAT_IN_CHOICES: readonly string[] = [FORMAT_IN_AUTO, FORMAT_IN_CANONICAL, ...EXPORT_FORMAT_NAMES];

export interface ExportInputOptions {
  /** `--format-in auto|canonical|<export format>`. */
  readonly formatIn: string;
  /** `--with FILE`, repeatable: more files of the same venue export (account, brackets…). */
  readonly withFiles: readonly string[];
  /** `--exchange ID`: CCXT exchange id of a CCXT export. */
  readonly exchange: string | null;
}

/** The options as they are when none is given: the positions file's format detected. */
export const NO_EXPORT_INPUT: ExportInputOptions = { formatIn: FORMAT_IN_AUTO, withFiles: [], exchange: null };

/** Adds the venue-export input options to a yargs command builder. */
export function withExportInputOptions<T>(y: Argv<T>): Argv<T> {
  return y
    .option('format-in', {
      type: 'string',
      requiresArg: true,
      choices: [...FORMAT_IN_CHOICES],
      default: FORMAT_IN_AUTO,
      describe: 'format of the positions file: auto-detected, the canonical CSV, or a venue export',
      group: 'Input:',
    })
    .option('with', {
      type: 'string',
      requiresArg: true,
      describe: 'another file of the same venue export (account, leverage brackets…), repeatable',
      group: 'Input:',
    })
    .option('exchange', {
      type: 'string',
      requiresArg: true,
      describe: 'CCXT exchange id of a CCXT fetchPositions export (binanceusdm, bybit, okx…)',
      group: 'Input:',
    });
}

/** Reads the venue-export input options from parsed argv (defaults when absent). */
export function exportInputOptions(argv: Readonly<Record<string, unknown>>, command: string): ExportInputOptions {
  const formatIn = singleOption(argv, 'format-in', command) ?? FORMAT_IN_AUTO;
  if (!FORMAT_IN_CHOICES.includes(formatIn)) {
    throw new UsageError(`--format-in: ${JSON.stringify(formatIn)} is not one of ${FORMAT_IN_CHOICES.join(', ')}`, command);
  }
  return { formatIn, withFiles: repeatedOption(argv, 'with', command), exchange: singleOption(argv, 'exchange', command) };
}
