// `marginscope events`: lists the historical crash library that `replay --event` draws from.

import { loadBundledEventLibrary } from '../io/bundled-events.js';
import { writeEventsReport } from '../report/events/formats.js';
import { openSink, useColor } from './command-output.js';
import type { EventsOptions } from './command-line.js';
import type { CliStreams } from './cli-streams.js';
import { EXIT_OK, type ExitCode } from './exit-codes.js';

export async function runEvents(options: EventsOptions, io: CliStreams): Promise<ExitCode> {
  const sink = await openSink(options, io);
  const library = loadBundledEventLibrary();
  await sink.write(writeEventsReport(options.format, library.index, { color: useColor(options, io) }));
  await sink.commit();
  return EXIT_OK;
}
