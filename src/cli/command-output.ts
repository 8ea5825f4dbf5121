// Where a command's result goes and how it looks there: the output sink (stdout, or `--out`
// written atomically) and whether the terminal table is coloured. Apart from book-inputs.ts so
// that a command reading no book (`events`) does not load the importers to write its result.

import type { CommonOptions } from './command-options.js';
import type { CliStreams } from './cli-streams.js';
import { AtomicFileSink, DeviceSink, StdoutSink, resolveOutputTarget, type OutputSink } from './output-sink.js';

/**
 * stdout (held until the end) or `--out`: a file written atomically, or a device written directly.
 * `--out` naming any input (`options`' files and `otherInputs`) is refused before any work.
 */
export async function openSink(options: Pick<CommonOptions, 'out'> & Partial<Pick<CommonOptions, 'positions' | 'balances' | 'tiers'>>, io: CliStreams, otherInputs: readonly (string | null)[] = [], command = 'evaluate'): Promise<OutputSink> {
  if (options.out === null) return new StdoutSink(io.stdout);
  const inputs = [options.positions ?? null, options.balances ?? null, options.tiers ?? null, ...otherInputs];
  const target = await resolveOutputTarget(options.out, inputs, command);
  if (target.kind === 'device') return DeviceSink.create(target.path);
  // The interrupt cleanup is registered before the temporary file is created, not after.
  return AtomicFileSink.create(target.path, target, (discardSync) => io.onInterrupt(discardSync));
}

/** Colour in the terminal table: stdout is a terminal, not --out, and NO_COLOR is not set. */
export function useColor(options: Pick<CommonOptions, 'out' | 'format'>, io: CliStreams): boolean {
  if (options.out !== null || options.format !== 'table') return false;
  if (io.env['NO_COLOR'] !== undefined && io.env['NO_COLOR'] !== '') return false;
  if (io.env['FORCE_COLOR'] !== undefined && io.env['FORCE_COLOR'] !== '0') return true;
  return io.stdout.isTTY === true;
}
