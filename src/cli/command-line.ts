// The command line, declared once with yargs: commands, options and help text. Parsing never
// prints or exits by itself: help and version come back as text to print, mistakes as one
// UsageError line, so the entry point alone decides what reaches the terminal.

import yargs from 'yargs';
import type { Argv } from 'yargs';
import { VENUE_NAMES } from '../domain/venue-name.js';
import { EVALUATE_FORMATS } from '../report/evaluate-report-writer.js';
import { ALLOCATION_POLICIES, STDIN_PATH, commonOptions, type CommonOptions } from './command-options.js';
import { UsageError } from './usage-error.js';

/** Commands that work in this version. */
export const AVAILABLE_COMMANDS = ['evaluate'] as const;
/** Commands of the contract that are planned but not built yet: listed in help, refused when run. */
export const PLANNED_COMMANDS = ['simulate', 'replay', 'events', 'report'] as const;
export type PlannedCommand = (typeof PLANNED_COMMANDS)[number];

const ALL_COMMANDS: readonly string[] = [...AVAILABLE_COMMANDS, ...PLANNED_COMMANDS];

export type CommandLine =
  /** Help or version text: print it to stdout and exit 0. */
  | { readonly kind: 'print'; readonly text: string }
  | { readonly kind: 'planned'; readonly command: PlannedCommand }
  | { readonly kind: 'evaluate'; readonly options: CommonOptions };

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
  if (missingValue !== null) return `--${missingValue[1]} needs a value`;
  if (/^Missing required argument: positions$/.test(text)) return 'missing the POSITIONS file';
  const conflict = /^Arguments (\S+) and (\S+) are mutually exclusive$/.exec(text);
  if (conflict !== null) return `--${conflict[1]} and --${conflict[2]} cannot be used together; give one`;
  if (/^Not enough non-option arguments/.test(text)) return 'no command given';
  return text;
}

/** yargs reads a lone `-` positional as ''; give it back its meaning, standard input. */
function withStdinPositions(argv: Readonly<Record<string, unknown>>, args: readonly string[]): Readonly<Record<string, unknown>> {
  return argv['positions'] === '' && args.includes(STDIN_PATH) ? { ...argv, positions: STDIN_PATH } : argv;
}

/**
 * Parses `args` (without `node` and the script). Returns what to do; throws UsageError for any
 * mistake in the command line.
 */
export async function parseCommandLine(args: readonly string[], version: string, terminalWidth: number | null): Promise<CommandLine> {
  let command: string | null = null;
  let failure: string | null = null;
  const parser = yargs()
    .scriptName('marginscope')
    .usage('$0 <command> POSITIONS.csv [options]')
    .exitProcess(false)
    .showHelpOnFail(false)
    // `--no-x` is not "x = false" here: every flag is off unless given, so it would only hide typos.
    .parserConfiguration({ 'boolean-negation': false })
    .strict()
    .wrap(Math.min(terminalWidth ?? 100, 120))
    .command('evaluate <positions>', 'margin in the three modes: equity, maintenance, liquidation prices', (y) => {
      command = 'evaluate';
      return withCommonOptions(withPositions(y.usage('$0 evaluate POSITIONS.csv [options]'))).conflicts('balances', 'wallet').epilogue(EPILOGUE);
    })
    .command('simulate [positions]', 'Monte Carlo shocks and contagion (planned, not available yet)', (y) => {
      command = 'simulate';
      return withCommonOptions(withPositions(y.usage('$0 simulate POSITIONS.csv [options]   (planned, not available yet)'))).strict(false);
    })
    .command('replay [positions]', 'historical crash replays (planned, not available yet)', (y) => {
      command = 'replay';
      return withCommonOptions(withPositions(y.usage('$0 replay POSITIONS.csv [options]   (planned, not available yet)'))).strict(false);
    })
    .command('events', 'list the crash events replay knows (planned, not available yet)', (y) => {
      command = 'events';
      return y.strict(false);
    })
    .command('report [positions]', 'HTML or Markdown report of everything (planned, not available yet)', (y) => {
      command = 'report';
      return withCommonOptions(withPositions(y.usage('$0 report POSITIONS.csv [options]   (planned, not available yet)'))).strict(false);
    })
    .demandCommand(1, 'no command given')
    .help()
    .alias('help', 'h')
    .version(version)
    .epilogue(EPILOGUE)
    .fail((message: string | undefined, error: Error | undefined) => {
      failure = message ?? error?.message ?? 'invalid command line';
    });

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
  if (chosen === 'evaluate') return { kind: 'evaluate', options: commonOptions(withStdinPositions(argv, args), 'evaluate') };
  if (chosen !== null && (PLANNED_COMMANDS as readonly string[]).includes(chosen)) {
    return { kind: 'planned', command: chosen as PlannedCommand };
  }
  throw new UsageError('no command given', null);
}
