// Options of `evaluate` beyond the common ones: deterministic stress, what-if trades, margin
// transfers, scenario shocks (`--shock`, `--shock-file`), venue-export input, the account filter
// and the threads of the plain evaluation (`--threads`). Declared here so the command line stays
// one list per command; read into plain typed values, every mistake one UsageError line naming
// the bad token.

import { availableParallelism } from 'node:os';
import type { Argv } from 'yargs';
import type { BookChanges } from '../book-changes/apply-book-changes.js';
import { parseTransfer, type TransferSpec } from '../book-changes/parse-transfer.js';
import { parseWhatIf, type WhatIfSpec } from '../book-changes/parse-what-if.js';
import { parseShockText } from '../scenarios/shocks/parse-shock-text.js';
import type { ShockScenario } from '../scenarios/shocks/shock-scenario.js';
import { accountsOption, withAccountsOption } from './accounts-option.js';
import { NO_EXPORT_INPUT, exportInputOptions, withExportInputOptions, type ExportInputOptions } from './export-input-options.js';
import { repeatedOption, singleOption } from './option-values.js';
import { MAX_THREADS, wholeNumber } from './shock-options.js';
import { UsageError } from './usage-error.js';

export interface EvaluateExtras extends ExportInputOptions {
  /** `--stress`: move each position's symbol to its isolated liquidation price; who falls in cross? */
  readonly stress: boolean;
  /** `--what-if "BTCUSDT long 0.5 @ 97000 x10 isolated"`, repeatable, as given. */
  readonly whatIf: readonly string[];
  /** `--transfer ACCOUNT:AMOUNT[:ASSET]`, repeatable, as given. */
  readonly transfer: readonly string[];
  /** `--what-if` and `--transfer` parsed (already checked: a bad token is a usage error). */
  readonly changes: BookChanges;
  /** `--accounts A,B`: only these accounts; null for all. */
  readonly accounts: ReadonlySet<string> | null;
  /** `--shock "BTC=-20%,*=-35%"`, repeatable, parsed (a bad one is a usage error). */
  readonly shocks: readonly ShockScenario[];
  /** `--shock-file FILE`: named scenarios (`scenario,asset,move`); read by the command. */
  readonly shockFile: string | null;
  /**
   * `--threads N`: threads evaluating the canonical CSV without other extras (this one and N − 1
   * workers; default: every core). Never changes the output.
   */
  readonly threads: number;
}

/** Threads of the plain evaluation when `--threads` is not given: one per core. */
function defaultThreads(): number {
  return Math.min(MAX_THREADS, availableParallelism());
}

/** Extras as they are when none of the options is given. */
export const NO_EVALUATE_EXTRAS: EvaluateExtras = {
  stress: false,
  whatIf: [],
  transfer: [],
  changes: { whatIfs: [], transfers: [] },
  ...NO_EXPORT_INPUT,
  accounts: null,
  shocks: [],
  shockFile: null,
  threads: defaultThreads(),
};

/** Adds the extra options to a yargs command builder. */
export function withEvaluateExtras<T>(y: Argv<T>): Argv<T> {
  return withAccountsOption(
    withExportInputOptions(y)
      .option('stress', {
        type: 'boolean',
        describe: "move each position's symbol to its isolated liquidation price (others held) and show who falls in cross",
        group: 'Analysis:',
      })
      .option('what-if', {
        type: 'string',
        requiresArg: true,
        describe: 'a hypothetical position, e.g. "BTCUSDT long 0.5 @ 97000 x10 isolated" (repeatable); shows before → after',
        group: 'Analysis:',
      })
      .option('transfer', {
        type: 'string',
        requiresArg: true,
        describe: 'move collateral into (+) or out of (-) a cross wallet: ACCOUNT:AMOUNT[:ASSET] (repeatable)',
        group: 'Analysis:',
      })
      .option('shock', {
        type: 'string',
        requiresArg: true,
        describe: 'a price shock, e.g. "BTC=-20%,ETH=-30%,*=-35%" (* = every other asset; repeatable): the three modes after it',
        group: 'Analysis:',
      })
      .option('shock-file', {
        type: 'string',
        requiresArg: true,
        describe: 'named shock scenarios: CSV scenario,asset,move (one asset per row)',
        group: 'Analysis:',
      })
      .option('threads', {
        type: 'string',
        requiresArg: true,
        describe: 'threads evaluating the canonical CSV (default: all cores; 1: this thread only); never changes the output',
        group: 'Evaluation:',
      })
  );
}

function flag(argv: Readonly<Record<string, unknown>>, name: string, command: string): boolean {
  const value = argv[name];
  if (value === undefined) return false;
  if (Array.isArray(value)) throw new UsageError(`--${name} was given ${value.length} times; give it once`, command);
  if (typeof value !== 'boolean') throw new UsageError(`--${name} takes no value`, command);
  return value;
}

/** Parses every text with `parse`; the first error is a usage error naming the bad token. */
function parseAll<T>(texts: readonly string[], parse: (text: string) => { ok: true; value: T } | { ok: false; error: string }, command: string): T[] {
  return texts.map((text) => {
    const parsed = parse(text);
    if (!parsed.ok) throw new UsageError(parsed.error, command);
    return parsed.value;
  });
}

/** Reads the extra options from parsed argv (defaults when absent). */
export function evaluateExtras(argv: Readonly<Record<string, unknown>>, command: string): EvaluateExtras {
  const whatIf = repeatedOption(argv, 'what-if', command);
  const transfer = repeatedOption(argv, 'transfer', command);
  const whatIfs: WhatIfSpec[] = parseAll(whatIf, parseWhatIf, command);
  const transfers: TransferSpec[] = parseAll(transfer, parseTransfer, command);
  return {
    stress: flag(argv, 'stress', command),
    whatIf,
    transfer,
    changes: { whatIfs, transfers },
    ...exportInputOptions(argv, command),
    accounts: accountsOption(argv, command),
    shocks: parseAll(repeatedOption(argv, 'shock', command), parseShockText, command),
    shockFile: singleOption(argv, 'shock-file', command),
    threads: wholeNumber(argv, 'threads', command, 1, MAX_THREADS, defaultThreads(), '2'),
  };
}
