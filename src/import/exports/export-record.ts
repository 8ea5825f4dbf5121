// One record of a venue export (a JSON object such as one element of Binance's positionRisk
// array, or one row of a CSV flattened from it), read field by field with each field's location:
// its JSON path (`[0].marginMode`, `result.list[2].side`) or CSV header as the issue column, and
// the line its value starts on. Formats read fields through this one interface, so the same
// reader handles a venue's JSON and its CSV flattening.

import type { Issue, IssueCode } from '../../domain/issue.js';
import { normalizeHeaderName } from '../header-columns.js';
import type { ExportDocument } from './export-document.js';
import { jsonChildPath, parseLocatedJson, type LocatedJson } from './located-json.js';

export interface ExportRecord {
  readonly file: string;
  /** Line the record starts on (its `{`, or its CSV row). */
  readonly line: number;
  /** JSON path of the record (`[0]`, `result.list[1]`); a CSV row's is `row N` for messages. */
  readonly path: string;
  /**
   * The field's value: JSON as parsed; a CSV cell's text ('' when empty). undefined when the
   * record has no such field.
   */
  get(field: string): unknown;
  /** Issue column of the field: its JSON path, or its CSV header as written. */
  column(field: string): string;
  /** Line the field's value starts on (the record's line when the field is absent). */
  lineOf(field: string): number;
  /** The field's value as written in the file, for `(got …)`: string content, or JSON source text. */
  shown(field: string): string;
  /** A nested object (JSON object, or a CSV cell holding JSON) as a record; null if not an object. */
  child(field: string): ExportRecord | null;
  /** The elements of a nested array of objects; null if the field is not an array. */
  elements(field: string): ExportRecord[] | null;
  /** Names of the record's fields, in file order. */
  fields(): string[];
}

/** A JSON object (not null, not an array). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own property only: a field named `constructor` or `__proto__` is data, never inherited. */
function ownField(object: Record<string, unknown>, field: string): unknown {
  return Object.hasOwn(object, field) ? object[field] : undefined;
}

/**
 * How a nested JSON value is located: in the document itself, or (a JSON cell of a CSV row)
 * entirely on the row's line with the cell's header as the column prefix.
 */
interface JsonLocation {
  readonly file: string;
  readonly json: LocatedJson;
  /** CSV cell holding JSON: every field is on this line, columns prefixed with the header. */
  readonly cellLine?: number;
  readonly cellColumn?: string;
}

function locatedLine(loc: JsonLocation, path: string, fallback: number): number {
  if (loc.cellLine !== undefined) return loc.cellLine;
  const start = loc.json.startOf(path);
  return start === undefined ? fallback : loc.json.lineAt(start);
}

function locatedColumn(loc: JsonLocation, path: string): string {
  if (loc.cellColumn === undefined) return path;
  return path === '' ? loc.cellColumn : path.startsWith('[') ? `${loc.cellColumn}${path}` : `${loc.cellColumn}.${path}`;
}

/** Longest source text kept for an echoed object or array (issues show 60 characters of it). */
const SHOWN_SOURCE_CHARS = 200;

/** String content, or the JSON source of other values with its whitespace runs collapsed. */
function jsonShown(loc: JsonLocation, path: string, value: unknown): string {
  if (typeof value === 'string') return value;
  const raw = loc.json.rawAt(path) ?? String(value);
  return raw.slice(0, SHOWN_SOURCE_CHARS).replace(/\s+/g, ' ');
}

/** The JSON object at `path` of a located document, as a record. */
function jsonObjectRecord(loc: JsonLocation, path: string, object: Record<string, unknown>): ExportRecord {
  const line = locatedLine(loc, path, 0);
  return {
    file: loc.file,
    line,
    path: locatedColumn(loc, path),
    get: (field) => ownField(object, field),
    column: (field) => locatedColumn(loc, jsonChildPath(path, field)),
    lineOf: (field) => (Object.hasOwn(object, field) ? locatedLine(loc, jsonChildPath(path, field), line) : line),
    shown: (field) => jsonShown(loc, jsonChildPath(path, field), ownField(object, field)),
    child: (field) => {
      const value = ownField(object, field);
      return isPlainObject(value) ? jsonObjectRecord(loc, jsonChildPath(path, field), value) : null;
    },
    elements: (field) => {
      const value = ownField(object, field);
      if (!Array.isArray(value)) return null;
      return jsonArrayRecords(loc, jsonChildPath(path, field), value);
    },
    fields: () => Object.keys(object),
  };
}

/**
 * Records of the objects in a JSON array. An element that is not an object becomes a stand-in
 * record with no fields, so the format reports its required fields missing at the element.
 */
function jsonArrayRecords(loc: JsonLocation, path: string, array: readonly unknown[]): ExportRecord[] {
  return array.map((element, k) => {
    const elementPath = jsonChildPath(path, k);
    return isPlainObject(element) ? jsonObjectRecord(loc, elementPath, element) : notAnObjectRecord(loc, elementPath, element);
  });
}

