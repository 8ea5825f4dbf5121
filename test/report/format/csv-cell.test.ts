// CSV cells: RFC 4180 quoting and defusing of spreadsheet formulas in text.

import { describe, expect, it } from 'vitest';
import { csvNumberCell, csvTextCell } from '../../../src/report/format/csv-cell.js';

describe('csvTextCell', () => {
  it('leaves plain text alone', () => {
    expect(csvTextCell('hedged-desk:BTCUSDT:long')).toBe('hedged-desk:BTCUSDT:long');
  });
  it('quotes commas, quotes and line breaks, doubling inner quotes', () => {
    expect(csvTextCell('a,b')).toBe('"a,b"');
    expect(csvTextCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvTextCell('two\nlines')).toBe('"two\nlines"');
  });
  it.each(['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx'])('defuses %j as a formula', (text) => {
    const cell = csvTextCell(text);
    expect(cell.startsWith(`"'`)).toBe(true);
    expect(cell.endsWith('"')).toBe(true);
  });
  it('defuses and escapes at once', () => {
    expect(csvTextCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
  });
});

describe('csvNumberCell', () => {
  it('writes numbers in full precision and null as an empty cell', () => {
    expect(csvNumberCell(-0.19444614196587795)).toBe('-0.19444614196587795');
    expect(csvNumberCell(null)).toBe('');
    expect(csvNumberCell(-0)).toBe('0');
  });
  it('refuses a non-finite number', () => {
    expect(() => csvNumberCell(Number.NaN)).toThrow(/finite/);
  });
});
