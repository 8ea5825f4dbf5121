// The options of the shock commands (`simulate`, `replay`, and `report`, which runs both):
// declared once for yargs, then validated into plain typed values. Anything wrong is one
// UsageError line naming the option, what was given and what is accepted (exit code 2).
// `simulate` alone also takes the options of its analyses (`--recommend`, `--objective`,
// `--boundary-grid`, `--no-boundary`); for the other commands they keep their defaults.

import { availableParallelism } from 'node:os';
import type { Argv } from 'yargs';
import { MODE_OBJECTIVES, type ModeObjective } from '../recommendation/mode-objective.js';
import { parseVolOption } from '../scenarios/calibration/resolve-model-inputs.js';
import type { PathModelKind } from '../scenarios/models/path-model.js';
import { parseFiniteNumber } from '../scenarios/text/parse-number.js';
import { singleOption } from './option-values.js';
import { UsageError } from './usage-error.js';

const MODEL_KINDS: readonly PathModelKind[] = ['gbm', 'student-t', 'bootstrap'];
export const DEFAULT_PATHS = 10_000;
const DEFAULT_HORIZON = '24h';
/** The seed when none is given: fixed, so two runs agree; echoed in every output. */
export const DEFAULT_SEED = 1;
/** Drives symbols an event has no path of its own for (see src/scenarios/events/proxy-rule.ts). */
const DEFAULT_PROXY = 'ETH';
/** What `--recommend` minimises when `--objective` is not given. */
const DEFAULT_OBJECTIVE: ModeObjective = 'liquidation';
/** Grid points per axis of the joint liquidation boundary when `--boundary-grid` is not given. */
const DEFAULT_BOUNDARY_GRID = 25;
const MAX_BOUNDARY_GRID = 401;
/** Most paths of one run (each path keeps 24 bytes for exact tail quantiles). */
const MAX_PATHS = 10_000_000;
const MAX_STEPS = 100_000;
export const MAX_THREADS = 256;
/** Longest horizon: ten years. */
const MAX_HORIZON_HOURS = 10 * 365 * 24;
const HOURS_PER_UNIT: Readonly<Record<string, number>> = { m: 1 / 60, h: 1, d: 24 };

/** Where the correlation comes from (`--corr`). */
type CorrelationOption = { readonly kind: 'constant'; readonly rho: number } | { readonly kind: 'file'; readonly path: string };

/** The parsed shock options; the defaults are resolved, so every field is a value to use. */
export interface ShockOptions {
  readonly paths: number;
  /** `--horizon` as given (e.g. `24h`) and in hours. */
  readonly horizon: string;
  readonly horizonHours: number;
  /** Monitoring steps: `--steps`, else one per hour of the horizon (at least 1). */
  readonly steps: number;
  readonly seed: number;
  readonly model: PathModelKind;
  /** `--vol SYMBOL=ANNUAL_VOL`, symbol upper-cased; a repeated symbol keeps the last. */
  readonly vols: ReadonlyMap<string, number>;
  readonly corr: CorrelationOption | null;
  /** `--history` files (one long-format file, or one file per symbol). */
  readonly history: readonly string[];
  /** `--df`, Student-t degrees of freedom > 2; null: from the calibration. */
  readonly df: number | null;
  /** Worker threads; never changes the numbers. */
  readonly threads: number;
  /** Liquidation slippage in basis points. */
  readonly slippageBps: number;
  /** `--event` names; empty: every event of the library. */
  readonly events: readonly string[];
  /** `--prices` file of the user's own paths. */
  readonly prices: string | null;
  /** Proxy asset for symbols an event has no path for; null: no proxies (`--proxy none`). */
  readonly proxy: string | null;
  /** `simulate --recommend [--objective O]`: what the recommendation minimises; null: none. */
  readonly recommend: ModeObjective | null;
  /** `simulate --boundary-grid N` (default 25); null with `--no-boundary`. */
  readonly boundaryGrid: number | null;
}

