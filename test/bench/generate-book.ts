// Benchmark input: a large, realistic canonical positions.csv written to disk in chunks
// (accounts contiguous, mixed symbols, sides, modes and leverage), plus its balances.csv.

import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const SYMBOLS = [
  ['BTCUSDT', 91_000],
  ['ETHUSDT', 3_000],
  ['SOLUSDT', 135],
  ['XRPUSDT', 2.1],
  ['DOGEUSDT', 0.15],
  ['BNBUSDT', 880],
  ['ADAUSDT', 0.42],
  ['LINKUSDT', 13.5],
  ['AVAXUSDT', 13],
  ['LTCUSDT', 82],
] as const;

/** Deterministic 32-bit generator for reproducible benchmark files (not for simulation). */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

export interface GeneratedBook {
  readonly positionsPath: string;
  readonly balancesPath: string;
  readonly positions: number;
  readonly accounts: number;
}

/** Write `positions` rows over accounts of `perAccount` positions each. */
export async function generateBook(dir: string, positions: number, perAccount = 10): Promise<GeneratedBook> {
  const random = lcg(42);
  const positionsPath = `${dir}/positions-${positions}.csv`;
  const balancesPath = `${dir}/balances-${positions}.csv`;
  const out = createWriteStream(positionsPath);
  const balances = createWriteStream(balancesPath);
  out.write('account,position_id,symbol,side,size,entry_price,mark_price,margin_mode,isolated_margin,leverage,venue\n');
  balances.write('account,asset,amount\n');
  const accounts = Math.ceil(positions / perAccount);
  let written = 0;
  let buffer = '';
  for (let a = 0; a < accounts; a++) {
    const account = `acct${a}`;
    balances.write(`${account},USDT,${(5_000 + random() * 200_000).toFixed(2)}\n`);
    for (let k = 0; k < perAccount && written < positions; k++, written++) {
      const [symbol, mark] = SYMBOLS[k % SYMBOLS.length]!;
      const side = random() < 0.6 ? 'long' : 'short';
      const leverage = [2, 3, 5, 10, 20, 50][Math.floor(random() * 6)]!;
      const notional = 1_000 + random() * 100_000;
      const size = notional / mark;
      const entry = mark * (1 + (random() - 0.5) * 0.1);
      const isolated = random() < 0.3;
      const margin = isolated ? ((size * entry) / leverage).toFixed(4) : '';
      buffer += `${account},${account}-${k},${symbol},${side},${size.toPrecision(8)},${entry.toPrecision(8)},${mark},${isolated ? 'isolated' : 'cross'},${margin},${leverage},${k % 2 === 0 ? 'binance-usdm' : 'generic'}\n`;
      if (buffer.length > 1 << 16) {
        if (!out.write(buffer)) await once(out, 'drain');
        buffer = '';
      }
    }
  }
  out.write(buffer);
  out.end();
  balances.end();
  await Promise.all([once(out, 'finish'), once(balances, 'finish')]);
  return { positionsPath, balancesPath, positions, accounts };
}
