// Deterministic JSON text that stays readable and compact at scale: nested structure is
// indented, but a "flat" value (an array of primitives, an object of primitives and small
// containers of primitives) goes on one line, so each position is one line of a large document.
// The text is written in one walk as UTF-8 into a buffer (numbers through shortest-double.ts,
// exactly JSON.stringify's text; plain ASCII strings and the keys copied as they are) and decoded
// once: the report writers run it on every account of a large book, where making a string per
// number, per key and per piece joined cost more than the rest of the report.

import { assertAllFinite } from './find-non-finite.js';
import { shortestDoubleInto } from './shortest-double.js';
import { Utf8TextBuffer } from './utf8-text-buffer.js';

/** A JSON value as built by the report writers (no undefined, no functions). */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

type JsonObject = { readonly [key: string]: JsonValue };
type JsonPrimitive = null | boolean | number | string;

const QUOTE = 34;
const COMMA = 44;
const SPACE = 32;
const NEWLINE = 10;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

function isPrimitive(value: JsonValue): value is JsonPrimitive {
  return value === null || typeof value !== 'object';
}

/** Whether every child of the array or object is a primitive. */
function allPrimitive(value: readonly JsonValue[] | JsonObject): boolean {
  if (Array.isArray(value)) {
    const array = value as readonly JsonValue[];
    for (let i = 0; i < array.length; i++) if (!isPrimitive(array[i]!)) return false;
    return true;
  }
  const object = value as JsonObject;
  for (const key in object) if (!isPrimitive(object[key]!)) return false;
  return true;
}

/**
 * True when the value fits on one line: an array of primitives, or an object whose children are
 * primitives or arrays/objects of primitives (a position, a pool). An array of objects is never
 * flat, so a list of positions gets one line per position.
 */
function isFlat(value: readonly JsonValue[] | JsonObject): boolean {
  if (Array.isArray(value)) return allPrimitive(value);
  const object = value as JsonObject;
  for (const key in object) {
    const child = object[key]!;
    if (!isPrimitive(child) && !allPrimitive(child)) return false;
  }
  return true;
}

function nonFinite(value: number): Error {
  return new Error(`jsonText: non-finite number ${value} (report writers must check before serialising)`);
}

/** A primitive's text as a string (JSON.stringify's; a non-finite number throws). */
function primitiveText(value: JsonPrimitive): string {
  if (typeof value === 'number' && !Number.isFinite(value)) throw nonFinite(value);
  return JSON.stringify(value);
}

/**
 * Appends a primitive's text: a number as JSON.stringify writes it (-0 as 0; a non-finite one
 * throws), a string quoted (as it is when it is ASCII with nothing to escape, else
 * JSON.stringify's), anything else JSON.stringify's; what JSON cannot write (undefined) as
 * `undefined`, or as nothing inside a one-line array (as a template and Array.join wrote them).
 */
function primitiveInto(out: Utf8TextBuffer, value: JsonPrimitive, inArray: boolean): void {
  if (typeof value === 'number') {
    if (value === 0) out.ascii(48);
    else if (value - value !== 0) throw nonFinite(value);
    else shortestDoubleInto(out, value);
  } else if (typeof value === 'string') stringInto(out, value);
  else {
    const text = JSON.stringify(value) as string | undefined;
    if (text !== undefined) out.text(text);
    else if (!inArray) out.text('undefined');
  }
}

/** Appends JSON.stringify(text): copied between quotes when no unit needs escaping or is non-ASCII. */
function stringInto(out: Utf8TextBuffer, text: string): void {
  const n = text.length;
  const bytes = out.room(n + 2);
  const start = out.length;
  bytes[start] = QUOTE;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === QUOTE || c === 92 || c >= 0x80) {
      out.text(JSON.stringify(text));
      return;
    }
    bytes[start + 1 + i] = c;
  }
  bytes[start + 1 + n] = QUOTE;
  out.commit(start + n + 2);
}

/** Most keys whose text is kept (the report writers' field names; data keys past this are encoded each time). */
const KEY_TEXTS_KEPT = 4096;
const ENCODER = new TextEncoder();
const keyTexts = new Map<string, Uint8Array>();

/** Appends `"key": ` (JSON.stringify(key), a colon and a space), kept for the keys written over and over. */
function keyInto(out: Utf8TextBuffer, key: string): void {
  let text = keyTexts.get(key);
  if (text === undefined) {
    text = ENCODER.encode(`${JSON.stringify(key)}: `);
    if (keyTexts.size < KEY_TEXTS_KEPT) keyTexts.set(key, text);
  }
  const n = text.length;
  const bytes = out.room(n);
  const start = out.length;
  for (let i = 0; i < n; i++) bytes[start + i] = text[i]!;
  out.commit(start + n);
}