/** Adds the Monte Carlo options to a command builder. */
export function withSimulateOptions<T>(y: Argv<T>): Argv<T> {
  const group = 'Monte Carlo:';
  return y
    .option('paths', { type: 'string', requiresArg: true, describe: `number of price paths (default ${DEFAULT_PATHS})`, group })
    .option('horizon', { type: 'string', requiresArg: true, describe: `time horizon with a unit: m, h or d (default ${DEFAULT_HORIZON})`, group })
    .option('steps', { type: 'string', requiresArg: true, describe: 'monitoring steps over the horizon (default: one per hour)', group })
    .option('seed', { type: 'string', requiresArg: true, describe: `random seed, a whole number (default ${DEFAULT_SEED}); same seed, same numbers`, group })
    .option('model', { type: 'string', requiresArg: true, choices: [...MODEL_KINDS], describe: 'price model (default gbm)', group })
    .option('vol', { type: 'string', requiresArg: true, describe: 'annual volatility of a symbol, SYMBOL=VOL (0.8 or 80%); repeatable', group })
    .option('corr', { type: 'string', requiresArg: true, describe: 'correlation: a matrix CSV (symbol,SYM1,SYM2,…) or one number RHO for every pair', group })
    .option('history', { type: 'string', requiresArg: true, describe: 'price history CSV (timestamp,symbol,close) to calibrate vol, correlation and tails; repeatable', group })
    .option('df', { type: 'string', requiresArg: true, describe: 'Student-t degrees of freedom, > 2 (default: from the calibration)', group })
    .option('threads', { type: 'string', requiresArg: true, describe: 'threads to run on at most (default: all cores); never changes the result', group })
    .option('slippage', { type: 'string', requiresArg: true, describe: 'liquidations fill this many basis points beyond the trigger price (default 0)', group: 'Liquidation:' });
}

/** Adds the options of simulate's own analyses: the mode recommendation and the joint boundary. */
export function withSimulateAnalysisOptions<T>(y: Argv<T>): Argv<T> {
  const group = 'Analyses:';
  return y
    .option('recommend', {
      type: 'boolean',
      describe: 'per account, which positions to isolate (and with what margin) on the same capital to minimise --objective, against the three modes on the same paths',
      group,
    })
    .option('objective', {
      type: 'string',
      requiresArg: true,
      choices: [...MODE_OBJECTIVES],
      describe: `what --recommend minimises: P(any liquidation), expected loss or expected shortfall 99 % (default ${DEFAULT_OBJECTIVE})`,
      group,
    })
    .option('boundary-grid', {
      type: 'string',
      requiresArg: true,
      describe: `grid points per axis of the joint liquidation boundary of the cross pool (default ${DEFAULT_BOUNDARY_GRID})`,
      group,
    })
    .option('no-boundary', { type: 'boolean', describe: 'leave out the joint liquidation boundary', group });
}

/** Adds the replay options to a command builder. */
export function withReplayOptions<T>(y: Argv<T>): Argv<T> {
  const group = 'Replay:';
  return y
    .option('event', { type: 'string', requiresArg: true, describe: "historical event by crash day or alias (see 'marginscope events'); repeatable; default: all", group })
    .option('prices', { type: 'string', requiresArg: true, describe: 'your own price paths: CSV timestamp,symbol,price[,high,low], rebased to the marks', group })
    .option('proxy', { type: 'string', requiresArg: true, describe: `asset whose path drives symbols an event lacks (default ${DEFAULT_PROXY}); 'none' to refuse them`, group })
    .option('slippage', { type: 'string', requiresArg: true, describe: 'liquidations fill this many basis points beyond the trigger price (default 0)', group: 'Liquidation:' });
}

type Argvish = Readonly<Record<string, unknown>>;

