import { describe, expect, it } from 'vitest';
import { columnIndex, detectDelimiter, normalizeHeader, parseDelimitedTable, splitDelimitedLine } from '../../../src/scenarios/text/delimited-table.js';
import { parseFiniteNumber } from '../../../src/scenarios/text/parse-number.js';
import { formatTimestampMs, parseTimestampMs } from '../../../src/scenarios/text/parse-timestamp.js';

describe('parseDelimitedTable', () => {
  it('drops a BOM, skips blank lines and keeps physical line numbers', () => {
    const table = parseDelimitedTable('\uFEFF\n Offset_Minutes ,Symbol\r\n0,BTC\r\n\r\n30,ETH\n')!;
    expect(table.header).toEqual(['offsetminutes', 'symbol']);
    expect(table.rows).toEqual([
      { line: 3, fields: ['0', 'BTC'] },
      { line: 5, fields: ['30', 'ETH'] },
    ]);
    expect(columnIndex(table, 'offsetMinutes')).toBe(0);
    expect(columnIndex(table, 'price', 'symbol')).toBe(1);
  });

  it('detects semicolons and tabs, and splits quoted fields', () => {
    expect(detectDelimiter('a;b;c')).toBe(';');
    expect(detectDelimiter('a\tb')).toBe('\t');
    expect(detectDelimiter('single')).toBe(',');
    expect(splitDelimitedLine('"a,b", "say ""hi""" ,c', ',')).toEqual(['a,b', 'say "hi"', 'c']);
  });

  it('returns null for text without a header', () => {
    expect(parseDelimitedTable(' \n\n')).toBeNull();
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
