// Scenario text inputs: delimited tables read through the CSV layer (header matching, line
// numbers, quoting, located CSV problems), strict numbers and timestamps.

import { describe, expect, it } from 'vitest';
import { columnIndex, normalizeHeader, parseDelimitedTable } from '../../../src/scenarios/text/delimited-table.js';
import { parseFiniteNumber } from '../../../src/scenarios/text/parse-number.js';
import { formatTimestampMs, parseTimestampMs } from '../../../src/scenarios/text/parse-timestamp.js';

/** The table of a text that must read without CSV problems (null when it has no header). */
function tableOf(text: string, delimiter?: string) {
  const { table, issues } = parseDelimitedTable(text, 'f.csv', delimiter);
  expect(issues).toEqual([]);
  return table;
}

describe('parseDelimitedTable', () => {
  it('drops a BOM, skips blank lines and keeps physical line numbers', () => {
    const table = tableOf('\uFEFF\n Offset_Minutes ,Symbol\r\n0,BTC\r\n\r\n30,ETH\n')!;
    expect(table.header).toEqual(['offsetminutes', 'symbol']);
    expect(table.rows).toEqual([
      { line: 3, fields: ['0', 'BTC'] },
      { line: 5, fields: ['30', 'ETH'] },
    ]);
    expect(columnIndex(table, 'offsetMinutes')).toBe(0);
    expect(columnIndex(table, 'price', 'symbol')).toBe(1);
  });

  it('detects semicolons and tabs, and splits quoted fields', () => {
    expect(tableOf('a;b;c')!.delimiter).toBe(';');
    expect(tableOf('a\tb')!.delimiter).toBe('\t');
    expect(tableOf('single')!.delimiter).toBe(',');
    expect(tableOf('x,y,z\n"a,b","say ""hi""", c \n')!.rows).toEqual([{ line: 2, fields: ['a,b', 'say "hi"', 'c'] }]);
  });

  it('takes a lone CR as a line break, and reads a quoted field over several lines', () => {
    expect(tableOf('t,p\r1,2\r\r3,4')!.rows).toEqual([
      { line: 2, fields: ['1', '2'] },
      { line: 4, fields: ['3', '4'] },
    ]);
    expect(tableOf('t,note\n1,"two\nlines"\n2,x\n')!.rows).toEqual([
      { line: 2, fields: ['1', 'two\nlines'] },
      { line: 4, fields: ['2', 'x'] },
    ]);
  });

  it('reports bad quoting as an issue on its line', () => {
    const { issues } = parseDelimitedTable('t,p\n1,2\n3,x"y\n', 'p.csv');
    expect(issues.map((i) => [i.code, i.file, i.line, i.value])).toEqual([['malformed-csv', 'p.csv', 3, '3,x"y']]);
  });

  it('returns null for text without a header', () => {
    expect(tableOf(' \n\n')).toBeNull();
  });

  it('takes only the delimiters the CSV readers know', () => {
    expect(tableOf('a;b\n1;2\n', ';')!.rows[0]!.fields).toEqual(['1', '2']);
    expect(() => parseDelimitedTable('a|b\n', 'f.csv', '|')).toThrow(RangeError);
  });

  it('normalises headers to one spelling', () => {
    expect(['entry_price', 'entryPrice', 'Entry-Price', 'ENTRY PRICE'].map(normalizeHeader)).toEqual(new Array(4).fill('entryprice'));
  });
});

describe('parseFiniteNumber', () => {
  it.each([
    ['1.5', 1.5],
    ['-2e-3', -0.002],
    ['.5', 0.5],
    ['+7', 7],
    ['', null],
    ['abc', null],
    ['1,5', null],
    ['Infinity', null],
    ['0x10', null],
    ['1e999', null],
  ])('%s → %s', (text, expected) => {
    expect(parseFiniteNumber(text)).toBe(expected);
  });
});

describe('parseTimestampMs', () => {
  it.each([
    ['2025-10-10T21:00:00Z', Date.UTC(2025, 9, 10, 21)],
    ['2025-10-10T23:00:00+02:00', Date.UTC(2025, 9, 10, 21)],
    ['2025-10-10 21:00', Date.UTC(2025, 9, 10, 21)],
    ['2025-10-10', Date.UTC(2025, 9, 10)],
    ['2025-10-10T21:00:00.250Z', Date.UTC(2025, 9, 10, 21, 0, 0, 250)],
    ['1760130000', Date.UTC(2025, 9, 10, 21)],
    ['1760130000000', Date.UTC(2025, 9, 10, 21)],
  ])('%s', (text, expected) => {
    expect(parseTimestampMs(text)).toBe(expected);
  });

  it.each(['2025-02-30', '2025-13-01', '10/10/2025', 'today', ''])('rejects %s', (text) => {
    expect(parseTimestampMs(text)).toBeNull();
  });

  it('formats back to ISO-8601 UTC', () => {
    expect(formatTimestampMs(Date.UTC(2025, 9, 10, 21))).toBe('2025-10-10T21:00:00Z');
    expect(formatTimestampMs(Date.UTC(2025, 9, 10, 21, 0, 0, 5))).toBe('2025-10-10T21:00:00.005Z');
  });
});