/** Every value of a repeatable option, as strings. */
function repeated(argv: Argvish, name: string): string[] {
  const value = argv[name];
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** A whole number in [min, max], or the fallback when the option is absent. */
export function wholeNumber(argv: Argvish, name: string, command: string, min: number, max: number, fallback: number, example: string): number {
  const text = singleOption(argv, name, command);
  if (text === null) return fallback;
  const value = Number(text.trim().replace(/_/g, ''));
  if (!/^\+?[\d_]+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`--${name}: expected a whole number from ${min} to ${max.toLocaleString('en-US')}, such as ${example} (got ${JSON.stringify(text)})`, command);
  }
  return value;
}

/** `--horizon`: a positive number with a unit m, h or d (`90m`, `24h`, `7d`). */
export function parseHorizon(text: string, command: string): number {
  const m = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*([mhd])\s*$/i.exec(text);
  const hours = m === null ? NaN : Number(m[1]) * HOURS_PER_UNIT[m[2]!.toLowerCase()]!;
  if (!(hours > 0) || hours > MAX_HORIZON_HOURS) {
    throw new UsageError(`--horizon: expected a duration with a unit m, h or d, such as 90m, 24h or 7d, up to 10 years (got ${JSON.stringify(text)})`, command);
  }
  return hours;
}

/** `--vol SYMBOL=VOL`, repeatable; the annual volatility is a fraction (0.8) or percent (80%). */
function parseVols(argv: Argvish, command: string): Map<string, number> {
  const vols = new Map<string, number>();
  for (const text of repeated(argv, 'vol')) {
    const parsed = parseVolOption(text);
    if ('code' in parsed) throw new UsageError(`--vol: ${parsed.message} (got ${JSON.stringify(text)})`, command);
    vols.set(parsed.symbol, parsed.volAnnual);
  }
  return vols;
}

/** `--corr`: a number in [-1, 1] is one correlation for every pair; anything else a file. */
function parseCorr(argv: Argvish, command: string): CorrelationOption | null {
  const text = singleOption(argv, 'corr', command);
  if (text === null) return null;
  const rho = parseFiniteNumber(text);
  if (rho === null && /^[+-]?(nan|inf(inity)?|[0-9.]+(e[+-]?[0-9]+)?)$/i.test(text.trim())) {
    throw new UsageError(`--corr: a constant correlation must be a number in [-1, 1], or give a correlation matrix CSV file (got ${JSON.stringify(text)})`, command);
  }
  if (rho === null) return { kind: 'file', path: text };
  if (rho < -1 || rho > 1) throw new UsageError(`--corr: a constant correlation must be in [-1, 1] (got ${JSON.stringify(text)})`, command);
  return { kind: 'constant', rho };
}

function parseDf(argv: Argvish, command: string): number | null {
  const text = singleOption(argv, 'df', command);
  if (text === null) return null;
  const df = parseFiniteNumber(text);
  if (df === null || !(df > 2) || df > 1e6) {
    throw new UsageError(`--df: Student-t degrees of freedom must be a number above 2 (the variance is infinite at 2 and below), such as 4 (got ${JSON.stringify(text)})`, command);
  }
  return df;
}

function parseSlippage(argv: Argvish, command: string): number {
  const text = singleOption(argv, 'slippage', command);
  if (text === null) return 0;
  const bps = parseFiniteNumber(text);
  if (bps === null || bps < 0 || bps >= 10_000) {
    throw new UsageError(`--slippage: expected basis points from 0 to below 10000, such as 25 (got ${JSON.stringify(text)})`, command);
  }
  return bps;
}

function parseModel(argv: Argvish, command: string): PathModelKind {
  const text = singleOption(argv, 'model', command);
  if (text === null) return 'gbm';
  const model = MODEL_KINDS.find((kind) => kind === text.trim().toLowerCase());
  if (model === undefined) throw new UsageError(`--model: ${JSON.stringify(text)} is not one of ${MODEL_KINDS.join(', ')}`, command);
  return model;
}

