// Duplicate-id checks are made a batch of rows at a time (pending-position-rows.ts). Fed one line
// per chunk, every row is settled before the next is parsed, which is checking each row as it is
// parsed; fed whole, rows are settled in batches. Both must give the same issues, in the same
// order, and the same books, on files full of repeated ids, bad rows and differing marks.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readAll, textChunks } from './import-test-support.js';

/** `text` one line per chunk. */
async function* lineChunks(text: string): AsyncGenerator<string> {
  for (const line of text.split(/(?<=\n)/)) yield line;
}

const row = fc.record({
  account: fc.constantFrom('a', 'b', 'c', ''),
  id: fc.constantFrom('', '', 'p1', 'p2', 'a:BTCUSDT:long', ' p1 ', '=bad'),
  symbol: fc.constantFrom('BTCUSDT', 'ETHUSDT'),
  side: fc.constantFrom('long', 'short'),
  size: fc.constantFrom('1', '2.5', '0', 'x'),
  mark: fc.constantFrom('100', '100', '101'),
  width: fc.constantFrom(8, 8, 8, 8, 8, 8, 8, 8, 8, 7),
});

type Row = typeof row extends fc.Arbitrary<infer T> ? T : never;

function fileOf(rows: readonly Row[]): string {
  let text = 'account,position_id,symbol,side,size,entry_price,mark_price,margin_mode\n';
  for (const r of rows) {
    const cells = [r.account, r.id, r.symbol, r.side, r.size, '99', r.mark, 'cross'];
    text += `${cells.slice(0, r.width).join(',')}\n`;
  }
  return text;
}

describe('duplicate-id checks made in batches', () => {
  it('give the issues and books of checking row by row, on random files of 1 to 700 rows', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 700 }), async (rows) => {
        const text = fileOf(rows);
        const byRow = await readAll(lineChunks(text), { maxBufferedPositions: 50 });
        const batched = await readAll(textChunks(text), { maxBufferedPositions: 50 });
        expect(batched.issues).toEqual(byRow.issues);
        expect(batched.books).toEqual(byRow.books);
      }),
      { numRuns: 40 },
    );
  });

  it('names the first line of an id repeated within one batch and across batches', async () => {
    let text = 'account,position_id,symbol,side,size,entry_price,mark_price\n';
    for (let k = 0; k < 600; k++) text += `acct${k % 3},${k === 300 || k === 301 ? 'p5' : `p${k}`},BTCUSDT,long,1,99,100\n`;
    const { lines, books } = await readAll(textChunks(text));
    expect(lines).toEqual([
      'positions.csv:302: column position_id: position id already used on line 7; position ids must be unique in the file (got "p5")',
      'positions.csv:303: column position_id: position id already used on line 7; position ids must be unique in the file (got "p5")',
    ]);
    expect(books.map((b) => b.account)).toEqual(['acct2']);
  });
});
