// A strict JSON reader that remembers where every value starts, so an issue about a venue export
// can name the field's JSON path and its line. JSON.parse gives neither positions nor a usable
// line for syntax errors, so this is a small recursive-descent parser of RFC 8259 JSON: no
// comments, no trailing commas, no NaN/Infinity. Objects get own properties only (a hostile
// `"__proto__"` key is an ordinary key, never a prototype), nesting is capped, and numbers too
// large for a double come back as ±Infinity for the field readers to refuse with the raw text.
//
// Why not a JSON package with locations (measured on a 50 MB Hyperliquid-like export, Node 20):
// jsonc-parser's parseTree alone takes as long as this whole reader (3.5 s against 3.3 s), and
// 2-3x longer with the walk that builds the values and path locations, on 2.7x the heap;
// @humanwhocodes/momoa is 4-5x slower on 3.4x the heap. Both recurse (the stack overflows at
// 3,500-5,100 levels, so the depth check would stay ours), momoa accepts a raw line break inside
// a string and puts an unterminated string's error at the end of the file, and neither says what
// was expected where (`expected ',' or ']' after an array element`).

import { jsonPathSteps, jsonPathText, type JsonPathStep } from './json-path.js';
import { JsonSpans } from './json-spans.js';

export { jsonChildPath } from './json-path.js';

/** Deepest nesting of arrays and objects accepted; real venue exports stay under 10. */
export const MAX_JSON_DEPTH = 256;

/** A parsed JSON document with the text span of every value, found by JSON path. */
export interface LocatedJson {
  readonly value: unknown;
  /** Offset in the text where the value at `path` starts, or undefined when there is none. */
  startOf(path: string): number | undefined;
  /** The value's source text at `path` (e.g. `1e400` for a number that overflowed). */
  rawAt(path: string): string | undefined;
  /** 1-based line of a text offset (lines end at LF; CRLF counts once). */
  lineAt(offset: number): number;
  /**
   * Members whose name repeats within one object, in text order: `path` of the member, and the
   * offsets where the first and the repeated value start. JSON.parse would keep the last value
   * silently; so does `value` here, and the caller decides what a repeat means.
   */
  readonly duplicates: readonly JsonDuplicateMember[];
}

/** A member name repeated within one object (see `LocatedJson.duplicates`). */
interface JsonDuplicateMember {
  /** The repeated member name, and the member's path. */
  readonly key: string;
  readonly path: string;
  readonly firstStart: number;
  readonly start: number;
}

type LocatedJsonResult =
  | { readonly ok: true; readonly json: LocatedJson }
  | { readonly ok: false; readonly line: number; readonly message: string; readonly near: string };

class JsonSyntaxError {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

/** Above this many members, a repeated name's first slot is found in a Map instead of a scan. */
const SCANNED_NAMES = 16;

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

/**
 * Offsets of every LF in `text`, for offset → line lookups by binary search: in an Int32Array
 * (a string's length is below 2^31) that doubles as it fills, found by `indexOf` (the engine's
 * memchr): on a 54 MB export of 2.3 million lines, 70–140 ms against 320 ms for a plain array
 * pushed to.
 */
function lineBreaks(text: string): Int32Array {
  let breaks = new Int32Array(1 << 12);
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    if (count === breaks.length) {
      const grown = new Int32Array(count * 2);
      grown.set(breaks);
      breaks = grown;
    }
    breaks[count++] = i;
  }
  return breaks.subarray(0, count);
}

