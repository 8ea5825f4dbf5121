// The values of string options as yargs hands them over, read the one way every command reads
// them: a repeatable option as its values in order, a single one as its value or null; a repeat
// of a single option or an empty value is one UsageError line naming the option.

import { UsageError } from './usage-error.js';

/** Every value of a repeatable string option, in order. */
export function repeatedOption(argv: Readonly<Record<string, unknown>>, name: string, command: string): string[] {
  const raw = argv[name];
  if (raw === undefined || raw === null) return [];
  const values = (Array.isArray(raw) ? raw : [raw]).map(String);
  if (values.some((value) => value.trim() === '')) throw new UsageError(`--${name} needs a value`, command);
  return values;
}

/** A string option given at most once. */
export function singleOption(argv: Readonly<Record<string, unknown>>, name: string, command: string): string | null {
  const values = repeatedOption(argv, name, command);
  if (values.length > 1) throw new UsageError(`--${name} was given ${values.length} times; give it once`, command);
  return values[0] ?? null;
}
