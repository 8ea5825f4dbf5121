// The `simulate` writer of one output format, loading only that format's module: the registry in
// report/simulate/formats.ts loads all four (and the library keeps it), while a command writes one
// format, so the CLI does not pay at start-up for the writers it does not use.

import type { EvaluateFormat, WriterOptions } from '../report/evaluate/evaluate-document.js';
import type { SimulateReportWriter } from '../report/simulate/simulate-document.js';

/** A fresh writer for one document in `format` (colour only affects the table), as createSimulateWriter gives. */
export async function loadSimulateWriter(format: EvaluateFormat, options: WriterOptions): Promise<SimulateReportWriter> {
  switch (format) {
    case 'table':
      return (await import('../report/simulate/table-writer.js')).createTableSimulateWriter(options);
    case 'json':
      return (await import('../report/simulate/json-writer.js')).createJsonSimulateWriter();
    case 'csv':
      return (await import('../report/simulate/csv-writer.js')).createCsvSimulateWriter();
    case 'markdown':
      return (await import('../report/simulate/markdown-writer.js')).createMarkdownSimulateWriter();
  }
}
