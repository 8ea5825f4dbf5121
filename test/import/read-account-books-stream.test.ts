// A large generated stream: 300,000 rows over 3,000 accounts, produced chunk by chunk. Every
// position must arrive exactly once, books must come out while the file is still being read,
// and an account reappearing after the buffer limit must be reported. And the provisional books
// shown while accounts may come in any order: the books handed out are the same whether or not
// they are watched, and a book shown is handed out as it is only when nothing changed since.

import { describe, expect, it } from 'vitest';
import type { AccountBook } from '../../src/domain/account-book.js';
import type { Balance } from '../../src/domain/balance.js';
import { formatIssue, type Issue } from '../../src/domain/issue.js';
import { readAccountBooks, walletBalances } from '../../src/import/index.js';

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

describe('readAccountBooks: provisional books', () => {
  const header = 'account,position_id,symbol,side,size,entry_price,mark_price\n';
  const row = (account: string, id: string, size = 1): string => `${account},${id},BTCUSDT,long,${size},100,100\n`;
  async function* once(text: string): AsyncGenerator<string> {
    yield text;
  }
  /** The books read with and without `onProvisional`, and what it was shown (account and positions at the time). */
  async function readBoth(text: string, options: { maxBufferedPositions?: number; balances?: Balance[] } = {}) {
    const shown: { book: AccountBook; account: string; positions: number }[] = [];
    const read = async (watch: boolean) => {
      const issues: Issue[] = [];
      const books: AccountBook[] = [];
      const base = { defaultVenue: 'generic' as const, ...(options.maxBufferedPositions === undefined ? {} : { maxBufferedPositions: options.maxBufferedPositions }) };
      const readOptions = watch ? { ...base, onProvisional: (book: AccountBook) => shown.push({ book, account: book.account, positions: book.positions.length }) } : base;
      for await (const book of readAccountBooks(once(text), 'p.csv', options.balances ?? [], readOptions, issues)) books.push(book);
      return { books, issues: issues.map(formatIssue) };
    };
    const plain = await read(false);
    const watched = await read(true);
    return { plain, watched, shown };
  }

  it('hands out the book shown when nothing was added since, a new one for an account that resumed or failed', async () => {
    const text =
      header +
      row('a', 'a1') + row('a', 'a2') +
      row('b', 'b1') + row('b', 'b2') +
      row('a', 'a3') +
      row('c', 'c1') +
      row('d', 'd1') + row('d', 'd2') +
      row('e', 'e1') +
      row('d', 'd3', 0) +
      row('e', 'e2');
    const { plain, watched, shown } = await readBoth(text);
    // The same books, positions and issues as a read without it.
    expect(watched).toEqual(plain);
    expect(watched.books.map((b) => `${b.account}:${b.positions.length}`)).toEqual(['a:3', 'b:2', 'c:1', 'e:2']);
    expect(watched.issues).toEqual(['p.csv:11: column size: must not be zero (got "0")']);
    // Shown as each account's rows were followed by another's: a (2), b, a again (3), c, d, e (1), d is failed by then.
    expect(shown.map((s) => `${s.account}:${s.positions}`)).toEqual(['a:2', 'b:2', 'a:3', 'c:1', 'd:2', 'e:1']);
    const byAccount = new Map(watched.books.map((b) => [b.account, b]));
    // a: shown last with its 3 positions, so that book; b and c: as shown; e resumed after it was shown: a new book.
    expect(byAccount.get('a')).toBe(shown[2]!.book);
    expect(byAccount.get('b')).toBe(shown[1]!.book);
    expect(byAccount.get('c')).toBe(shown[3]!.book);
    expect(byAccount.get('e')).not.toBe(shown[5]!.book);
  });

  it('shows nothing once accounts must be contiguous, nor a book whose wallet is placed by its positions', async () => {
    const text = header + row('a', 'a1') + row('a', 'a2') + row('b', 'b1') + row('b', 'b2') + row('c', 'c1') + row('d', 'd1');
    const contiguous = await readBoth(text, { maxBufferedPositions: 3 });
    expect(contiguous.watched).toEqual(contiguous.plain);
    // Only a, before the window of 3 positions filled (at b's first row).
    expect(contiguous.shown.map((s) => s.account)).toEqual(['a']);
    const wallet = walletBalances(500);
    const placed = await readBoth(header + row('a', 'a1') + row('b', 'b1'), { balances: wallet });
    expect(placed.watched).toEqual(placed.plain);
    expect(placed.shown).toEqual([]);
  });
});
