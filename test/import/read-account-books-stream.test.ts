// A large generated stream: 300,000 rows over 3,000 accounts, produced chunk by chunk. Every
// position must arrive exactly once, books must come out while the file is still being read,
// and an account reappearing after the buffer limit must be reported.

import { describe, expect, it } from 'vitest';
import { formatIssue, type Issue } from '../../src/domain/issue.js';
import { readAccountBooks } from '../../src/import/index.js';

const ACCOUNTS = 3_000;
const ROWS_PER_ACCOUNT = 100;
const SYMBOLS = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'XRPUSDT', 'DOGEUSDT'];

interface Progress {
  rowsProduced: number;
}

/** Rows grouped by account, ~1,000 rows per chunk; `extra` rows are appended at the end. */
async function* generatedFile(progress: Progress, extra = ''): AsyncGenerator<string> {
  let chunk = 'account,position_id,symbol,side,size,entry_price,mark_price,margin_mode,isolated_margin,leverage\n';
  for (let a = 0; a < ACCOUNTS; a++) {
    for (let k = 0; k < ROWS_PER_ACCOUNT; k++) {
      const symbol = `${SYMBOLS[k % SYMBOLS.length]!.slice(0, -4)}${k}USDT`;
      const isolated = k % 4 === 0;
      chunk += `acct${a},p${a}-${k},${symbol},${k % 2 === 0 ? 'long' : 'short'},${(k + 1) * 0.01},${1000 + k},${1001 + k},${isolated ? 'isolated' : 'cross'},${isolated ? 50 : ''},${isolated ? 10 : ''}\n`;
      progress.rowsProduced++;
      if (progress.rowsProduced % 1_000 === 0) {
        yield chunk;
        chunk = '';
      }
    }
  }
  yield chunk + extra;
}

describe('readAccountBooks on a 300,000-row stream', () => {
  it('delivers every position exactly once, account by account, while streaming', async () => {
    const progress: Progress = { rowsProduced: 0 };
    const issues: Issue[] = [];
    const positionsPerAccount = new Map<string, number>();
    let total = 0;
    let sizeSum = 0;
    let firstBookAt = -1;
    for await (const book of readAccountBooks(generatedFile(progress), 'big.csv', [], { defaultVenue: 'generic' }, issues)) {
      if (firstBookAt < 0) firstBookAt = progress.rowsProduced;
      if (positionsPerAccount.has(book.account)) throw new Error(`account ${book.account} yielded twice`);
      positionsPerAccount.set(book.account, book.positions.length);
      total += book.positions.length;
      for (const p of book.positions) sizeSum += p.size;
    }
    expect(issues).toEqual([]);
    expect(positionsPerAccount.size).toBe(ACCOUNTS);
    expect([...positionsPerAccount.values()].every((n) => n === ROWS_PER_ACCOUNT)).toBe(true);
    expect(total).toBe(ACCOUNTS * ROWS_PER_ACCOUNT);
    // sum over accounts of sum_k (k+1)*0.01 = 3000 * 50.5
    expect(sizeSum).toBeCloseTo(ACCOUNTS * 50.5, 6);
    // The first books come out once the 100,000-position buffer fills, long before the end.
    expect(firstBookAt).toBeGreaterThan(0);
    expect(firstBookAt).toBeLessThanOrEqual(101_000);
  });

  it('reports an account that reappears after the buffer limit, once, on its row', async () => {
    const progress: Progress = { rowsProduced: 0 };
    const issues: Issue[] = [];
    let books = 0;
    const extra = 'acct7,late-1,BTCUSDT,long,1,100,100,cross,,\nacct7,late-2,ETHUSDT,long,1,100,100,cross,,\n';
    for await (const _book of readAccountBooks(generatedFile(progress, extra), 'big.csv', [], { defaultVenue: 'generic' }, issues)) books++;
    expect(books).toBe(ACCOUNTS);
    expect(issues.map(formatIssue)).toEqual([
      `big.csv:300002: column account: rows of this account resume here after it was closed at line 801; a file of more than 100000 positions must keep each account's rows together: sort or group the rows by account (got "acct7")`,
    ]);
    expect(issues[0]!.account).toBe('acct7');
  });

  it('reads the same books and issues whatever file size it is told (the id table reserved short of the rows, or past them)', async () => {
    // A repeated id at the end, found in a table reserved for fewer rows (and grown) or for more.
    const extra = 'acct2999,p5-3,BTCUSDT,long,1,100,100,cross,,\n';
    const read = async (expectedBytes?: number) => {
      const issues: Issue[] = [];
      const counts: number[] = [];
      const options = expectedBytes === undefined ? { defaultVenue: 'generic' as const } : { defaultVenue: 'generic' as const, expectedBytes };
      for await (const book of readAccountBooks(generatedFile({ rowsProduced: 0 }, extra), 'big.csv', [], options, issues)) counts.push(book.positions.length);
      return { counts, issues: issues.map(formatIssue) };
    };
    const plain = await read();
    expect(plain.issues).toEqual([`big.csv:300002: column position_id: position id already used on line 505; position ids must be unique in the file (got "p5-3")`]);
    expect(await read(100_000)).toEqual(plain);
    expect(await read(60_000_000)).toEqual(plain);
  });
});
