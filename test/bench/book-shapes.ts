// Benchmark books of other shapes than the fixed workloads: 1 to 50 assets, margin ratios from
// 30 % to 95 % (95 %: accounts near their boundary), cross only or mixed isolated/cross, one
// account or many. Written as canonical positions, balances and tier files (synthetic symbols
// A01USDT…, four brackets each, as the anchors' tiers.csv), deterministic.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BookShape {
  readonly name: string;
  readonly assets: number;
  readonly positionsPerAccount: number;
  readonly accounts: number;
  /** Target maintenance / equity of each account's cross pool (0.3 to 0.95). */
  readonly marginRatio: number;
  /** Share of positions written as isolated (with margin size·entry/leverage). */
  readonly isolatedShare: number;
}

export interface ShapeBook {
  readonly positionsPath: string;
  readonly balancesPath: string;
  readonly tiersPath: string;
  /** `--vol SYMBOL=VOL` for every asset. */
  readonly volArgs: readonly string[];
  /** The first account's wallet (the single-account Monte Carlo workloads take it as --wallet). */
  readonly wallet: number;
  readonly positions: number;
}

/** Brackets of every synthetic symbol, scaled from the anchors' BTCUSDT table: floor, cap, rate, amount. */
const BRACKETS: readonly (readonly [number, number, number, number])[] = [
  [0, 50_000, 0.004, 0],
  [50_000, 250_000, 0.005, 50],
  [250_000, 1_000_000, 0.01, 1_300],
  [1_000_000, 1e12, 0.025, 16_300],
];

function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

function maintenance(notional: number): number {
  const [, , rate, amount] = BRACKETS.find(([floor, cap]) => notional >= floor && notional < cap) ?? BRACKETS[BRACKETS.length - 1]!;
  return Math.max(0, notional * rate - amount);
}

const symbolOf = (a: number): string => `A${String(a + 1).padStart(2, '0')}USDT`;

/** Writes the shape's files into `dir` and says where they are. */
export function writeShapeBook(dir: string, shape: BookShape): ShapeBook {
  const random = lcg(7 + shape.assets * 131 + Math.round(shape.marginRatio * 100));
  const marks = Array.from({ length: shape.assets }, (_, a) => [90_000, 3_000, 135, 2.1, 0.15, 880, 0.42, 13.5, 13, 82][a % 10]! * (1 + Math.floor(a / 10) * 0.1));
  const vols = Array.from({ length: shape.assets }, (_, a) => (0.55 + 0.05 * (a % 10)).toFixed(2));
  let tiers = 'symbol,notional_floor,notional_cap,maintenance_margin_rate,maintenance_amount,max_leverage\n';
  for (let a = 0; a < shape.assets; a++) for (const [floor, cap, rate, amount] of BRACKETS) tiers += `${symbolOf(a)},${floor},${cap},${rate},${amount},${Math.round(0.5 / rate)}\n`;
  const positionRows: string[] = ['account,position_id,symbol,side,size,entry_price,mark_price,margin_mode,isolated_margin,leverage'];
  const balanceRows: string[] = ['account,asset,amount'];
  let firstWallet = 0;
  for (let acc = 0; acc < shape.accounts; acc++) {
    const account = `acct${acc}`;
    let mm = 0;
    let pnl = 0;
    let isolatedMargins = 0;
    for (let k = 0; k < shape.positionsPerAccount; k++) {
      const a = (k + acc) % shape.assets;
      const mark = marks[a]!;
      const side = random() < 0.55 ? 'long' : 'short';
      const leverage = [5, 10, 20][k % 3]!;
      const notional = 5_000 + random() * 95_000;
      const size = Number((notional / mark).toPrecision(8));
      const entry = Number((mark * (1 + (random() - 0.5) * 0.04)).toPrecision(8));
      const isolated = random() < shape.isolatedShare;
      const margin = isolated ? Number(((size * entry) / leverage).toFixed(4)) : 0;
      mm += maintenance(size * mark);
      pnl += (side === 'long' ? 1 : -1) * size * (mark - entry);
      isolatedMargins += margin;
      positionRows.push(`${account},${account}-${k},${symbolOf(a)},${side},${size},${entry},${mark},${isolated ? 'isolated' : 'cross'},${isolated ? margin : ''},${leverage}`);
    }
    // Cross mode: wallet + isolated margins + PnL = equity = MM / ratio.
    const wallet = Math.max(1, mm / shape.marginRatio - pnl - isolatedMargins);
    if (acc === 0) firstWallet = Number(wallet.toFixed(2));
    balanceRows.push(`${account},USDT,${wallet.toFixed(2)}`);
  }
  const base = join(dir, shape.name.replace(/[^a-z0-9]+/gi, '-'));
  const book: ShapeBook = {
    positionsPath: `${base}-positions.csv`,
    balancesPath: `${base}-balances.csv`,
    tiersPath: `${base}-tiers.csv`,
    volArgs: vols.flatMap((v, a) => ['--vol', `${symbolOf(a)}=${v}`]),
    wallet: firstWallet,
    positions: shape.accounts * shape.positionsPerAccount,
  };
  writeFileSync(book.positionsPath, `${positionRows.join('\n')}\n`);
  writeFileSync(book.balancesPath, `${balanceRows.join('\n')}\n`);
  writeFileSync(book.tiersPath, tiers);
  return book;
}

