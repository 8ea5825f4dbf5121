// Deterministic JSON text: structure indented, flat values on one line, non-finite refused; the
// byte walk held to the string-built writer it replaced on random values.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { jsonText, type JsonValue } from '../../../src/report/format/json-text.js';

describe('jsonText', () => {
  it('puts a flat object on one line and indents structure', () => {
    const value = { a: 1, list: [{ x: 1, y: null }, { x: 2, y: 'b' }], move: { down: 0.1, up: null } };
    expect(jsonText(value)).toBe(
      '{\n  "a": 1,\n  "list": [\n    {"x": 1, "y": null},\n    {"x": 2, "y": "b"}\n  ],\n  "move": {"down": 0.1, "up": null}\n}',
    );
  });

  it('round-trips through JSON.parse with keys in insertion order', () => {
    const value = { z: 1, a: [1, 2, 3], m: { q: 'x', list: [{ k: true }] }, e: [] };
    const text = jsonText(value);
    expect(JSON.parse(text)).toEqual(value);
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['z', 'a', 'm', 'e']);
  });

  it('refuses NaN and infinities, even inside a one-line object', () => {
    expect(() => jsonText({ a: Number.NaN })).toThrow(/non-finite/);
    expect(() => jsonText({ a: { b: Infinity } })).toThrow(/non-finite/);
    expect(() => jsonText([{ a: [-Infinity] }])).toThrow(/non-finite/);
  });
});

/** jsonText as it was written with strings (Object.entries, map and join), the reference for the byte walk. */
function jsonTextByStrings(value: JsonValue, indentSpaces = 2, depth = 0): string {
  const isPrimitive = (v: JsonValue): v is null | boolean | number | string => v === null || typeof v !== 'object';
  const childrenOf = (v: readonly JsonValue[] | { readonly [key: string]: JsonValue }): JsonValue[] => (Array.isArray(v) ? [...(v as JsonValue[])] : Object.values(v));
  const isFlat = (v: readonly JsonValue[] | { readonly [key: string]: JsonValue }): boolean =>
    Array.isArray(v) ? (v as JsonValue[]).every(isPrimitive) : childrenOf(v).every((child) => isPrimitive(child) || childrenOf(child).every(isPrimitive));
  const primitiveText = (v: null | boolean | number | string): string => {
    if (typeof v === 'number' && !Number.isFinite(v)) throw new Error(`jsonText: non-finite number ${v} (report writers must check before serialising)`);
    return JSON.stringify(v);
  };
  const inlineText = (v: JsonValue): string => {
    if (isPrimitive(v)) return primitiveText(v);
    if (Array.isArray(v)) return `[${(v as JsonValue[]).map(inlineText).join(', ')}]`;
    return `{${Object.entries(v)
      .map(([key, child]) => `${JSON.stringify(key)}: ${inlineText(child)}`)
      .join(', ')}}`;
  };
  if (isPrimitive(value) || isFlat(value)) return inlineText(value);
  const pad = ' '.repeat(indentSpaces * (depth + 1));
  const closePad = ' '.repeat(indentSpaces * depth);
  if (Array.isArray(value)) return `[\n${(value as JsonValue[]).map((item) => `${pad}${jsonTextByStrings(item, indentSpaces, depth + 1)}`).join(',\n')}\n${closePad}]`;
  return `{\n${Object.entries(value)
    .map(([key, child]) => `${pad}${JSON.stringify(key)}: ${jsonTextByStrings(child, indentSpaces, depth + 1)}`)
    .join(',\n')}\n${closePad}}`;
}

describe('jsonText written as bytes', () => {
  const number = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -0, 1e21, 1e-7, 5e-324, 123456789));
  const text = fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 8 }), fc.constantFrom('a"b', 'back\\slash', 'tab\t', 'счёт', '\ud800', '🚀', ''));
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.constant(null), fc.boolean(), number, text, tie('array'), tie('object')),
    array: fc.array(tie('value'), { maxLength: 5 }),
    object: fc.dictionary(text, tie('value'), { maxKeys: 5 }),
  }));

  it('is the text the string-built writer made, at any indentation and depth', () => {
    fc.assert(
      fc.property(value, fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 3 }), (v, indent, depth) => {
        expect(jsonText(v as JsonValue, indent, depth)).toBe(jsonTextByStrings(v as JsonValue, indent, depth));
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves an unwritable item empty in a one-line array and writes `undefined` elsewhere, as before', () => {
    const odd = { list: [1, undefined, 2], field: undefined, nested: [{ a: undefined }] } as unknown as JsonValue;
    expect(jsonText(odd)).toBe(jsonTextByStrings(odd));
  });

  it('writes again after a refused number', () => {
    expect(() => jsonText({ a: [1, { b: Number.NaN }] })).toThrow(/non-finite number NaN/);
    expect(jsonText({ a: [1, 2] })).toBe('{"a": [1, 2]}');
  });
});
