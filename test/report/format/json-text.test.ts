// Deterministic JSON text: structure indented, flat values on one line, non-finite refused.

import { describe, expect, it } from 'vitest';
import { jsonText } from '../../../src/report/format/json-text.js';

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
