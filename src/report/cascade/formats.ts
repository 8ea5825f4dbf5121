// The output formats of `cascade`, one line each: the registry the CLI picks a writer from.

import type { CascadeResult } from '../../cascade/cascade-result.js';
import type { EvaluateFormat } from '../evaluate/evaluate-document.js';
import type { CascadeReportInputs } from './cascade-document.js';
import { cascadeCsv } from './csv-writer.js';
import { cascadeJson } from './json-writer.js';
import { cascadeMarkdown } from './markdown-writer.js';
import { cascadeTable } from './table-writer.js';

export type { CascadeReportInputs } from './cascade-document.js';

const WRITERS: Readonly<Record<EvaluateFormat, (result: CascadeResult, inputs: CascadeReportInputs) => string>> = {
  table: (result) => cascadeTable(result),
  json: (result, inputs) => cascadeJson(result, inputs),
  csv: (result) => cascadeCsv(result),
  markdown: (result) => cascadeMarkdown(result),
};

export function writeCascadeReport(format: EvaluateFormat, result: CascadeResult, inputs: CascadeReportInputs): string {
  return WRITERS[format](result, inputs);
}
