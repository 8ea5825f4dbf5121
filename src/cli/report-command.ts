// `marginscope report`: every account as one self-contained HTML (or Markdown) report.

import type { CommonOptions } from './command-options.js';
import type { CliStreams } from './evaluate-command.js';
import { EXIT_USAGE, type ExitCode } from './exit-codes.js';
import type { ReportOptions } from './report-command-line.js';

export async function runReport(_common: CommonOptions, _report: ReportOptions, io: CliStreams): Promise<ExitCode> {
  io.stderr.write('marginscope report: not available yet in this version\n');
  return EXIT_USAGE;
}
