#!/usr/bin/env node
// Entry point of the `marginscope` command: parses the command line, runs the command, and is
// the one place that turns every outcome into an exit code. Nothing below it prints a stack
// trace: usage mistakes are one line (exit 2), input problems one line each (exit 1), and an
// unexpected failure is one line saying it is a bug and how to report it (exit 3).

import { packageVersion } from './package-version.js';
import { parseCommandLine } from './command-line.js';
import type { CliStreams } from './cli-streams.js';
import { EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, type ExitCode } from './exit-codes.js';
import { EnvironmentFailure, environmentFailure, errorCode } from './environment-failure.js';
import { UsageError } from './usage-error.js';
// Static, so the command and this entry share its one set of idle workers (the bundle's core).
import { prestartSimulation } from '../flows/simulation-prestart.js';
import { positionsAtLeast } from './positions-lower-bound.js';

/** Exit code of a run stopped by a signal: 128 + its number, as shells expect. */
const SIGNAL_EXIT_CODES: Readonly<Record<'SIGINT' | 'SIGTERM' | 'SIGHUP', number>> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

const interruptCleanups: Array<() => void> = [];

const streams: CliStreams = {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  onInterrupt: (cleanup) => {
    interruptCleanups.push(cleanup);
  },
};

/** One line for an error that should never happen; the stack only when asked for. */
function internalErrorLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split('\n')[0] ?? '';
  const debug = process.env['MARGINSCOPE_DEBUG'] === '1' && error instanceof Error && error.stack !== undefined;
  const advice = debug
    ? `\n${error.stack}`
    : ' (a bug in marginscope: please report it with the command line and, if you can, the input; MARGINSCOPE_DEBUG=1 shows the stack trace)';
  return `marginscope: internal error: ${firstLine}${advice}\n`;
}

async function run(args: readonly string[]): Promise<ExitCode> {
  try {
    const commandLine = await parseCommandLine(args, packageVersion(), process.stdout.columns ?? null);
    switch (commandLine.kind) {
      case 'print':
        process.stdout.write(`${commandLine.text}\n`);
        return EXIT_OK;
      case 'planned':
        process.stderr.write(`marginscope ${commandLine.command}: not available yet in this version (planned; see the README)\n`);
        return EXIT_USAGE;
      case 'evaluate': {
        // Loaded on demand: `--help` and usage errors stay fast and need none of the engine.
        const { runEvaluate } = await import('./evaluate-command.js');
        return await runEvaluate(commandLine.options, streams, commandLine.extras);
      }
      case 'simulate': {
        // The worker threads start first: they come up while the engine loads and the inputs are read.
        const positions = positionsAtLeast(commandLine.options.positions, commandLine.accounts !== null);
        prestartSimulation(commandLine.shock.paths, commandLine.shock.steps, commandLine.shock.threads, positions);
        const { runSimulate } = await import('./simulate-command.js');
        return await runSimulate(commandLine.options, commandLine.shock, streams, commandLine.accounts, commandLine.exportInput);
      }
      case 'replay': {
        const { runReplayCommand } = await import('./replay-command.js');
        return await runReplayCommand(commandLine.options, commandLine.shock, streams, commandLine.accounts, commandLine.exportInput);
      }
      case 'events': {
        const { runEvents } = await import('./events-command.js');
        return await runEvents(commandLine.options, streams);
      }
      case 'report': {
        const { runReport } = await import('./report-command.js');
        return await runReport(commandLine.options, commandLine.report, streams, commandLine.shock, commandLine.cascade, commandLine.exportInput);
      }
      case 'cascade': {
        const { runCascadeCommand } = await import('./cascade-command.js');
        return await runCascadeCommand(commandLine.options, commandLine.shock, commandLine.cascade, streams);
      }
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof EnvironmentFailure) {
      process.stderr.write(`${error.toLine()}\n`);
      return EXIT_USAGE;
    }
    process.stderr.write(internalErrorLine(error));
    return EXIT_INTERNAL;
  }
}

function exitOnFatal(error: unknown): void {
  process.stderr.write(internalErrorLine(error));
  process.exit(EXIT_INTERNAL);
}

process.on('uncaughtException', exitOnFatal);
process.on('unhandledRejection', exitOnFatal);
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  // The reader went away (`marginscope … | head`): stop quietly, as Unix tools do.
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT_OK);
  // Standard output cannot take the result (a full disk, a closed descriptor): the machine's
  // failure, not ours; one line and exit code 2.
  if (errorCode(error) !== '') {
    process.stderr.write(`${environmentFailure('cannot write to standard output', error).toLine()}\n`);
    process.exit(EXIT_USAGE);
  }
  exitOnFatal(error);
});
// Every way a user stops a run removes the temporary files it was writing.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    for (const cleanup of interruptCleanups) cleanup();
    if (signal === 'SIGINT') process.stderr.write('\n');
    process.exit(SIGNAL_EXIT_CODES[signal]);
  });
}

// No top-level await: the built command runs this file as a CommonJS script (scripts/bundle-cli.mjs).
let finished = false;
void run(process.argv.slice(2)).then((exitCode) => {
  finished = true;
  process.exitCode = exitCode;
  setImmediate(exitWhenIdle);
});

/**
 * Finished, the standard streams' buffers empty and nothing else holding the event loop (no file
 * write, timer or working thread: only the standard streams' own handles, which never hold it):
 * exit now, as at 'beforeExit' below, without first running what the engine queued for the loop
 * meanwhile (a heap collection started by a task: a full mark-compact of ~8 MB, 6–11 ms, then
 * thrown away). Otherwise 'beforeExit' waits for the rest, as always.
 */
function exitWhenIdle(): void {
  if (process.stdout.writableLength !== 0 || process.stderr.writableLength !== 0) return;
  if (process.getActiveResourcesInfo().every((resource) => STANDARD_STREAM_HANDLES.has(resource))) process.exit(process.exitCode);
}

/** The handle types of standard streams on a pipe or a terminal (no other pipe or terminal is opened). */
const STANDARD_STREAM_HANDLES: ReadonlySet<string> = new Set(['PipeWrap', 'TTYWrap']);
// Nothing left to wait for and the run not finished (a bug: it awaits what can never come): an
// internal error, not a silent exit 0 (an ES module entry's top-level await exited 13 here).
// Finished, with nothing left to wait for (no write, timer or working thread pending, or
// 'beforeExit' would not come yet): exit now. Left to end on its own, Node then tears its
// environment and the engine's heap down piece by piece before the process ends, which the
// operating system does at once (measured, CPU time: 0.98 for `--version` and for a 50,000-path
// simulate of a one-asset book, 0.96 for the sample evaluate). The 'exit' listeners run as before;
// idle worker threads are stopped as before.
process.once('beforeExit', () => {
  if (!finished) exitOnFatal(new Error('the command stopped before it finished (nothing left to wait for)'));
  else process.exit(process.exitCode);
});
