// readAccountBooks on well-formed files: every accepted spelling and convention, the Position it
// produces, grouping by account, balances attached, and the rules that make a row or an account
// inconsistent.

import { describe, expect, it } from 'vitest';
import type { Balance } from '../../src/domain/balance.js';
import { walletBalances } from '../../src/import/index.js';
import { byteChunks, readAll, readText } from './import-test-support.js';

const HEADER = 'account,symbol,side,size,entry_price,mark_price';

function balance(account: string, asset: string, amount: number): Balance {
  return { account, asset, amount, priceQuote: null, haircut: null, source: { file: 'balances.csv', line: 2 } };
}

describe('readAccountBooks: formats', () => {
  it('reads a minimal file into one book for the default account `main`', async () => {
    const { books, lines } = await readText('symbol,side,size,entry_price,mark_price\nBTCUSDT,long,0.25,60000,62000\n');
    expect(lines).toEqual([]);
    expect(books).toEqual([
      {
        account: 'main',
        balances: [],
        positions: [
          {
            positionId: 'main:BTCUSDT:long',
            account: 'main',
            symbol: 'BTCUSDT',
            side: 'long',
            size: 0.25,
            entryPrice: 60000,
            markPrice: 62000,
            marginMode: 'cross',
            isolatedMargin: null,
            leverage: null,
            instrument: 'linear',
            contractSize: 1,
            venue: 'generic',
            settlementAsset: 'USDT',
            quoteAsset: 'USDT',
            baseAsset: 'BTC',
            source: { file: 'positions.csv', line: 2 },
          },
        ],
      },
    ]);
  });

  it('accepts camelCase and aliased headers in any order, a BOM, CRLF, semicolons and blank lines', async () => {
    const text = '\uFEFFMarkPrice;positionAmt;Symbol;entryPrice;marginType;isolatedWallet;Sub_Account\r\n\r\n61000;-0.5;BTCUSDT;60000;ISOLATED;300;desk-1\r\n';
    const { books, lines } = await readAll(byteChunks(text, 5));
    expect(lines).toEqual([]);
    expect(books).toHaveLength(1);
    expect(books[0]!.positions[0]).toMatchObject({
      account: 'desk-1',
      side: 'short',
      size: 0.5,
      entryPrice: 60000,
      markPrice: 61000,
      marginMode: 'isolated',
      isolatedMargin: 300,
      source: { line: 3 },
    });
  });

  it('reads tab-separated files and quoted fields', async () => {
    const { books, lines } = await readText('symbol\tside\tsize\tentry_price\tmark_price\tnote\n"BTCUSDT"\tbuy\t1\t100\t101\t"a\tb ""c"""\n');
    expect(lines).toEqual([]);
    expect(books[0]!.positions[0]).toMatchObject({ symbol: 'BTCUSDT', side: 'long', size: 1 });
  });

  it.each([
    ['long', 1, 'long', 1],
    ['SHORT', 1, 'short', 1],
    ['Buy', 2, 'long', 2],
    ['sell', 2, 'short', 2],
    ['', -3, 'short', 3],
    ['', 3, 'long', 3],
    ['BOTH', -4, 'short', 4],
    ['short', -5, 'short', 5],
  ] as const)('side %j with size %d is %s of %d', async (side, size, expectedSide, expectedSize) => {
    const { books, lines } = await readText(`${HEADER}\nmain,BTCUSDT,${side},${size},100,100\n`);
    expect(lines).toEqual([]);
    expect(books[0]!.positions[0]).toMatchObject({ side: expectedSide, size: expectedSize });
  });

  it('reads a signed size without a side column', async () => {
    const { books } = await readText('symbol,size,entry_price,mark_price\nBTCUSDT,-2,100,90\nETHUSDT,3,10,11\n');
    expect(books[0]!.positions.map((p) => [p.side, p.size])).toEqual([
      ['short', 2],
      ['long', 3],
    ]);
  });

  it('accepts a long and a short of one symbol in one account (hedge mode) with their default ids', async () => {
    const { books, lines } = await readText(`${HEADER}\nmain,BTCUSDT,long,1,100,100\nmain,BTCUSDT,short,2,101,100\n`);
    expect(lines).toEqual([]);
    expect(books[0]!.positions.map((p) => p.positionId)).toEqual(['main:BTCUSDT:long', 'main:BTCUSDT:short']);
  });

  it('folds a linear contract size into the size, in base units', async () => {
    const { books } = await readText('symbol,contracts,contract_size,entry_price,mark_price\nETH-USDT-SWAP,25,0.1,3000,3100\n');
    expect(books[0]!.positions[0]).toMatchObject({ size: 2.5, contractSize: 1, instrument: 'linear', baseAsset: 'ETH', quoteAsset: 'USDT' });
  });

  it('keeps the contract size of inverse contracts, from the row or the venue default', async () => {
    const text = 'symbol,size,entry_price,mark_price,instrument,contract_size,venue\nBTCUSD_PERP,10,60000,61000,inverse,,binance-coinm\nETHUSD_PERP,10,3000,3100,inverse,,binance-coinm\nXRPUSD,7,0.5,0.6,inverse,1,bybit-inverse\n';
    const { books, lines } = await readText(text);
    expect(lines).toEqual([]);
    expect(books[0]!.positions.map((p) => [p.symbol, p.contractSize, p.size, p.settlementAsset, p.quoteAsset, p.venue])).toEqual([
      ['BTCUSD_PERP', 100, 10, 'BTC', 'USD', 'binance-coinm'],
      ['ETHUSD_PERP', 10, 10, 'ETH', 'USD', 'binance-coinm'],
      ['XRPUSD', 1, 7, 'XRP', 'USD', 'bybit-inverse'],
    ]);
  });

  it('takes inverse contracts by default on a venue that has only inverse rules', async () => {
    const { books, lines } = await readAll(
      (async function* () {
        yield 'symbol,size,entry_price,mark_price\nBTCUSD_PERP,5,60000,61000\n';
      })(),
      { defaultVenue: 'binance-coinm' },
    );
    expect(lines).toEqual([]);
    expect(books[0]!.positions[0]).toMatchObject({ instrument: 'inverse', contractSize: 100, settlementAsset: 'BTC', venue: 'binance-coinm' });
  });

  it('refuses a contract kind the row’s venue has no rules for', async () => {
    const { books, lines } = await readText('symbol,size,entry_price,mark_price,instrument,venue\nBTCUSD_PERP,5,60000,61000,inverse,binance-usdm\n');
    expect(books).toEqual([]);
    expect(lines).toEqual([
      'positions.csv:2: column instrument: venue profile binance-usdm has no rules for inverse contracts; set venue to one that does (got "inverse")',
    ]);
  });

  it('uses the venue’s default quote for base-only symbols and a settlement_asset column when given', async () => {
    const text = 'symbol,size,entry_price,mark_price,venue,settlement_asset\nBTC,1,60000,61000,hyperliquid,\nETHUSDC,1,3000,3000,,usdc\n';
    const { books, lines } = await readText(text);
    expect(lines).toEqual([]);
    expect(books[0]!.positions.map((p) => [p.baseAsset, p.quoteAsset, p.settlementAsset, p.venue])).toEqual([
      ['BTC', 'USDC', 'USDC', 'hyperliquid'],
      ['ETH', 'USDC', 'USDC', 'generic'],
    ]);
  });

  it('uses an explicit position_id and requires it unique in the whole file, across accounts', async () => {
    const text = 'account,position_id,symbol,size,entry_price,mark_price\na,p1,BTCUSDT,1,100,100\nb,p1,ETHUSDT,1,10,10\nc,a:BTCUSDT:long,BTCUSDT,1,100,100\n';
    const { books, lines } = await readText(`${text}a,,BTCUSDT,-1,100,100\n`);
    expect(lines).toEqual([
      'positions.csv:3: column position_id: position id already used on line 2; position ids must be unique in the file (got "p1")',
    ]);
    expect(books.map((b) => [b.account, b.positions.map((p) => p.positionId)])).toEqual([
      ['a', ['p1', 'a:BTCUSDT:short']],
      ['c', ['a:BTCUSDT:long']],
    ]);
  });

  it('catches an explicit id that repeats another row’s default id', async () => {
    const { lines } = await readText('account,position_id,symbol,size,entry_price,mark_price\na,,BTCUSDT,1,100,100\nb,a:BTCUSDT:long,ETHUSDT,1,10,10\n');
    expect(lines).toEqual([
      'positions.csv:3: column position_id: position id already used on line 2; position ids must be unique in the file (got "a:BTCUSDT:long")',
    ]);
  });

  it('ignores unknown columns and treats 0 isolated margin on a cross row as none', async () => {
    const { books, lines } = await readText('symbol,size,entry_price,mark_price,margin_mode,isolated_margin,notes\nBTCUSDT,1,100,100,crossed,0,hello\n');
    expect(lines).toEqual([]);
    expect(books[0]!.positions[0]).toMatchObject({ marginMode: 'cross', isolatedMargin: null });
  });
});