/** Marker field of a stand-in record whose element was not an object (see `notAnObject`). */
const NOT_AN_OBJECT = '\u0000not-an-object';

function notAnObjectRecord(loc: JsonLocation, path: string, element: unknown): ExportRecord {
  const line = locatedLine(loc, path, 0);
  return {
    file: loc.file,
    line,
    path: locatedColumn(loc, path),
    get: (field) => (field === NOT_AN_OBJECT ? element : undefined),
    column: (field) => (field === NOT_AN_OBJECT ? locatedColumn(loc, path) : locatedColumn(loc, jsonChildPath(path, field))),
    lineOf: () => line,
    shown: () => jsonShown(loc, path, element),
    child: () => null,
    elements: () => null,
    fields: () => [],
  };
}

/**
 * An issue when `record` stands for an array element that is not an object (a nested array, a
 * number...): the format should then skip the record. null for ordinary records.
 */
export function notAnObject(record: ExportRecord): Issue | null {
  const element = record.get(NOT_AN_OBJECT);
  if (element === undefined) return null;
  return {
    code: 'unsupported',
    file: record.file,
    line: record.line,
    column: record.column(NOT_AN_OBJECT),
    message: `expected an object here, found ${Array.isArray(element) ? 'an array' : element === null ? 'null' : `a ${typeof element}`}`,
    value: record.shown(NOT_AN_OBJECT),
  };
}

/** The root object of a JSON document as a record; null when the root is not an object. */
export function jsonRootRecord(file: string, json: LocatedJson): ExportRecord | null {
  return isPlainObject(json.value) ? jsonObjectRecord({ file, json }, '', json.value) : null;
}

/** The elements of a JSON document whose root is an array; null when it is not an array. */
export function jsonRootElements(file: string, json: LocatedJson): ExportRecord[] | null {
  return Array.isArray(json.value) ? jsonArrayRecords({ file, json }, '', json.value) : null;
}

/** One CSV row as a record: header names matched like the canonical reader's (case, `_`, `-`). */
function csvRowRecord(file: string, header: readonly string[], index: ReadonlyMap<string, number>, cells: readonly string[], line: number, row: number): ExportRecord {
  const cellOf = (field: string): string | undefined => {
    const k = index.get(normalizeHeaderName(field));
    return k === undefined ? undefined : (cells[k] ?? '');
  };
  const record: ExportRecord = {
    file,
    line,
    path: `row ${row}`,
    get: (field) => cellOf(field),
    column: (field) => {
      const k = index.get(normalizeHeaderName(field));
      return k === undefined ? field : header[k]!;
    },
    lineOf: () => line,
    shown: (field) => cellOf(field) ?? '',
    child: (field) => {
      const text = cellOf(field)?.trim() ?? '';
      if (!text.startsWith('{')) return null;
      const parsed = parseLocatedJson(text);
      if (!parsed.ok || !isPlainObject(parsed.json.value)) return null;
      return jsonObjectRecord({ file, json: parsed.json, cellLine: line, cellColumn: record.column(field) }, '', parsed.json.value);
    },
    elements: (field) => {
      const text = cellOf(field)?.trim() ?? '';
      if (!text.startsWith('[')) return null;
      const parsed = parseLocatedJson(text);
      if (!parsed.ok || !Array.isArray(parsed.json.value)) return null;
      return jsonArrayRecords({ file, json: parsed.json, cellLine: line, cellColumn: record.column(field) }, '', parsed.json.value);
    },
    fields: () => [...header],
  };
  return record;
}

/** Every data row of a CSV document as a record. */
export function csvRecords(doc: Extract<ExportDocument, { kind: 'csv' }>): ExportRecord[] {
  const index = new Map<string, number>();
  doc.header.forEach((name, k) => {
    const key = normalizeHeaderName(name);
    if (!index.has(key)) index.set(key, k);
  });
  return doc.rows.map((row, k) => csvRowRecord(doc.file, doc.header, index, row.fields, row.line, k + 1));
}

/** An issue about one field of a record, located at the field. */
export function fieldIssue(record: ExportRecord, field: string, code: IssueCode, message: string, value?: string, account?: string): Issue {
  return {
    code,
    file: record.file,
    line: record.lineOf(field),
    column: record.column(field),
    message,
    ...(value === undefined ? {} : { value }),
    ...(account === undefined ? {} : { account }),
  };
}

/** An issue about a record as a whole, located at its start. */
export function recordIssue(record: ExportRecord, code: IssueCode, message: string, account?: string): Issue {
  return { code, file: record.file, line: record.line, column: record.path.startsWith('row ') ? '' : record.path, message, ...(account === undefined ? {} : { account }) };
}
