// The command line, declared once with yargs: commands, options and help text. Parsing never
// prints or exits by itself: help and version come back as text to print, mistakes as one
// UsageError line, so the entry point alone decides what reaches the terminal.

import yargs from 'yargs';
import type { Argv } from 'yargs';
import { VENUE_NAMES } from '../domain/venue-name.js';
import { EVALUATE_FORMATS, isEvaluateFormat, type EvaluateFormat } from '../report/evaluate/evaluate-document.js';
import { ALLOCATION_POLICIES, STDIN_PATH, commonOptions, type CommonOptions } from './command-options.js';
import { accountsOption, withAccountsOption } from './accounts-option.js';
import { cascadeOptions, withCascadeOptions, type CascadeOptions } from './cascade-options.js';
import { evaluateExtras, withEvaluateExtras, type EvaluateExtras } from './evaluate-extra-options.js';
import { exportInputOptions, withExportInputOptions, type ExportInputOptions } from './export-input-options.js';
import { reportOptions, withReportOptions, type ReportOptions } from './report-command-line.js';
import { shockOptions, withReplayOptions, withSimulateAnalysisOptions, withSimulateOptions, type ShockOptions } from './shock-options.js';
import { UsageError } from './usage-error.js';

/** Commands that work in this version. */
const AVAILABLE_COMMANDS = ['evaluate', 'simulate', 'replay', 'events', 'report', 'cascade'] as const;
/** Commands of the contract that are planned but not built yet: listed in help, refused when run. */
const PLANNED_COMMANDS = [] as const;
type PlannedCommand = (typeof PLANNED_COMMANDS)[number];

const ALL_COMMANDS: readonly string[] = [...AVAILABLE_COMMANDS, ...PLANNED_COMMANDS];

/** Options of `events`: only where and how to write the list. */
export interface EventsOptions {
  readonly format: EvaluateFormat;
  readonly out: string | null;
  readonly quiet: boolean;
}

type CommandLine =
  /** Help or version text: print it to stdout and exit 0. */
  | { readonly kind: 'print'; readonly text: string }
  | { readonly kind: 'planned'; readonly command: PlannedCommand }
  | { readonly kind: 'evaluate'; readonly options: CommonOptions; readonly extras: EvaluateExtras }
  | { readonly kind: 'simulate'; readonly options: CommonOptions; readonly shock: ShockOptions; readonly accounts: ReadonlySet<string> | null; readonly exportInput: ExportInputOptions }
  | { readonly kind: 'replay'; readonly options: CommonOptions; readonly shock: ShockOptions; readonly accounts: ReadonlySet<string> | null; readonly exportInput: ExportInputOptions }
  | { readonly kind: 'events'; readonly options: EventsOptions }
  | { readonly kind: 'report'; readonly options: CommonOptions; readonly report: ReportOptions; readonly shock: ShockOptions; readonly cascade: CascadeOptions | null; readonly exportInput: ExportInputOptions }
  | { readonly kind: 'cascade'; readonly options: CommonOptions; readonly shock: ShockOptions; readonly cascade: CascadeOptions };

const EPILOGUE =
  'Exit codes: 0 success, 1 input problems (one line each on stderr), 2 usage error, 3 internal error.\n' +
  'Input columns and JSON fields: see the README and the contract it links to.';