describe('readAccountBooks: accounts and balances', () => {
  it('yields one book per account with its balances, accounts in any order in a small file, then balance-only accounts', async () => {
    const text = `${HEADER}\nb,BTCUSDT,long,1,100,100\na,ETHUSDT,short,1,10,10\nb,ETHUSDT,long,2,10,10\n`;
    const balances = [balance('a', 'USDT', 500), balance('b', 'USDT', 700), balance('z', 'USDT', 1)];
    const { books, lines } = await readText(text, {}, balances);
    expect(lines).toEqual([]);
    expect(books.map((b) => [b.account, b.positions.length, b.balances.map((x) => x.amount)])).toEqual([
      ['b', 2, [700]],
      ['a', 1, [500]],
      ['z', 0, [1]],
    ]);
  });

  it('gives --wallet to the file’s one account, in its settlement asset, whatever the account is called', async () => {
    const { books, lines } = await readText(`${HEADER}\ndesk,BTCUSDT,long,1,100,100\n`, {}, walletBalances(2500));
    expect(lines).toEqual([]);
    expect(books).toHaveLength(1);
    expect(books[0]!.balances).toEqual([{ account: 'desk', asset: 'USDT', amount: 2500, priceQuote: null, haircut: null, source: { file: '--wallet', line: 0 } }]);
  });

  it('refuses --wallet for a file of several accounts', async () => {
    const { books, lines } = await readText(`${HEADER}\na,BTCUSDT,long,1,100,100\nb,BTCUSDT,long,1,100,100\n`, {}, walletBalances(2500));
    expect(books).toEqual([]);
    expect(lines).toEqual([
      '--wallet: --wallet is the collateral of one account, but positions.csv holds several ("a", "b", …); give each account\'s collateral with --balances',
    ]);
  });

  it('refuses a wallet without an asset for an account settled in two assets', async () => {
    const text = 'symbol,size,entry_price,mark_price,instrument\nBTCUSDT,1,60000,60000,linear\nBTCUSD_PERP,100,60000,60000,inverse\n';
    const { books, lines } = await readText(text, {}, walletBalances(1000));
    expect(books).toEqual([]);
    expect(lines).toEqual([
      '--wallet: account "main" holds positions settled in BTC and USDT; a wallet amount without an asset cannot be placed: give the balance of each asset with --balances',
    ]);
  });

  it('requires one mark per symbol per account, but lets accounts differ', async () => {
    const text = `${HEADER}\na,BTCUSDT,long,1,100,100\nb,BTCUSDT,long,1,100,105\na,BTCUSDT,short,1,100,100.0\n`;
    const { books, lines } = await readText(text);
    expect(lines).toEqual([]);
    expect(books.map((b) => b.account)).toEqual(['a', 'b']);
  });
});

