// The list of records a format reads from a document: the rows of a CSV, or the objects of the
// JSON array at an envelope path (`result.list` for Bybit, `data` for OKX, the root for Binance).
// A document saved without its envelope (just the array) is accepted too. Elements that are not
// objects (a nested array, a number) are issues, and skipped.

import type { ExportDocument } from './export-document.js';
import { csvRecords, jsonRootElements, jsonRootRecord, notAnObject, type ExportRecord } from './export-record.js';
import type { ImportSink } from './import-sink.js';

/**
 * Records of the array at `path` (member names from the root; [] for a root array), or of the
 * CSV rows. `what` names the elements in the issue when the array is not there.
 */
export function listRecords(doc: ExportDocument, sink: ImportSink, path: readonly string[], what: string): ExportRecord[] {
  if (doc.kind === 'csv') return csvRecords(doc);
  let elements = jsonRootElements(doc.file, doc.json);
  if (elements === null && path.length > 0) {
    let record = jsonRootRecord(doc.file, doc.json);
    for (const key of path.slice(0, -1)) record = record?.child(key) ?? null;
    elements = record?.elements(path[path.length - 1]!) ?? null;
  }
  if (elements === null) {
    const where = path.length === 0 ? 'the document' : `\`${path.join('.')}\``;
    sink.addIssue({
      code: 'unsupported',
      file: doc.file,
      line: 1,
      column: path.join('.'),
      message: `expected ${where} to be an array of ${what}`,
    });
    return [];
  }
  const objects: ExportRecord[] = [];
  for (const record of elements) {
    const problem = notAnObject(record);
    if (problem === null) objects.push(record);
    else sink.addIssue(problem);
  }
  return objects;
}

/** The root object of a JSON document (CSV documents have none); an issue when it is not an object. */
export function rootRecord(doc: ExportDocument, sink: ImportSink, what: string): ExportRecord | null {
  const record = doc.kind === 'json' ? jsonRootRecord(doc.file, doc.json) : null;
  if (record === null) {
    sink.addIssue({ code: 'unsupported', file: doc.file, line: 1, column: '', message: `expected a JSON object: ${what}` });
  }
  return record;
}