/** One-account books for the Monte Carlo anchors (the anchors evaluate one account). */
export const MONTE_CARLO_SHAPES: readonly BookShape[] = [
  { name: '1 asset, 4 positions, ratio 52 %', assets: 1, positionsPerAccount: 4, accounts: 1, marginRatio: 0.52, isolatedShare: 0 },
  { name: '50 assets, 100 positions, ratio 52 %', assets: 50, positionsPerAccount: 100, accounts: 1, marginRatio: 0.52, isolatedShare: 0 },
  { name: '10 assets, 20 positions, ratio 30 %', assets: 10, positionsPerAccount: 20, accounts: 1, marginRatio: 0.3, isolatedShare: 0 },
  { name: '10 assets, 20 positions, ratio 95 % (near the boundary)', assets: 10, positionsPerAccount: 20, accounts: 1, marginRatio: 0.95, isolatedShare: 0 },
  { name: '10 assets, 20 positions, half isolated, ratio 52 %', assets: 10, positionsPerAccount: 20, accounts: 1, marginRatio: 0.52, isolatedShare: 0.5 },
];

/** A book of several accounts for the Monte Carlo (marginscope only: the anchors model one account). */
export const SEVERAL_ACCOUNTS_SHAPE: BookShape = { name: '3 accounts x 20 positions, 20 assets, 30 % isolated, ratio 70 %', assets: 20, positionsPerAccount: 20, accounts: 3, marginRatio: 0.7, isolatedShare: 0.3 };

/**
 * A batch of accounts for the Monte Carlo: many small accounts with few paths each, where a run's
 * fixed costs (worker threads, warm-up) weigh most; timed on 1 and 2 threads.
 */
export const BATCH_ACCOUNTS_SHAPE: BookShape = { name: '20 accounts x 20 positions, 10 assets, 30 % isolated, ratio 70 %, 10,000 paths each', assets: 10, positionsPerAccount: 20, accounts: 20, marginRatio: 0.7, isolatedShare: 0.3 };

/** Many-account books for evaluate throughput (100,000 positions each). */
export const EVALUATE_SHAPES: readonly BookShape[] = [
  { name: '10,000 accounts x 10 positions, 1 asset, ratio 52 %', assets: 1, positionsPerAccount: 10, accounts: 10_000, marginRatio: 0.52, isolatedShare: 0 },
  { name: '2,000 accounts x 50 positions, 50 assets, ratio 30 %', assets: 50, positionsPerAccount: 50, accounts: 2_000, marginRatio: 0.3, isolatedShare: 0 },
  { name: '1,000 accounts x 100 positions, 10 assets, mixed, ratio 95 %', assets: 10, positionsPerAccount: 100, accounts: 1_000, marginRatio: 0.95, isolatedShare: 0.5 },
];
