// Options of `evaluate` beyond the common ones: deterministic stress, what-if trades, margin
// transfers and venue-export input. Declared here so the command line stays one list per command.

import type { Argv } from 'yargs';

export interface EvaluateExtras {
  /** `--stress`: move each position's symbol to its isolated liquidation price; who falls in cross? */
  readonly stress: boolean;
  /** `--what-if "BTCUSDT long 0.5 @ 97000 x10 isolated"`, repeatable. */
  readonly whatIf: readonly string[];
  /** `--transfer ACCOUNT:AMOUNT[:ASSET]`, repeatable. */
  readonly transfer: readonly string[];
  /** `--format-in auto|canonical|<export format>`. */
  readonly formatIn: string;
  /** `--with FILE`, repeatable: more files of the same venue export (account, brackets…). */
  readonly withFiles: readonly string[];
  /** `--exchange ID`: CCXT exchange id of a CCXT export. */
  readonly exchange: string | null;
}

/** Adds the extra options to a yargs command builder. */
export function withEvaluateExtras<T>(y: Argv<T>): Argv<T> {
  return y;
}

/** Reads the extra options from parsed argv (defaults when absent). */
export function evaluateExtras(_argv: Readonly<Record<string, unknown>>, _command: string): EvaluateExtras {
  return { stress: false, whatIf: [], transfer: [], formatIn: 'auto', withFiles: [], exchange: null };
}
