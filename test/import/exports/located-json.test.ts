// The locating JSON reader: values as JSON.parse gives them, the line of every value by path,
// the raw text of numbers, and the line of the first syntax error.

import { describe, expect, it } from 'vitest';
import { jsonChildPath, MAX_JSON_DEPTH, parseLocatedJson } from '../../../src/import/exports/located-json.js';
import { jsonPathSteps, jsonPathText, type JsonPathStep } from '../../../src/import/exports/json-path.js';

function parsed(text: string) {
  const result = parseLocatedJson(text);
  if (!result.ok) throw new Error(`unexpected syntax error: ${result.message}`);
  return result.json;
}

describe('parseLocatedJson', () => {
  const text = '{\n  "result": {\n    "list": [\n      {"side": "Buy", "size": 1e400},\n      {"odd key": "x\\"y"}\n    ]\n  }\n}\n';

  it('gives the value JSON.parse gives', () => {
    const json = parsed(text);
    expect(json.value).toEqual({ result: { list: [{ side: 'Buy', size: Infinity }, { 'odd key': 'x"y' }] } });
    const plain = '[1, -2.5e3, "a\\u00e9\\n", true, false, null, {"a": []}]';
    expect(parsed(plain).value).toEqual(JSON.parse(plain));
  });

  it('lists every repeated member name with the start of both values, keeping the last as JSON.parse does', () => {
    const json = parsed('{\n  "a": 1,\n  "b": {"c": 2,\n "c": 3},\n  "a": "x"\n}');
    expect(json.value).toEqual({ a: 'x', b: { c: 3 } });
    const repeats = json.duplicates.map((d) => ({ key: d.key, path: d.path, first: json.lineAt(d.firstStart), again: json.lineAt(d.start) }));
    expect(repeats).toEqual([
      { key: 'c', path: 'b.c', first: 3, again: 4 },
      { key: 'a', path: 'a', first: 2, again: 5 },
    ]);
    expect(parsed('[{"a": 1}, {"a": 2}]').duplicates).toEqual([]);
  });

  it('locates every value by its path', () => {
    const json = parsed(text);
    const lineOf = (path: string) => json.lineAt(json.startOf(path)!);
    expect(lineOf('')).toBe(1);
    expect(lineOf('result')).toBe(2);
    expect(lineOf('result.list')).toBe(3);
    expect(lineOf('result.list[0]')).toBe(4);
    expect(lineOf('result.list[0].side')).toBe(4);
    expect(lineOf('result.list[1]["odd key"]')).toBe(5);
    expect(json.startOf('result.list[2]')).toBeUndefined();
  });

  it('gives the line of a value past many thousand lines, with CRLF and LF line ends mixed', () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `{"i": ${i}}`);
    const json = parsed(`[\r\n${rows.join(',\n')}\r\n]`);
    expect(json.lineAt(json.startOf('[0]')!)).toBe(2);
    expect(json.lineAt(json.startOf('[4095].i')!)).toBe(4097);
    expect(json.lineAt(json.startOf('[19999]')!)).toBe(20_001);
    expect(json.lineAt(json.startOf('')!)).toBe(1);
  });

  it('locates paths through odd keys, indices and repeated names; a path that names nothing is undefined', () => {
    const json = parsed('{"a b": [10, {"x": 1}],\n "3": {"y\\"z": true},\n "r": {"old": 1},\n "r": {"new": 2}}');
    expect(json.rawAt('["a b"][0]')).toBe('10');
    expect(json.rawAt('["a b"][1].x')).toBe('1');
    expect(json.rawAt('["3"]["y\\"z"]')).toBe('true');
    expect(json.lineAt(json.startOf('["3"]')!)).toBe(2);
    // The repeated name keeps the last value, and the paths inside it: JSON.parse's value.
    expect(json.rawAt('r')).toBe('{"new": 2}');
    expect(json.rawAt('r.new')).toBe('2');
    expect(json.startOf('r.old')).toBeUndefined();
    for (const nowhere of ['["a b"][2]', '["a b"].x', '["3"][0]', '3', '["a b"][01]', 'a b', '["a b"', '.x', '["a b"][1]x', '["a b"][1].x.y', '[0]'])
      expect([nowhere, json.startOf(nowhere)]).toEqual([nowhere, undefined]);
  });

  it('locates members of objects with many names, repeated or not', () => {
    const names = Array.from({ length: 40 }, (_, i) => `k${i}`);
    const text = `{${names.map((n, i) => `"${n}": ${i}`).join(',\n')},\n"k7": "again"}`;
    const json = parsed(text);
    for (let i = 0; i < 40; i++) if (i !== 7) expect(json.rawAt(`k${i}`)).toBe(String(i));
    expect(json.rawAt('k7')).toBe('"again"');
    expect(json.lineAt(json.startOf('k39')!)).toBe(40);
    expect(json.duplicates.map((d) => [d.path, json.lineAt(d.firstStart), json.lineAt(d.start)])).toEqual([['k7', 8, 41]]);
    expect(json.startOf('k40')).toBeUndefined();
  });

  it('keeps the source text of a value (an overflowing number stays readable)', () => {
    const json = parsed(text);
    expect(json.rawAt('result.list[0].size')).toBe('1e400');
    expect(json.rawAt('result.list[0].side')).toBe('"Buy"');
  });

  it('counts CRLF line breaks once and skips a BOM', () => {
    const json = parsed('\uFEFF[\r\n  1,\r\n  2\r\n]');
    expect(json.lineAt(json.startOf('[1]')!)).toBe(3);
  });

  it('makes "__proto__" an ordinary key, never a prototype', () => {
    const value = parsed('{"__proto__": {"polluted": true}}').value as Record<string, unknown>;
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
    expect((value as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });

  it('reports the first syntax error with its line', () => {
    const cases: [string, number, string][] = [
      ['{\n  "a": 1,,\n}', 2, "expected a quoted member name"],
      ['[\n  1,\n  2,\n]', 4, 'unexpected character where a value was expected'],
      ['{"a": 1}\n{"b": 2}', 2, 'unexpected text after the end of the JSON value'],
      ['{"a": "line\nbreak"}', 1, 'control character inside a string (line breaks must be escaped)'],
      ['{"a": [1, 2', 1, 'unexpected end of text: an array is not closed'],
      ['{"a": NaN}', 1, 'unexpected character where a value was expected'],
      ['// comment\n{}', 1, 'unexpected character where a value was expected'],
      ['{"a": "\\x41"}', 1, 'invalid escape sequence in a string'],
      ['', 1, 'unexpected end of text: a value was expected'],
    ];
    for (const [source, line, message] of cases) {
      const result = parseLocatedJson(source);
      expect(result.ok ? null : [result.line, result.message]).toEqual([line, message]);
    }
  });

  it('refuses nesting deeper than the limit without exhausting the stack', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const result = parseLocatedJson(deep);
    expect(result.ok ? null : result.message).toBe(`arrays and objects nested deeper than ${MAX_JSON_DEPTH} levels`);
    expect(parseLocatedJson('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH)).ok).toBe(true);
  });
});

describe('jsonChildPath', () => {
  it('writes identifier keys with dots, others quoted, indices in brackets', () => {
    expect(jsonChildPath('', 'result')).toBe('result');
    expect(jsonChildPath('result', 'list')).toBe('result.list');
    expect(jsonChildPath('result.list', 0)).toBe('result.list[0]');
    expect(jsonChildPath('[0]', 'odd key')).toBe('[0]["odd key"]');
    expect(jsonChildPath('', 2)).toBe('[2]');
  });
});

describe('jsonPathSteps', () => {
  it('reads back every path jsonChildPath writes', () => {
    const names = ['a', 'list', '_x$1', 'odd key', '3', '', 'q"uote', 'back\\slash', ']', '.', '[0]', 'é'];
    for (let seed = 1; seed <= 300; seed++) {
      const steps: JsonPathStep[] = [];
      for (let k = 0, r = seed; k < 1 + (seed % 5); k++, r = (r * 7 + 3) % 101) steps.push(r % 3 === 0 ? r % 13 : names[r % names.length]!);
      expect(jsonPathSteps(jsonPathText(steps))).toEqual(steps);
    }
    expect(jsonPathSteps('')).toEqual([]);
  });

  it('refuses text no path is written as', () => {
    for (const text of ['.a', 'a.', 'a..b', 'a[', 'a[x]', 'a[-1]', 'a[01]', 'a["x"', 'a["x\\"]', '1a', 'a b', 'a]'])
      expect([text, jsonPathSteps(text)]).toEqual([text, null]);
  });
});