function parseProxy(argv: Argvish, command: string): string | null {
  const text = singleOption(argv, 'proxy', command);
  if (text === null) return DEFAULT_PROXY;
  const asset = text.trim().toUpperCase();
  if (asset === 'NONE') return null;
  if (!/^[A-Z0-9]{1,20}$/.test(asset)) throw new UsageError(`--proxy: expected an asset such as ETH or DOGE, or none (got ${JSON.stringify(text)})`, command);
  return asset;
}

/** A flag given at most once: true when given. */
function flag(argv: Argvish, name: string, command: string): boolean {
  const value = argv[name];
  if (Array.isArray(value)) throw new UsageError(`--${name} was given ${value.length} times; give it once`, command);
  return value === true;
}

/** `--recommend [--objective O]`; `--objective` alone is a usage error (it would do nothing). */
function parseRecommend(argv: Argvish, command: string): ModeObjective | null {
  const recommend = flag(argv, 'recommend', command);
  const text = singleOption(argv, 'objective', command);
  if (text === null) return recommend ? DEFAULT_OBJECTIVE : null;
  const objective = MODE_OBJECTIVES.find((o) => o === text.trim().toLowerCase());
  if (objective === undefined) throw new UsageError(`--objective: ${JSON.stringify(text)} is not one of ${MODE_OBJECTIVES.join(', ')}`, command);
  if (!recommend) throw new UsageError('--objective says what --recommend minimises; add --recommend', command);
  return objective;
}

/** `--boundary-grid N` (default 25), or null with `--no-boundary`; both at once is a usage error. */
function parseBoundaryGrid(argv: Argvish, command: string): number | null {
  const off = flag(argv, 'no-boundary', command);
  if (off && singleOption(argv, 'boundary-grid', command) !== null) throw new UsageError('--boundary-grid and --no-boundary cannot be used together; give one', command);
  if (off) return null;
  return wholeNumber(argv, 'boundary-grid', command, 2, MAX_BOUNDARY_GRID, DEFAULT_BOUNDARY_GRID, '25');
}

/** Validates the shock options of `command` (absent ones take their defaults). */
export function shockOptions(argv: Argvish, command: string): ShockOptions {
  const horizonText = singleOption(argv, 'horizon', command) ?? DEFAULT_HORIZON;
  const horizonHours = parseHorizon(horizonText, command);
  const events = repeated(argv, 'event').map((name) => name.trim());
  if (events.some((name) => name === '')) throw new UsageError('--event needs a value', command);
  const model = parseModel(argv, command);
  const df = parseDf(argv, command);
  if (df !== null && model !== 'student-t') {
    throw new UsageError(`--df sets the Student-t degrees of freedom and applies to --model student-t only (the model is ${model})`, command);
  }
  return {
    paths: wholeNumber(argv, 'paths', command, 1, MAX_PATHS, DEFAULT_PATHS, '10000'),
    horizon: horizonText.trim(),
    horizonHours,
    steps: wholeNumber(argv, 'steps', command, 1, MAX_STEPS, Math.max(1, Math.min(MAX_STEPS, Math.ceil(horizonHours - 1e-9))), '24'),
    seed: wholeNumber(argv, 'seed', command, 0, Number.MAX_SAFE_INTEGER, DEFAULT_SEED, '42'),
    model,
    vols: parseVols(argv, command),
    corr: parseCorr(argv, command),
    history: repeated(argv, 'history'),
    df,
    threads: wholeNumber(argv, 'threads', command, 1, MAX_THREADS, Math.min(MAX_THREADS, availableParallelism()), '4'),
    slippageBps: parseSlippage(argv, command),
    events: [...new Set(events)],
    prices: singleOption(argv, 'prices', command),
    proxy: parseProxy(argv, command),
    recommend: parseRecommend(argv, command),
    boundaryGrid: parseBoundaryGrid(argv, command),
  };
}
