// The shape of a venue export read as CSV, checked before any field is read: a row with fewer
// or more fields than the header is an issue (a cell is never taken as empty because the row
// stopped short), and a file whose last row has no line break after it is a warning, since a
// download cut off mid-row leaves exactly that (`…,6543` where the venue wrote `65432.1`): the
// row may read as a complete one, but its last value cannot be trusted. Tools that write CSV
// (the venues' own, pandas, spreadsheets) end every row with a line break.

import type { Issue } from '../../domain/issue.js';
import type { ExportDocument } from './export-document.js';

/** Issues (rows of the wrong width) and warnings (no final line break) of a CSV export. */
export function exportCsvShape(doc: Extract<ExportDocument, { kind: 'csv' }>, text: string): { issues: Issue[]; warnings: Issue[] } {
  const issues: Issue[] = [];
  const warnings: Issue[] = [];
  const width = doc.header.length;
  for (const row of doc.rows) {
    if (row.fields.length === width) continue;
    issues.push({
      code: 'malformed-csv',
      file: doc.file,
      line: row.line,
      column: '',
      message: `row has ${row.fields.length} fields but the header has ${width}${row.fields.length < width ? ' (cut short?)' : ''}`,
    });
  }
  const last = doc.rows[doc.rows.length - 1];
  if (last !== undefined && !/[\r\n]\s*$/.test(text.slice(-64)) && text.length > 0) {
    warnings.push({
      code: 'malformed-csv',
      file: doc.file,
      line: last.line,
      column: '',
      message: 'the file does not end with a line break, as a download cut off mid-row does: check that this last row is complete',
    });
  }
  return { issues, warnings };
}