describe('readAccountBooks: memory bound', () => {
  it('hands out accounts as soon as the buffer limit is reached, then requires contiguous accounts', async () => {
    const rows = ['a', 'b', 'a', 'c', 'c', 'd', 'b'].map((account, k) => `${account},SYM${k}USDT,long,1,100,100`);
    const { books, lines, issues } = await readText(`${HEADER}\n${rows.join('\n')}\n`, { maxBufferedPositions: 3 });
    // After the 3rd position (line 4) a and b are held: b is closed at once (a is being read); c
    // closes a, d closes c, and b at line 8 resumes an account already closed.
    expect(books.map((b) => [b.account, b.positions.length])).toEqual([
      ['b', 1],
      ['a', 2],
      ['c', 2],
      ['d', 1],
    ]);
    expect(lines).toEqual([
      'positions.csv:8: column account: rows of this account resume here after it was closed at line 3; a file of more than 3 positions must keep each account\'s rows together: sort or group the rows by account (got "b")',
    ]);
    expect(issues[0]!.account).toBe('b');
  });

  it('reads any order below the limit', async () => {
    const rows = ['a', 'b', 'a', 'b', 'a'].map((account, k) => `${account},SYM${k}USDT,long,1,100,100`);
    const { books, lines } = await readText(`${HEADER}\n${rows.join('\n')}\n`, { maxBufferedPositions: 10 });
    expect(lines).toEqual([]);
    expect(books.map((b) => [b.account, b.positions.length])).toEqual([
      ['a', 3],
      ['b', 2],
    ]);
  });

  it('yields books while the file is still being read', async () => {
    let chunksRead = 0;
    async function* slowly(): AsyncGenerator<string> {
      yield `${HEADER}\n`;
      for (let k = 0; k < 5; k++) {
        chunksRead++;
        yield `acct${k},BTCUSDT,long,1,100,100\n`;
      }
    }
    const { readAccountBooks } = await import('../../src/import/index.js');
    const seenAt: number[] = [];
    for await (const _book of readAccountBooks(slowly(), 'p.csv', [], { defaultVenue: 'generic', maxBufferedPositions: 1 }, [])) seenAt.push(chunksRead);
    expect(seenAt).toEqual([2, 3, 4, 5, 5]);
  });
});

describe('readAccountBooks: one mark per symbol in large accounts', () => {
  it('finds a second mark for a symbol among more than 16 positions of one account', async () => {
    const rows = Array.from({ length: 30 }, (_, k) => `big,SYM${k}USDT,long,1,100,${100 + k}`);
    rows.push('big,SYM3USDT,short,1,100,103', 'big,SYM25USDT,short,1,100,999');
    const { books, lines } = await readText(`${HEADER}\n${rows.join('\n')}\n`);
    expect(lines).toEqual([
      'positions.csv:33: column mark_price: mark price differs from line 27 (125) for the same symbol in this account; give one mark per symbol (got "999")',
    ]);
    expect(books).toEqual([]);
  });
});
