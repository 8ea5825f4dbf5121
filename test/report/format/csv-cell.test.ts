// CSV cells: RFC 4180 quoting and defusing of spreadsheet formulas in text.

import { describe, expect, it } from 'vitest';
import { csvNumberCell, csvTextCell, isPlainCsvText } from '../../../src/report/format/csv-cell.js';

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

describe('isPlainCsvText', () => {
  it('is true exactly when csvTextCell leaves the text as it is', () => {
    const samples = ['', 'BTCUSDT', 'acct0/isolated/acct0-3', 'a,b', 'say "hi"', 'two\nlines', 'cr\r', 'x=1', 'a-b', 'é@x', 'e\u0301'];
    for (const leader of ['=', '+', '-', '@', '\t', '\r']) samples.push(`${leader}x`, leader);
    // Every character code below 128 alone and between others.
    for (let c = 0; c < 128; c++) samples.push(String.fromCharCode(c), `a${String.fromCharCode(c)}b`);
    for (const text of samples) expect(isPlainCsvText(text), JSON.stringify(text)).toBe(csvTextCell(text) === text);
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
