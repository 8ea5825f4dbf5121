// The small parts of the import layer: header matching, delimiter-free pieces, byte decoding,
// identifiers, the duplicate-id fingerprint set, and the missing-file issue for the CLI.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/domain/issue.js';
import { ChunkTextDecoder } from '../../src/import/chunk-text-decoder.js';
import { normalizeHeaderName, resolveHeader } from '../../src/import/header-columns.js';
import { IdFingerprintSet } from '../../src/import/id-fingerprint-set.js';
import { identifierProblem } from '../../src/import/identifier-field.js';
import { expectedRowCount } from '../../src/import/expected-row-count.js';
import { missingFileIssue, POSITION_COLUMNS } from '../../src/import/index.js';

describe('header matching', () => {
  it.each([
    ['entry_price', 'entryprice'],
    ['entryPrice', 'entryprice'],
    [' Entry Price ', 'entryprice'],
    ['ENTRY-PRICE', 'entryprice'],
    ['positionAmt', 'positionamt'],
  ])('normalises %j to %j', (name, expected) => {
    expect(normalizeHeaderName(name)).toBe(expected);
  });

  it('maps aliases to canonical columns and leaves absent optional columns at -1', () => {
    const { index, issues } = resolveHeader(['Qty', 'Mark', 'entry', 'Ticker', 'exchange'], POSITION_COLUMNS, 'p.csv', 1);
    expect(issues).toEqual([]);
    expect(index).toMatchObject({ size: 0, mark_price: 1, entry_price: 2, symbol: 3, venue: 4, side: -1, account: -1 });
  });
});

describe('ChunkTextDecoder', () => {
  it('decodes a multi-byte character split between chunks and drops the BOM', () => {
    const bytes = new TextEncoder().encode('\uFEFFé€😀');
    const decoder = new ChunkTextDecoder();
    let text = '';
    for (const b of bytes) text += decoder.decode(new Uint8Array([b]));
    text += decoder.end();
    expect(text).toBe('é€😀');
  });

  it('gives the same text as one decode of the whole file, for random bytes cut anywhere', () => {
    // Bytes biased towards UTF-8 lead and continuation bytes, so cuts fall inside characters.
    const byte = fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xbf }), fc.integer({ min: 0xc0, max: 0xff }), fc.constantFrom(0xef, 0xbb, 0xbf));
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 60 }), fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 6 }), (values, cuts) => {
        const bytes = Uint8Array.from(values);
        const whole = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
        const expected = whole.charCodeAt(0) === 0xfeff ? whole.slice(1) : whole;
        const decoder = new ChunkTextDecoder();
        let text = '';
        for (let i = 0, k = 0; i < bytes.length; k++) {
          const n = cuts[k % cuts.length]!;
          text += decoder.decode(bytes.subarray(i, i + n));
          i += n;
        }
        text += decoder.end();
        if (decoder.utf16Detected) return;
        expect(text).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps a BOM that is not at the start, and recognises UTF-16 by its BOM', () => {
    const decoder = new ChunkTextDecoder();
    expect(decoder.decode('a\uFEFFb')).toBe('a\uFEFFb');
    const utf16 = new ChunkTextDecoder();
    utf16.decode(new Uint8Array([0xff, 0xfe, 0x61, 0x00]));
    expect(utf16.utf16Detected).toBe(true);
  });
});

describe('identifierProblem', () => {
  it.each([
    ['BTCUSDT', null],
    ['BTC-USDT-SWAP', null],
    ['BTC/USDT:USDT', null],
    ['=cmd', 'starts with = + - or @ (a spreadsheet formula?); identifiers may not'],
    ['-x', 'starts with = + - or @ (a spreadsheet formula?); identifiers may not'],
    ['a\tb', 'contains control characters'],
    ['x'.repeat(201), 'longer than 200 characters'],
  ])('%j → %j', (text, expected) => {
    expect(identifierProblem(text)).toBe(expected);
  });
});

describe('IdFingerprintSet', () => {
  it('returns the line of first use for a repeated id, hashing pieces like their concatenation', () => {
    const set = new IdFingerprintSet();
    expect(set.add('a:BTCUSDT:long', 2)).toBe(0);
    set.begin();
    for (const piece of ['a', ':', 'BTCUSDT', ':', 'long']) set.feed(piece);
    expect(set.commit(9)).toBe(2);
    expect(set.add('a:BTCUSDT:short', 10)).toBe(0);
  });

  it('keeps 200,000 distinct ids apart through growth and finds every one again', () => {
    const set = new IdFingerprintSet();
    let reportedNew = 0;
    for (let k = 0; k < 200_000; k++) if (set.add(`acct${k % 997}:SYM${k}:long`, k + 1) === 0) reportedNew++;
    expect(reportedNew).toBe(200_000);
    expect(set.size).toBe(200_000);
    let found = 0;
    for (let k = 0; k < 200_000; k += 7) if (set.add(`acct${k % 997}:SYM${k}:long`, 1) === k + 1) found++;
    expect(found).toBe(Math.ceil(200_000 / 7));
  });

  it('reserves room once, keeps the ids held, and grows past the reservation as usual', () => {
    const set = new IdFingerprintSet();
    for (let k = 0; k < 100; k++) set.add(`id${k}`, k + 1);
    set.reserve(5_000);
    expect(set.capacity).toBe(16_384);
    for (let k = 0; k < 100; k++) expect(set.add(`id${k}`, 999)).toBe(k + 1);
    set.reserve(10);
    expect(set.capacity).toBe(16_384);
    // Past the reservation: 20,000 ids need 65,536 slots at a load of at most 1/2.
    for (let k = 100; k < 20_000; k++) expect(set.add(`id${k}`, k + 1)).toBe(0);
    expect(set.capacity).toBe(65_536);
    expect(set.size).toBe(20_000);
    for (let k = 0; k < 20_000; k += 13) expect(set.add(`id${k}`, 1)).toBe(k + 1);
  });
});

describe('expectedRowCount', () => {
  it('scales the first chunk\'s lines to the file size', () => {
    const chunk = 'a,BTCUSDT,1,2,3\n'.repeat(100);
    expect(expectedRowCount(chunk, chunk.length, chunk.length * 50)).toBe(5_000);
  });

  it('gives nothing to go by without a line feed, and counts short lines as MIN_LINE_BYTES', () => {
    expect(expectedRowCount('a,b,c', 5, 1_000_000)).toBe(0);
    expect(expectedRowCount('\n'.repeat(64), 64, 1_600)).toBe(100);
  });
});

describe('missingFileIssue', () => {
  it('gives the CLI a one-line issue for a file it cannot open', () => {
    expect(formatIssue(missingFileIssue('positions.csv'))).toBe('positions.csv: file not found');
    expect(formatIssue(missingFileIssue('p.csv', 'EACCES: permission denied'))).toBe('p.csv: cannot read the file: EACCES: permission denied');
  });
});