/** The options every command takes, with their help text. */
function withCommonOptions<T>(y: Argv<T>): Argv<T> {
  return y
    .option('balances', {
      type: 'string',
      requiresArg: true,
      describe: 'cross-wallet collateral CSV: account,asset,amount[,price,haircut]',
      group: 'Input:',
    })
    .option('wallet', {
      type: 'string',
      requiresArg: true,
      describe: 'cross-wallet collateral of a one-account book, in its settlement asset (instead of --balances)',
      group: 'Input:',
    })
    .option('venue', {
      type: 'string',
      requiresArg: true,
      choices: [...VENUE_NAMES],
      default: 'generic',
      describe: 'venue risk profile for rows without a venue column',
      group: 'Input:',
    })
    .option('tiers', {
      type: 'string',
      requiresArg: true,
      describe: 'tier table CSV overriding the venue profile\'s default tiers',
      group: 'Input:',
    })
    .option('delimiter', {
      type: 'string',
      requiresArg: true,
      describe: "CSV delimiter of the input files: ',' ';' or tab (default: detected)",
      group: 'Input:',
    })
    .option('allocation', {
      type: 'string',
      requiresArg: true,
      choices: [...ALLOCATION_POLICIES],
      default: 'leverage',
      describe: 'how cross collateral is split into isolated margins in the isolated mode',
      group: 'Evaluation:',
    })
    .option('skip-invalid', {
      type: 'boolean',
      describe: 'leave out the accounts with input problems and evaluate the others (problems still listed on stderr)',
      group: 'Evaluation:',
    })
    .option('format', {
      type: 'string',
      requiresArg: true,
      choices: [...EVALUATE_FORMATS],
      default: 'table',
      describe: 'output format',
      group: 'Output:',
    })
    .option('out', {
      alias: 'o',
      type: 'string',
      requiresArg: true,
      describe: 'write the result to FILE (atomically) instead of stdout',
      group: 'Output:',
    })
    .option('quiet', {
      alias: 'q',
      type: 'boolean',
      describe: 'no progress or notes on stderr (errors are still printed)',
      group: 'Output:',
    });
}

function withPositions<T>(y: Argv<T>): Argv<T> {
  return y.positional('positions', {
    type: 'string',
    describe: "positions CSV ('-' reads standard input)",
  });
}

/** The output options of a command that reads no book (`events`). */
function withListOptions<T>(y: Argv<T>): Argv<T> {
  return y
    .option('format', { type: 'string', requiresArg: true, choices: [...EVALUATE_FORMATS], default: 'table', describe: 'output format', group: 'Output:' })
    .option('out', { alias: 'o', type: 'string', requiresArg: true, describe: 'write the result to FILE (atomically) instead of stdout', group: 'Output:' })
    .option('quiet', { alias: 'q', type: 'boolean', describe: 'no notes on stderr (errors are still printed)', group: 'Output:' });
}

/** Validates the options of `events`. */
function eventsOptions(argv: Readonly<Record<string, unknown>>): EventsOptions {
  const one = (name: string): unknown => {
    const value = argv[name];
    if (Array.isArray(value)) throw new UsageError(`--${name} was given ${value.length} times; give it once`, 'events');
    return value;
  };
  const format = String(one('format') ?? 'table');
  if (!isEvaluateFormat(format)) throw new UsageError(`--format: ${JSON.stringify(format)} is not one of ${EVALUATE_FORMATS.join(', ')}`, 'events');
  const out = one('out');
  if (out !== undefined && String(out).trim() === '') throw new UsageError('--out needs a value', 'events');
  return { format, out: out === undefined ? null : String(out), quiet: one('quiet') === true };
}

