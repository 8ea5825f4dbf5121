// The options every command takes, validated from what yargs parsed into plain typed values.
// Anything wrong becomes a UsageError naming the option, the value and what is accepted.

import { AMOUNT_RANGE, amountInRange, outOfRangeMessage } from '../domain/input-ranges.js';
import { VENUE_NAMES, isVenueName, type VenueName } from '../domain/venue-name.js';
import type { AllocationPolicy } from '../margin/evaluation.js';
import { EVALUATE_FORMATS, isEvaluateFormat, type EvaluateFormat } from '../report/evaluate/evaluate-document.js';
import { UsageError } from './usage-error.js';

export const ALLOCATION_POLICIES: readonly AllocationPolicy[] = ['leverage', 'notional', 'equal-risk'];

type Delimiter = ',' | ';' | '\t';

/** Spellings `--delimiter` accepts, for shells where a bare `;` or a tab is awkward to type. */
const DELIMITER_SPELLINGS: Readonly<Record<string, Delimiter>> = {
  ',': ',',
  comma: ',',
  ';': ';',
  semicolon: ';',
  '\t': '\t',
  '\\t': '\t',
  tab: '\t',
};

/** The positions file name that means "read standard input". */
export const STDIN_PATH = '-';

export interface CommonOptions {
  /** Positions file as the user named it, or `-` for standard input. */
  readonly positions: string;
  readonly balances: string | null;
  /** `--wallet` amount in the settlement asset of the book. */
  readonly wallet: number | null;
  readonly venue: VenueName;
  readonly tiers: string | null;
  readonly format: EvaluateFormat;
  readonly out: string | null;
  /** null: detected from the header line. */
  readonly delimiter: Delimiter | null;
  readonly allocation: AllocationPolicy;
  readonly skipInvalid: boolean;
  readonly quiet: boolean;
}

/** The raw value of one option, refusing repeats (yargs turns `--x a --x b` into an array). */
function single(argv: Readonly<Record<string, unknown>>, name: string, command: string): unknown {
  const value = argv[name];
  if (Array.isArray(value)) throw new UsageError(`--${name} was given ${value.length} times; give it once`, command);
  return value;
}

function optionalString(argv: Readonly<Record<string, unknown>>, name: string, command: string): string | null {
  const value = single(argv, name, command);
  if (value === undefined || value === null) return null;
  const text = String(value);
  if (text.trim() === '') throw new UsageError(`--${name} needs a value`, command);
  return text;
}

function oneOf<T extends string>(
  argv: Readonly<Record<string, unknown>>,
  name: string,
  command: string,
  allowed: readonly T[],
  isAllowed: (value: string) => value is T,
  fallback: T,
): T {
  const value = optionalString(argv, name, command);
  if (value === null) return fallback;
  if (!isAllowed(value)) {
    throw new UsageError(`--${name}: ${JSON.stringify(value)} is not one of ${allowed.join(', ')}`, command);
  }
  return value;
}

function flag(argv: Readonly<Record<string, unknown>>, name: string, command: string): boolean {
  const value = single(argv, name, command);
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw new UsageError(`--${name} takes no value`, command);
  return value;
}

/** `--wallet`: a finite amount, zero or more, plain decimal or exponent notation. */
export function parseWallet(text: string, command: string): number {
  const trimmed = text.trim().replace(/_/g, '');
  const amount = /^[+]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(trimmed) ? Number(trimmed) : NaN;
  if (!Number.isFinite(amount)) {
    throw new UsageError(`--wallet: expected an amount such as 25000 (got ${JSON.stringify(text)})`, command);
  }
  if (!amountInRange(amount)) throw new UsageError(`--wallet: ${outOfRangeMessage(AMOUNT_RANGE, true)} (got ${JSON.stringify(text)})`, command);
  return amount;
}

/** `--delimiter`: `,` `;` or a tab, also spelled `comma`, `semicolon`, `tab` or `\t`. */
export function parseDelimiter(text: string, command: string): Delimiter {
  const delimiter = DELIMITER_SPELLINGS[text] ?? DELIMITER_SPELLINGS[text.trim().toLowerCase()];
  if (delimiter === undefined) {
    throw new UsageError(`--delimiter: expected ',', ';' or 'tab' (got ${JSON.stringify(text)})`, command);
  }
  return delimiter;
}

/** Validates the options every command shares. */
export function commonOptions(argv: Readonly<Record<string, unknown>>, command: string): CommonOptions {
  const positions = optionalString(argv, 'positions', command);
  if (positions === null) throw new UsageError('missing the POSITIONS file', command);
  const balances = optionalString(argv, 'balances', command);
  const walletText = optionalString(argv, 'wallet', command);
  if (balances !== null && walletText !== null) {
    throw new UsageError('--balances and --wallet cannot be used together; give one', command);
  }
  const delimiterText = single(argv, 'delimiter', command);
  return {
    positions,
    balances,
    wallet: walletText === null ? null : parseWallet(walletText, command),
    venue: oneOf(argv, 'venue', command, VENUE_NAMES, isVenueName, 'generic'),
    tiers: optionalString(argv, 'tiers', command),
    format: oneOf(argv, 'format', command, EVALUATE_FORMATS, isEvaluateFormat, 'table'),
    out: optionalString(argv, 'out', command),
    delimiter: delimiterText === undefined ? null : parseDelimiter(String(delimiterText), command),
    allocation: oneOf(
      argv,
      'allocation',
      command,
      ALLOCATION_POLICIES,
      (value): value is AllocationPolicy => (ALLOCATION_POLICIES as readonly string[]).includes(value),
      'leverage',
    ),
    skipInvalid: flag(argv, 'skip-invalid', command),
    quiet: flag(argv, 'quiet', command),
  };
}
