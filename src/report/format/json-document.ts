// The frame of a streamed JSON document `{"schema": …, inputs…, "accounts": [ … ]}` as the
// evaluate and simulate writers write it: the head's fields one per line, then one account at a
// time with its separator, then the closing brackets. Every number is checked finite first.

import { assertAllFinite } from './find-non-finite.js';
import { checkedJsonText, jsonText, type JsonValue } from './json-text.js';

/** Indentation of the pretty-printed documents. */
const INDENT = 2;

/** The document up to the opening `[` of `accounts`: the head's fields in their own order. */
export function jsonDocumentStart(head: { readonly [key: string]: JsonValue }): string {
  assertAllFinite(head, 'the echoed inputs');
  const pad = ' '.repeat(INDENT);
  const lines = Object.entries(head).map(([key, value]) => `${pad}${JSON.stringify(key)}: ${jsonText(value, INDENT, 1)}`);
  return `{\n${lines.join(',\n')},\n${pad}"accounts": [`;
}

/** The `accounts` array of one document, written one entry at a time. */
interface JsonAccountsArray {
  /** One account object (`account` names it if a number is not finite), with its separator. */
  entry(json: JsonValue, account: string): string;
  /** The closing brackets of the array, `tail`'s fields (if any), and the end of the document. */
  close(tail?: { readonly [key: string]: JsonValue }): string;
}

export function jsonAccountsArray(): JsonAccountsArray {
  let written = 0;
  return {
    entry(json: JsonValue, account: string): string {
      const text = checkedJsonText(json, `account ${JSON.stringify(account)}`, INDENT, 2);
      const separator = written === 0 ? '' : ',';
      written++;
      return `${separator}\n${' '.repeat(2 * INDENT)}${text}`;
    },
    close(tail: { readonly [key: string]: JsonValue } = {}): string {
      const pad = ' '.repeat(INDENT);
      const array = written === 0 ? ']' : `\n${pad}]`;
      assertAllFinite(tail, 'the end of the document');
      const fields = Object.entries(tail).map(([key, value]) => `,\n${pad}${JSON.stringify(key)}: ${jsonText(value, INDENT, 1)}`);
      return `${array}${fields.join('')}\n}\n`;
    },
  };
}
