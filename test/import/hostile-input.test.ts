// Hostile and accidental junk: nothing may throw, flood the terminal, or be evaluated.

import { describe, expect, it } from 'vitest';
import { formatIssue, type Issue } from '../../src/domain/issue.js';
import { readBalancesCsv, readTiersCsv } from '../../src/import/index.js';
import { byteChunks, readAll, readText, textChunks } from './import-test-support.js';

const HEADER = 'symbol,side,size,entry_price,mark_price';

/** Longest formatted line we accept for any issue: the echo is bounded (echoValue). */
function expectBoundedLines(issues: readonly Issue[]): void {
  for (const issue of issues) expect(formatIssue(issue).length).toBeLessThan(400);
}

/** Deterministic bytes (a 32-bit LCG), so the garbage is the same on every run. */
function garbage(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

describe('hostile input', () => {
  it('bounds the echo of a 1 MB symbol and reads the rows around it', async () => {
    const huge = 'X'.repeat(1024 * 1024);
    const { books, issues, lines } = await readText(`${HEADER}\nBTCUSDT,long,1,100,100\n${huge},long,1,100,100\nETHUSDT,long,1,10,10\n`);
    expect(lines).toEqual([`positions.csv:3: column symbol: symbol longer than 200 characters (got "${'X'.repeat(60)}…")`]);
    expectBoundedLines(issues);
    // The issue keeps a short copy of the cell, not the megabyte.
    expect(issues[0]!.value).toBe('X'.repeat(200));
    expect(books).toEqual([]); // the one account `main` has a bad row
  });

  it('accepts a 1 MB cell in a column it does not read', async () => {
    const { books, lines } = await readText(`${HEADER},note\nBTCUSDT,long,1,100,100,"${'y'.repeat(1024 * 1024)}"\n`);
    expect(lines).toEqual([]);
    expect(books[0]!.positions).toHaveLength(1);
  });

  it('turns binary garbage into a few bounded issues, never a book or an exception', async () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const { books, issues } = await readAll(
        (async function* () {
          yield garbage(64 * 1024, seed);
        })(),
      );
      expect(books).toEqual([]);
      expect(issues.length).toBeGreaterThan(0);
      expect(issues.length).toBeLessThan(20);
      expectBoundedLines(issues);
    }
  });

  it('shows NUL bytes in echoed values and refuses them in identifiers', async () => {
    const { lines } = await readText(`${HEADER}\nBTC\u0000USDT,long,1,100,100\nETHUSDT,long,1\u0000,10,10\n`);
    expect(lines).toEqual([
      'positions.csv:2: column symbol: symbol contains control characters (got "BTC\\x00USDT")',
      'positions.csv:3: column size: not a number (got "1\\x00")',
    ]);
  });

  it('reads a header of 5,000 columns and reports 5,000 copies of one column once', async () => {
    const extra = Array.from({ length: 4995 }, (_, k) => `c${k}`);
    const row = Array.from({ length: 4995 }, () => '');
    const wide = await readText(`${HEADER},${extra.join(',')}\nBTCUSDT,long,1,100,100,${row.join(',')}\n`);
    expect(wide.lines).toEqual([]);
    expect(wide.books[0]!.positions).toHaveLength(1);
    const copies = await readText(`symbol,entry_price,mark_price,${Array.from({ length: 5000 }, () => 'size').join(',')}\n`);
    expect(copies.lines).toEqual(['positions.csv:1: column size: column given twice, as "size" (column 4) and as "size" (column 5); keep one']);
  });

  it('refuses formula-looking identifiers and reads formula-looking numbers as not numbers', async () => {
    const text = `account,position_id,${HEADER}\n@SUM(A1),x,BTCUSDT,long,1,100,100\nok,=1+1,BTCUSDT,long,1,100,100\nok2,,BTCUSDT,long,=2*3,100,100\nok3,,BTCUSDT,long,+2,100,100\n`;
    const { books, lines } = await readText(text);
    expect(lines).toEqual([
      'positions.csv:2: column account: account starts with = + - or @ (a spreadsheet formula?); identifiers may not (got "@SUM(A1)")',
      'positions.csv:3: column position_id: position id starts with = + - or @ (a spreadsheet formula?); identifiers may not (got "=1+1")',
      'positions.csv:4: column size: not a number (got "=2*3")',
    ]);
    expect(books.map((b) => [b.account, b.positions[0]!.size])).toEqual([['ok3', 2]]);
  });

  it('stops at an unterminated quote in the header, and at end of file in a data row', async () => {
    expect((await readText('symbol,"side\nBTC,long\n')).lines).toEqual([
      'positions.csv:1: unterminated quoted field: a double quote opened here is never closed (got "symbol,"side")',
    ]);
    const tail = await readText(`${HEADER}\nBTCUSDT,long,1,100,100\nETHUSDT,long,1,10,"10`);
    expect(tail.lines).toEqual(['positions.csv:3: unterminated quoted field: a double quote opened here is never closed (got "ETHUSDT,long,1,10,"10")']);
    // Without an account column every row is `main`'s, so the broken row fails that account.
    expect(tail.issues[0]!.account).toBe('main');
    expect(tail.books).toEqual([]);
  });

  it('reads a byte-order mark split across chunks, and a file of only a BOM as empty', async () => {
    const split = await readAll(byteChunks(`\uFEFF${HEADER}\nBTCUSDT,long,1,100,100\n`, 1));
    expect(split.lines).toEqual([]);
    expect(split.books[0]!.positions[0]!.symbol).toBe('BTCUSDT');
    expect((await readAll(byteChunks('\uFEFF', 1))).lines).toEqual(['positions.csv: the file is empty: expected a header line and data rows']);
  });

  it('stops, with one issue, on a line longer than the record limit, without holding it', async () => {
    async function* endless(): AsyncGenerator<string> {
      yield `${HEADER}\nBTCUSDT,long,1,100,`;
      for (let k = 0; k < 200; k++) yield 'z'.repeat(64 * 1024);
    }
    const { books, lines } = await readAll(endless(), { maxRecordChars: 1024 * 1024 });
    expect(lines).toEqual(['positions.csv:2: record longer than 1048576 characters (an unclosed quote, or not a CSV file); reading stopped']);
    expect(books).toEqual([]);
  });

  it('lists at most maxIssues problems, then says how many more there were', async () => {
    const rows = Array.from({ length: 50 }, (_, k) => `SYM${k},long,abc,100,100`).join('\n');
    const { lines } = await readText(`${HEADER}\n${rows}\n`, { maxIssues: 3 });
    expect(lines).toEqual([
      'positions.csv:2: column size: not a number (got "abc")',
      'positions.csv:3: column size: not a number (got "abc")',
      'positions.csv:4: column size: not a number (got "abc")',
      'positions.csv: 47 more problems in this file are not listed (only the first 3 are); fix these and run again',
    ]);
  });

  it('survives garbage in balances and tiers files too', async () => {
    const b = await readBalancesCsv(textChunks('\u0000\u0001,"x\n'), 'b.csv');
    expect(b.balances).toEqual([]);
    expect(b.issues.length).toBeGreaterThan(0);
    const t = await readTiersCsv(
      (async function* () {
        yield garbage(4096, 9);
      })(),
      't.csv',
      { defaultVenue: 'generic' },
    );
    expect(t.book.size).toBe(0);
    expect(t.issues.length).toBeGreaterThan(0);
    expectBoundedLines(t.issues);
  });
});
