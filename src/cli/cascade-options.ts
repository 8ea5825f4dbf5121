// The options of `marginscope cascade` (besides the common, Monte Carlo and replay ones):
// `--crowd FILE` (+ `--crowd-balances FILE`), `--depth FILE|SYMBOL=AMOUNT` (repeatable),
// `--insurance-fund ASSET=AMOUNT` (repeatable), `--resilience HALF_LIFE`. Declared for yargs and
// validated into plain values; a malformed option is a UsageError, a bad amount an input Issue.

import type { Argv } from 'yargs';
import { parseHorizon } from './shock-options.js';
import { UsageError } from './usage-error.js';

export interface CascadeOptions {
  readonly crowd: string | null;
  readonly crowdBalances: string | null;
  /** `--depth` values as given: files or SYMBOL=AMOUNT entries. */
  readonly depth: readonly string[];
  /** `--insurance-fund` as ASSET → the amount text (validated by the flow: negative is an Issue). */
  readonly insuranceFund: ReadonlyMap<string, string>;
  readonly resilienceHours: number | null;
  /** Replay when `--event` or `--prices` is given, else Monte Carlo. */
  readonly kind: 'replay' | 'monte-carlo';
}

export function withCascadeOptions<T>(y: Argv<T>): Argv<T> {
  const group = 'Cascade:';
  return y
    .option('crowd', { type: 'string', requiresArg: true, describe: 'the rest of the market: a positions CSV of other accounts (your positions file is then your own book)', group })
    .option('crowd-balances', { type: 'string', requiresArg: true, describe: 'cross-wallet collateral of the crowd accounts: account,asset,amount', group })
    .option('depth', { type: 'string', requiresArg: true, describe: 'quote notional per 1 % move: a CSV symbol,depth_1pct[,bid_depth_1pct,ask_depth_1pct] or SYMBOL=AMOUNT; repeatable', group })
    .option('insurance-fund', { type: 'string', requiresArg: true, describe: 'insurance fund per settlement asset, ASSET=AMOUNT (default 0: every deficit goes to ADL); repeatable', group })
    .option('resilience', { type: 'string', requiresArg: true, describe: 'half-life of the price impact between steps, with a unit m, h or d (default: permanent)', group });
}

function values(argv: Readonly<Record<string, unknown>>, name: string): string[] {
  const v = argv[name];
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).map(String);
}

function one(argv: Readonly<Record<string, unknown>>, name: string, command: string): string | null {
  const v = values(argv, name);
  if (v.length > 1) throw new UsageError(`--${name} was given ${v.length} times; give it once`, command);
  if (v.length === 1 && v[0]!.trim() === '') throw new UsageError(`--${name} needs a value`, command);
  return v[0] ?? null;
}

export function cascadeOptions(argv: Readonly<Record<string, unknown>>, command: string): CascadeOptions {
  if (argv['skip-invalid'] === true) {
    // A cascade's market is every account together: one left out would change the prices the others see.
    throw new UsageError("--skip-invalid cannot be used with a cascade: its market is every account together, and one left out would change the prices all the others see; fix the rows the problems name", command);
  }
  const depth = values(argv, 'depth');
  if (depth.length === 0) throw new UsageError('--depth is required: the quote notional that moves each symbol by 1 % (a CSV file or SYMBOL=AMOUNT)', command);
  const insuranceFund = new Map<string, string>();
  for (const entry of values(argv, 'insurance-fund')) {
    const m = /^\s*([A-Za-z0-9]+)\s*=\s*(\S.*)$/.exec(entry);
    if (m === null) throw new UsageError(`--insurance-fund: expected ASSET=AMOUNT such as USDT=5000000 (got ${JSON.stringify(entry)})`, command);
    insuranceFund.set(m[1]!.toUpperCase(), m[2]!.trim());
  }
  const resilience = one(argv, 'resilience', command);
  const replay = values(argv, 'event').length > 0 || values(argv, 'prices').length > 0;
  return {
    crowd: one(argv, 'crowd', command),
    crowdBalances: one(argv, 'crowd-balances', command),
    depth,
    insuranceFund,
    resilienceHours: resilience === null ? null : parseHorizon(resilience, command),
    kind: replay ? 'replay' : 'monte-carlo',
  };
}