function lineOfOffset(breaks: Int32Array, offset: number): number {
  let lo = 0;
  let hi = breaks.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (breaks[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo + 1;
}

class Parser {
  pos = 0;
  readonly duplicates: JsonDuplicateMember[] = [];
  readonly spans = new JsonSpans();
  /** Where the value just parsed started, and its container in `spans` (-1 for a scalar). */
  valueStart = 0;
  valueContainer = -1;
  /** The path to the value being parsed, as steps (turned into text only for a repeated name). */
  readonly steps: JsonPathStep[] = [];
  /** Member names already met, by object key text: one string for every repeat of a name. */
  readonly #names = new Map<string, string>();

  constructor(readonly text: string) {}

  fail(message: string, offset = this.pos): never {
    throw new JsonSyntaxError(offset, message);
  }

  skipSpace(): void {
    const t = this.text;
    let p = this.pos;
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === 32 || c === 10 || c === 13 || c === 9) p++;
      else break;
    }
    this.pos = p;
  }

  /** One value; leaves its start in `valueStart` and its container in `valueContainer`. */
  value(depth: number): unknown {
    this.skipSpace();
    const start = this.pos;
    if (start >= this.text.length) this.fail('unexpected end of text: a value was expected');
    const c = this.text[start]!;
    let result: unknown;
    let container = -1;
    if (c === '{' || c === '[') {
      const base = this.spans.open();
      result = c === '{' ? this.object(base, depth + 1) : this.array(base, depth + 1);
      container = this.spans.close(base, c === '{');
    } else if (c === '"') result = this.string();
    else if (c === 't') result = this.literal('true', true);
    else if (c === 'f') result = this.literal('false', false);
    else if (c === 'n') result = this.literal('null', null);
    else if (c === '-' || (c >= '0' && c <= '9')) result = this.number();
    else this.fail('unexpected character where a value was expected');
    this.valueStart = start;
    this.valueContainer = container;
    return result;
  }

  literal<T>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.pos)) this.fail('unexpected word where a value was expected');
    this.pos += word.length;
    return value;
  }

  number(): number {
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    if (match === null) this.fail('malformed number');
    this.pos += match[0].length;
    return Number(match[0]);
  }

  string(): string {
    const t = this.text;
    const start = this.pos;
    let p = start + 1;
    let escaped = false;
    for (;;) {
      if (p >= t.length) this.fail('unterminated string', start);
      const c = t.charCodeAt(p);
      if (c === 34) break;
      if (c < 32) this.fail('control character inside a string (line breaks must be escaped)', p);
      if (c === 92) {
        escaped = true;
        p += 2;
      } else p++;
    }
    this.pos = p + 1;
    if (!escaped) return t.slice(start + 1, p);
    try {
      return JSON.parse(t.slice(start, p + 1)) as string;
    } catch {
      return this.fail('invalid escape sequence in a string', start);
    }
  }

  array(base: number, depth: number): unknown[] {
    if (depth > MAX_JSON_DEPTH) this.fail(`arrays and objects nested deeper than ${MAX_JSON_DEPTH} levels`);
    this.pos++;
    const out: unknown[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return out;
    }
    for (;;) {
      this.steps.push(out.length);
      out.push(this.value(depth));
      this.steps.pop();
      this.spans.member(base, '', this.valueStart, this.pos, this.valueContainer);
      this.skipSpace();
      const c = this.text[this.pos];
      if (c === ',') this.pos++;
      else if (c === ']') {
        this.pos++;
        return out;
      } else if (c === undefined) this.fail('unexpected end of text: an array is not closed');
      else this.fail("expected ',' or ']' after an array element");
    }
  }

  /** A member name, one string for every repeat of it across the document (as JSON.parse's). */
  name(): string {
    const read = this.string();
    const known = this.#names.get(read);
    if (known !== undefined) return known;
    this.#names.set(read, read);
    return read;
  }

  object(base: number, depth: number): Record<string, unknown> {
    if (depth > MAX_JSON_DEPTH) this.fail(`arrays and objects nested deeper than ${MAX_JSON_DEPTH} levels`);
    this.pos++;
    const out: Record<string, unknown> = {};
    let slotsByName: Map<string, number> | null = null; // a large object's slots, once a name repeats in it
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return out;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"') {
        if (this.pos >= this.text.length) this.fail('unexpected end of text: an object is not closed');
        this.fail('expected a quoted member name');
      }
      const key = this.name();
      this.skipSpace();
      if (this.text[this.pos] !== ':') this.fail("expected ':' after a member name");
      this.pos++;
      let firstSlot = -1;
      if (Object.hasOwn(out, key)) {
        if (slotsByName === null && Object.keys(out).length > SCANNED_NAMES) {
          slotsByName = new Map();
          for (const [slot, name] of this.spans.openNames(base).entries()) slotsByName.set(name, slot);
        }
        firstSlot = slotsByName === null ? this.spans.openSlotOf(base, key) : slotsByName.get(key)!;
      }
      this.steps.push(key);
      const value = this.value(depth);
      if (firstSlot >= 0) {
        const firstStart = this.spans.openMemberStart(base, firstSlot);
        this.duplicates.push({ key, path: jsonPathText(this.steps), firstStart, start: this.valueStart });
        this.spans.replaceMember(base, firstSlot, this.valueStart, this.pos, this.valueContainer);
      } else {
        const slot = this.spans.member(base, key, this.valueStart, this.pos, this.valueContainer);
        slotsByName?.set(key, slot);
      }
      this.steps.pop();
      // "__proto__" by defineProperty: an own data property, never a prototype change. Every
      // other name by plain assignment, V8's fast path (Object.prototype has no other setter).
      if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      else out[key] = value;
      this.skipSpace();
      const c = this.text[this.pos];
      if (c === ',') this.pos++;
      else if (c === '}') {
        this.pos++;
        return out;
      } else if (c === undefined) this.fail('unexpected end of text: an object is not closed');
      else this.fail("expected ',' or '}' after an object member");
    }
  }
}

/** Up to 20 characters of `text` from `offset`, not past the line's end, for the `(got …)` part of an issue. */
function snippetAt(text: string, offset: number): string {
  const end = text.indexOf('\n', offset);
  return text.slice(offset, Math.min(offset + 20, end < 0 ? text.length : end)).replace(/\r$/, '');
}

/**
 * Parse `text` (a leading BOM is skipped) into a LocatedJson, or the first syntax error with its
 * line. Linear in the text length; memory: the value plus about 20 bytes per value (its start
 * and end, its container: json-spans.ts); a path is located by walking the containers.
 * Example: `parseLocatedJson('[\n {"a": 1}\n]')` → ok, `lineAt(startOf('[0].a'))` = 2.
 */
export function parseLocatedJson(text: string): LocatedJsonResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const parser = new Parser(body);
  let breaks: Int32Array | undefined;
  const lineAt = (offset: number): number => lineOfOffset((breaks ??= lineBreaks(body)), offset);
  try {
    const value = parser.value(0);
    const rootStart = parser.valueStart;
    const rootEnd = parser.pos;
    const root = parser.valueContainer;
    const spans = parser.spans;
    const spanAt = (path: string): [number, number] | null => {
      const steps = jsonPathSteps(path);
      if (steps === null) return null;
      return steps.length === 0 ? [rootStart, rootEnd] : spans.spanBelow(root, steps);
    };
    parser.skipSpace();
    if (parser.pos < body.length) parser.fail('unexpected text after the end of the JSON value');
    const json: LocatedJson = {
      value,
      startOf: (path) => spanAt(path)?.[0],
      rawAt: (path) => {
        const span = spanAt(path);
        return span === null ? undefined : body.slice(span[0], span[1]);
      },
      lineAt,
      duplicates: parser.duplicates,
    };
    return { ok: true, json };
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    return { ok: false, line: lineAt(error.offset), message: error.message, near: snippetAt(body, error.offset) };
  }
}
