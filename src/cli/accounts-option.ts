// `--accounts A,B`: only these accounts are evaluated (and reported). Repeatable; commas
// separate ids within one value, so `--accounts a,b --accounts c` names three.

import type { Argv } from 'yargs';
import { UsageError } from './usage-error.js';

/** Adds `--accounts` to a command builder. */
export function withAccountsOption<T>(y: Argv<T>): Argv<T> {
  return y.option('accounts', {
    type: 'string',
    requiresArg: true,
    describe: 'only these accounts, comma-separated (repeatable)',
    group: 'Input:',
  });
}

/**
 * The account ids `--accounts` names, or null when it is not given (every account).
 * Example: `["a,b", "c"]` → `Set {a, b, c}`.
 */
export function accountsOption(argv: Readonly<Record<string, unknown>>, command: string): ReadonlySet<string> | null {
  const raw = argv['accounts'];
  if (raw === undefined || raw === null) return null;
  const values = Array.isArray(raw) ? raw.map(String) : [String(raw)];
  const ids = values.flatMap((value) => value.split(',')).map((id) => id.trim());
  if (ids.some((id) => id === '')) {
    throw new UsageError(`--accounts: expected account ids separated by commas, e.g. desk-a,desk-b (got ${JSON.stringify(values.join(','))})`, command);
  }
  return new Set(ids);
}