/** Rewrites one of yargs' messages as one plain line about the options the user typed. */
function usageMessage(raw: string, args: readonly string[], command: string | null): string {
  const text = raw.replace(/\s+/g, ' ').trim();
  const unknown = /^Unknown arguments?: (.*)$/.exec(text);
  if (unknown !== null) {
    const names = unknown[1]!.split(', ');
    const first = names[0]!;
    const typedAsOption = args.some((a) => a === `--${first}` || a.startsWith(`--${first}=`) || a === `-${first}`);
    if (command === null) return `unknown command ${JSON.stringify(first)}; the commands are ${ALL_COMMANDS.join(', ')}`;
    return typedAsOption ? `unknown option --${first}` : `unexpected argument ${JSON.stringify(first)}`;
  }
  const invalid = /^Invalid values: Argument: (\S+), Given: (.*?), Choices: (.*)$/.exec(text);
  if (invalid !== null) {
    const choices = invalid[3]!.replace(/"/g, '');
    return `--${invalid[1]}: ${invalid[2]} is not one of ${choices}`;
  }
  const missingValue = /^Not enough arguments following: (\S+)$/.exec(text);
  if (missingValue !== null) return `--${OPTION_NAMES_BY_ALIAS[missingValue[1]!] ?? missingValue[1]} needs a value`;
  if (/^Missing required argument: positions$/.test(text)) return 'missing the POSITIONS file';
  const conflict = /^Arguments (\S+) and (\S+) are mutually exclusive$/.exec(text);
  if (conflict !== null) return `--${conflict[1]} and --${conflict[2]} cannot be used together; give one`;
  if (/^Not enough non-option arguments/.test(text)) return 'no command given';
  return text;
}

/** The long name of each one-letter alias, for messages (`-o` is `--out`). */
const OPTION_NAMES_BY_ALIAS: Readonly<Record<string, string>> = { o: 'out', q: 'quiet', h: 'help' };

/** yargs reads a lone `-` positional as ''; give it back its meaning, standard input. */
function withStdinPositions(argv: Readonly<Record<string, unknown>>, args: readonly string[]): Readonly<Record<string, unknown>> {
  return argv['positions'] === '' && args.includes(STDIN_PATH) ? { ...argv, positions: STDIN_PATH } : argv;
}

/**
 * Parses `args` (without `node` and the script). Returns what to do; throws UsageError for any
 * mistake in the command line.
 */
/** True when the arguments ask for help (`--help`, `-h`, or the `help` command): only then is it wrapped. */
function wantsHelp(args: readonly string[]): boolean {
  return args.some((arg) => arg === '--help' || arg === '-h' || arg === 'help');
}

/** The part of yargs' internals that renders the help text after every command it runs. */
interface HelpCache {
  getInternalMethods(): { getUsageInstance(): { cacheHelpMessage(): void } };
}

/**
 * yargs renders the whole help text after every command it parses, only to cache it for a later
 * `showHelp()`; this command line never asks for it then (help is only printed for `--help`, and
 * `showHelpOnFail` is off), and the rendering (string widths through Intl.Segmenter) is a tenth
 * of a command's start-up. Skipped unless help is asked for.
 */
function skipHelpCache(parser: Argv<unknown>): void {
  (parser as unknown as HelpCache).getInternalMethods().getUsageInstance().cacheHelpMessage = () => {};
}

export async function parseCommandLine(args: readonly string[], version: string, terminalWidth: number | null): Promise<CommandLine> {
  let command: string | null = null;
  let failure: string | null = null;
  const parser = yargs()
    // English whatever the user's locale: every description and message of the tool is English,
    // and usageMessage rewrites yargs' English messages (under LANG=de they came half German and
    // unrewritten). It also spares yargs its locale files, so the command's bundle carries it.
    .locale('en')
    .scriptName('marginscope')
    .usage('$0 <command> POSITIONS.csv [options]')
    .exitProcess(false)
    .showHelpOnFail(false)
    // `--no-x` is not "x = false" here: every flag is off unless given, so it would only hide typos.
    .parserConfiguration({ 'boolean-negation': false })
    .strict()
    // Help is only rendered when asked for (see skipHelpCache), and only then wrapped.
    .wrap(wantsHelp(args) ? Math.min(terminalWidth ?? 100, 120) : null)
    .command('evaluate <positions>', 'margin in the three modes: equity, maintenance, liquidation prices', (y) => {
      command = 'evaluate';
      return withEvaluateExtras(withCommonOptions(withPositions(y.usage('$0 evaluate POSITIONS.csv [options]')))).conflicts('balances', 'wallet').epilogue(EPILOGUE);
    })
    .command('simulate <positions>', 'Monte Carlo shocks: liquidation probability, losses, tail risk and contagion per mode', (y) => {
      command = 'simulate';
      return withExportInputOptions(withAccountsOption(withSimulateAnalysisOptions(withSimulateOptions(withCommonOptions(withPositions(y.usage('$0 simulate POSITIONS.csv [options]')))))))
        .conflicts('balances', 'wallet')
        .epilogue(EPILOGUE);
    })
    .command('replay <positions>', 'historical crash replays (or your own price paths) in the three modes', (y) => {
      command = 'replay';
      return withExportInputOptions(withAccountsOption(withReplayOptions(withCommonOptions(withPositions(y.usage('$0 replay POSITIONS.csv [--event NAME]... [--prices FILE] [options]'))))))
        .conflicts('balances', 'wallet')
        .epilogue(EPILOGUE);
    })
    .command('events', 'list the historical crash events replay knows', (y) => {
      command = 'events';
      return withListOptions(y.usage('$0 events [--format table|json|csv|markdown] [--out FILE]')).epilogue(EPILOGUE);
    })
    .command('report [positions]', 'HTML or Markdown report of everything, with charts', (y) => {
      command = 'report';
      return withExportInputOptions(withCascadeOptions(withReplayOptions(withSimulateOptions(withReportOptions(withCommonOptions(withPositions(y.usage('$0 report POSITIONS.csv [options]'))))))))
        .conflicts('balances', 'wallet')
        .epilogue(EPILOGUE);
    })
    .command('cascade <positions>', 'liquidation cascades: a market of accounts moving its own price, the insurance fund and ADL', (y) => {
      command = 'cascade';
      return withCascadeOptions(withReplayOptions(withSimulateOptions(withCommonOptions(withPositions(y.usage('$0 cascade POSITIONS.csv --depth FILE|SYMBOL=AMOUNT [--crowd FILE] [--insurance-fund ASSET=AMOUNT] [--event NAME | --prices FILE | Monte Carlo options]'))))))
        .hide('skip-invalid')
        .conflicts('balances', 'wallet')
        .epilogue(EPILOGUE);
    })
    .demandCommand(1, 'no command given')
    .help()
    .alias('help', 'h')
    .version(version)
    .epilogue(EPILOGUE)
    .fail((message: string | undefined, error: Error | undefined) => {
      failure = message ?? error?.message ?? 'invalid command line';
    });

  if (!wantsHelp(args)) skipHelpCache(parser);

  let printed = '';
  const argv = (await parser.parseAsync([...args], {}, (_error, _argv, output) => {
    printed = output;
  })) as Readonly<Record<string, unknown>>;

  const chosen = command as string | null;
  if (failure !== null) {
    if (chosen !== null && (PLANNED_COMMANDS as readonly string[]).includes(chosen)) {
      return { kind: 'planned', command: chosen as PlannedCommand };
    }
    throw new UsageError(usageMessage(failure, args, chosen), chosen);
  }
  if (argv['help'] === true || argv['version'] === true) return { kind: 'print', text: printed };
  const parsed = withStdinPositions(argv, args);
  switch (chosen) {
    case 'evaluate':
      return { kind: 'evaluate', options: commonOptions(parsed, 'evaluate'), extras: evaluateExtras(parsed, 'evaluate') };
    case 'simulate':
      return { kind: 'simulate', options: commonOptions(parsed, 'simulate'), shock: shockOptions(parsed, 'simulate'), accounts: accountsOption(parsed, 'simulate'), exportInput: exportInputOptions(parsed, 'simulate') };
    case 'replay':
      return { kind: 'replay', options: commonOptions(parsed, 'replay'), shock: shockOptions(parsed, 'replay'), accounts: accountsOption(parsed, 'replay'), exportInput: exportInputOptions(parsed, 'replay') };
    case 'events':
      return { kind: 'events', options: eventsOptions(parsed) };
    case 'report':
      return { kind: 'report', options: commonOptions(parsed, 'report'), report: reportOptions(parsed, 'report'), shock: shockOptions(parsed, 'report'), cascade: parsed['depth'] !== undefined || parsed['crowd'] !== undefined ? cascadeOptions(parsed, 'report') : null, exportInput: exportInputOptions(parsed, 'report') };
    case 'cascade':
      return { kind: 'cascade', options: commonOptions(parsed, 'cascade'), shock: shockOptions(parsed, 'cascade'), cascade: cascadeOptions(parsed, 'cascade') };
  }
  throw new UsageError('no command given', null);
}