/** Appends `count` spaces. */
function spacesInto(out: Utf8TextBuffer, count: number): void {
  const bytes = out.room(count);
  const start = out.length;
  bytes.fill(SPACE, start, start + count);
  out.commit(start + count);
}

/** One line: `{"a": 1, "b": [2, 3]}`. Every number is checked on the way. */
function inlineInto(out: Utf8TextBuffer, value: JsonValue, inArray: boolean): void {
  if (isPrimitive(value)) return primitiveInto(out, value, inArray);
  if (Array.isArray(value)) {
    const array = value as readonly JsonValue[];
    out.ascii(OPEN_BRACKET);
    for (let i = 0; i < array.length; i++) {
      if (i > 0) {
        out.ascii(COMMA);
        out.ascii(SPACE);
      }
      inlineInto(out, array[i]!, true);
    }
    out.ascii(CLOSE_BRACKET);
    return;
  }
  const object = value as JsonObject;
  out.ascii(OPEN_BRACE);
  let first = true;
  for (const key in object) {
    if (!first) {
      out.ascii(COMMA);
      out.ascii(SPACE);
    }
    first = false;
    keyInto(out, key);
    inlineInto(out, object[key]!, false);
  }
  out.ascii(CLOSE_BRACE);
}

/** Appends jsonText(value, indentSpaces, depth) (see there). */
export function jsonTextInto(out: Utf8TextBuffer, value: JsonValue, indentSpaces = 2, depth = 0): void {
  if (isPrimitive(value) || isFlat(value)) return inlineInto(out, value, false);
  const itemSpaces = indentSpaces * (depth + 1);
  const array = Array.isArray(value) ? (value as readonly JsonValue[]) : null;
  out.ascii(array === null ? OPEN_BRACE : OPEN_BRACKET);
  if (array !== null) {
    for (let i = 0; i < array.length; i++) {
      if (i > 0) out.ascii(COMMA);
      out.ascii(NEWLINE);
      spacesInto(out, itemSpaces);
      jsonTextInto(out, array[i]!, indentSpaces, depth + 1);
    }
  } else {
    const object = value as JsonObject;
    let first = true;
    for (const key in object) {
      if (!first) out.ascii(COMMA);
      first = false;
      out.ascii(NEWLINE);
      spacesInto(out, itemSpaces);
      keyInto(out, key);
      jsonTextInto(out, object[key]!, indentSpaces, depth + 1);
    }
  }
  out.ascii(NEWLINE);
  spacesInto(out, indentSpaces * depth);
  out.ascii(array === null ? CLOSE_BRACE : CLOSE_BRACKET);
}

/** The buffer jsonText writes into, reused (the walk never calls back into jsonText). */
let scratch = new Utf8TextBuffer(1 << 16);
const DECODER = new TextDecoder();

/** The bytes of a container's text in the reused buffer (valid until the next walk). */
function writtenBytes(value: JsonValue, indentSpaces: number, depth: number): Uint8Array {
  const out = scratch;
  out.clear();
  try {
    jsonTextInto(out, value, indentSpaces, depth);
  } catch (error) {
    // A half-written walk may have grown the buffer past use: start the next one afresh.
    scratch = new Utf8TextBuffer(1 << 16);
    throw error;
  }
  return out.view();
}

/**
 * `value` as JSON, indented by `indentSpaces` per level, starting at `depth` levels (for text
 * that is nested inside a document written in pieces). Keys keep their insertion order.
 * Throws on a non-finite number rather than writing it as `null`.
 */
export function jsonText(value: JsonValue, indentSpaces = 2, depth = 0): string {
  if (isPrimitive(value)) return primitiveText(value);
  return DECODER.decode(writtenBytes(value, indentSpaces, depth));
}

/** jsonText(value, indentSpaces, depth) as UTF-8 bytes of its own (for an output that takes bytes: no string made). */
export function jsonBytes(value: JsonValue, indentSpaces = 2, depth = 0): Uint8Array {
  if (isPrimitive(value)) return ENCODER.encode(String(primitiveText(value)));
  return writtenBytes(value, indentSpaces, depth).slice();
}

/**
 * `write` (jsonText or jsonBytes) of a value the report guards (`what` names it): when a number
 * is not finite the error is assertAllFinite's, naming the first such number, as if the guard had
 * walked the value before writing it (the walk is only made then: writing checks every number).
 */
export function checkedJson<T extends string | Uint8Array>(write: (value: JsonValue, indentSpaces: number, depth: number) => T, value: JsonValue, what: string, indentSpaces = 2, depth = 0): T {
  try {
    return write(value, indentSpaces, depth);
  } catch (error) {
    assertAllFinite(value, what);
    throw error;
  }
}

/** checkedJson of jsonText. */
export function checkedJsonText(value: JsonValue, what: string, indentSpaces = 2, depth = 0): string {
  return checkedJson(jsonText, value, what, indentSpaces, depth);
}
