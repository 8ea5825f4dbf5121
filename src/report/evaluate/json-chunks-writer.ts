// The evaluate JSON document's accounts written in pieces, so that an account whose text is
// large (`--stress` on a big cross book: each position's victims and rescues, O(positions²)
// characters) is never held whole, neither as a tree of JSON values nor as one string.
//
// An account object may hold a LazyJsonArray (the `stress` list): its items are built and
// serialised one at a time. The pieces joined are byte for byte what `jsonText` writes for the
// same value in jsonAccountsArray (format/json-document.ts): same indentation, same flat-line rule
// (an array of objects is never flat, and a lazy array is only used when it has items), and
// every number checked finite before it is written.

import { assertAllFinite } from '../format/find-non-finite.js';
import { checkedJson, jsonBytes, jsonText, type JsonValue } from '../format/json-text.js';

/** Indentation of the pretty-printed documents (as json-document.ts). */
const INDENT = 2;

/** An array of JSON objects built on demand, item by item (never empty: use `[]` for none). */
export class LazyJsonArray {
  constructor(
    readonly length: number,
    readonly item: (index: number) => JsonValue,
  ) {
    if (length === 0) throw new Error('LazyJsonArray: use [] for an empty array');
  }
}

/** An account object whose values may be lazy arrays. */
export type ChunkedJsonObject = { readonly [key: string]: JsonValue | LazyJsonArray };

/** How a piece of JSON is written: jsonText (a string) or jsonBytes (its UTF-8 bytes). */
type JsonWrite<P extends string | Uint8Array> = (value: JsonValue, indentSpaces: number, depth: number) => P;

/** The lazy array as its pieces at `depth`: `[`, each item on its own line, `]`. */
function* lazyArrayChunks<P extends string | Uint8Array>(array: LazyJsonArray, depth: number, what: string, write: JsonWrite<P>): Generator<string | P> {
  const pad = ' '.repeat(INDENT * (depth + 1));
  yield '[\n';
  for (let i = 0; i < array.length; i++) {
    yield `${i === 0 ? '' : ',\n'}${pad}`;
    yield checkedJson(write, array.item(i), what, INDENT, depth + 1);
  }
  yield `\n${' '.repeat(INDENT * depth)}]`;
}

/**
 * `value` at `depth` as pieces of text: an object holding a lazy array is written key by key
 * (never flat: the lazy array holds objects); any other value is written whole.
 */
function* objectChunks<P extends string | Uint8Array>(value: ChunkedJsonObject, depth: number, what: string, write: JsonWrite<P>): Generator<string | P> {
  const entries = Object.entries(value);
  if (!entries.some(([, child]) => child instanceof LazyJsonArray)) {
    yield checkedJson(write, value as JsonValue, what, INDENT, depth);
    return;
  }
  const pad = ' '.repeat(INDENT * (depth + 1));
  yield '{\n';
  let first = true;
  for (const [key, child] of entries) {
    yield `${first ? '' : ',\n'}${pad}${JSON.stringify(key)}: `;
    first = false;
    if (child instanceof LazyJsonArray) yield* lazyArrayChunks(child, depth + 1, what, write);
    else yield checkedJson(write, child, what, INDENT, depth + 1);
  }
  yield `\n${' '.repeat(INDENT * depth)}}`;
}

/** The `accounts` array of one document, each account written in pieces. */
export interface JsonAccountChunks {
  /** One account object (`account` names it if a number is not finite), with its separator, in pieces. */
  entry(json: ChunkedJsonObject, account: string): Generator<string>;
  /** The same pieces as `entry`, the large ones as UTF-8 bytes (no string made for them). */
  entryBytes(json: ChunkedJsonObject, account: string): Generator<string | Uint8Array>;
  /** The closing brackets of the array, `tail`'s fields (if any), and the end of the document. */
  close(tail?: { readonly [key: string]: JsonValue }): string;
}

/** The same frame as jsonAccountsArray (format/json-document.ts), entries streamed. */
export function jsonAccountChunks(): JsonAccountChunks {
  let written = 0;
  function* entryPieces<P extends string | Uint8Array>(json: ChunkedJsonObject, account: string, write: JsonWrite<P>): Generator<string | P> {
    const separator = written === 0 ? '' : ',';
    written++;
    yield `${separator}\n${' '.repeat(2 * INDENT)}`;
    yield* objectChunks(json, 2, `account ${JSON.stringify(account)}`, write);
  }
  return {
    entry: (json, account) => entryPieces(json, account, jsonText),
    entryBytes: (json, account) => entryPieces(json, account, jsonBytes),
    close(tail: { readonly [key: string]: JsonValue } = {}): string {
      const pad = ' '.repeat(INDENT);
      const array = written === 0 ? ']' : `\n${pad}]`;
      assertAllFinite(tail, 'the end of the document');
      const fields = Object.entries(tail).map(([key, value]) => `,\n${pad}${JSON.stringify(key)}: ${jsonText(value, INDENT, 1)}`);
      return `${array}${fields.join('')}\n}\n`;
    },
  };
}
