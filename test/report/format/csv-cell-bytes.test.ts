// CSV cells written as bytes must be exactly csv-cell.ts's cells encoded as UTF-8: plain text
// copied as it is, anything else through csvTextCell, numbers as csvNumberCell writes them.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvNumberCell, csvTextCell } from '../../../src/report/format/csv-cell.js';
import { shortestDoubleKernel } from '../../../src/report/format/shortest-double.js';
import { TEXT_AREA_AT } from '../../../src/report/format/shortest-double-memory.js';
import { csvNumberAt, csvTextAt, csvTextCellMaxBytes, plainCsvTextAt } from '../../../src/report/format/csv-cell-bytes.js';

const decoder = new TextDecoder();
const encoder = new TextEncoder();

function textCellBytes(text: string): string {
  const bytes = new Uint8Array(3 + csvTextCellMaxBytes(text.length));
  bytes[0] = 120;
  const end = csvTextAt(bytes, 1, text);
  expect(bytes[0]).toBe(120);
  return decoder.decode(bytes.subarray(1, end));
}

describe('plainCsvTextAt', () => {
  it('copies the text exactly when csvTextCell leaves plain ASCII as it is', () => {
    const samples = ['', 'BTCUSDT', 'acct0/isolated/acct0-3', 'a,b', 'say "hi"', 'two\nlines', 'cr\r', 'x=1', 'a-b', 'é@x', 'e\u0301'];
    for (const leader of ['=', '+', '-', '@', '\t', '\r']) samples.push(`${leader}x`, leader);
    // Every character code below 128, and one above, alone and between others.
    for (let c = 0; c < 130; c++) samples.push(String.fromCharCode(c), `a${String.fromCharCode(c)}b`);
    for (const text of samples) {
      const bytes = new Uint8Array(8 + text.length);
      const end = plainCsvTextAt(bytes, 2, text);
      const plain = csvTextCell(text) === text && /^[\x00-\x7f]*$/.test(text);
      expect(end >= 0, JSON.stringify(text)).toBe(plain);
      if (plain) expect(decoder.decode(bytes.subarray(2, end))).toBe(text);
    }
  });
});

describe('csvTextAt', () => {
  it('writes the UTF-8 of csvTextCell for any text, in the room it asks for', () => {
    const text = fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 12 }), fc.constantFrom('=HYPERLINK("x")', 'счёт-7,"é"', '🚀,', '"""', '-', ''));
    fc.assert(
      fc.property(text, (t) => {
        expect(textCellBytes(t)).toBe(decoder.decode(encoder.encode(csvTextCell(t))));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('csvNumberAt', () => {
  function numberCellBytes(value: number | null): string {
    const { bytes } = shortestDoubleKernel();
    return decoder.decode(bytes.subarray(TEXT_AREA_AT + 3, csvNumberAt(bytes, TEXT_AREA_AT + 3, value)));
  }

  it('writes csvNumberCell for null, ±0 and any finite double', () => {
    for (const value of [null, 0, -0, 1, -1, 0.1, -0.19444614196587795, 1e21, 1e-7, -1.2345678901234567e-308, Number.MAX_VALUE, Number.MIN_VALUE, 5e-324, 123456789012345680000]) {
      expect(numberCellBytes(value)).toBe(csvNumberCell(value));
    }
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        expect(numberCellBytes(value)).toBe(csvNumberCell(value));
      }),
      { numRuns: 5000 },
    );
  });

  it('refuses a non-finite number as csvNumberCell does', () => {
    for (const value of [Number.NaN, Infinity, -Infinity]) expect(() => numberCellBytes(value)).toThrow(/csvNumberCell: expected a finite number/);
  });
});
