// The path kernel's fixed benchmark workload, for the benchmark suite to call: one cross account,
// 20 positions on 10 assets (a long and a short per asset, leverage 3–20x), correlated GBM
// (annual vol 60–150 %, correlation 0.6), 96 steps over 24 h, generic Binance-style brackets.
// Throughput is counted in position-steps = paths × steps × positions, once (not per mode).

import type { AccountBook } from '../domain/account-book.js';
import type { Position } from '../domain/position.js';
import type { Tier, TierTable } from '../domain/tier.js';
import { accountCollateral } from '../margin/account-collateral.js';
import { resolveAccount } from '../margin/resolve-schedules.js';
import { choleskyLower } from '../scenarios/correlation/cholesky.js';
import { constantCorrelation } from '../scenarios/correlation/constant-correlation.js';
import type { GbmModelSpec } from '../scenarios/models/gbm-model.js';
import type { TierBook } from '../venues/tier-book.js';
import { compileBook } from './compile-book.js';
import type { CompiledBook } from './compiled-book.js';

const ASSETS = ['ADA', 'AVAX', 'BNB', 'BTC', 'DOGE', 'DOT', 'ETH', 'LINK', 'SOL', 'XRP'] as const;
const MARKS = [0.45, 35, 600, 60_000, 0.15, 7, 3_000, 15, 150, 0.6];
const VOLS = [1.1, 1.2, 0.7, 0.6, 1.5, 1.1, 0.75, 1.1, 1.0, 1.0];
const CORRELATION = 0.6;
const HORIZON_HOURS = 24;

/** Brackets 1 % to 100k, 2 % to 1M, 5 % beyond, amounts by the continuity recursion. */
function benchmarkTable(symbol: string): TierTable {
  const rows: [number, number, number][] = [
    [100_000, 0.01, 50],
    [1_000_000, 0.02, 25],
    [Infinity, 0.05, 10],
  ];
  const tiers: Tier[] = [];
  let floor = 0;
  let amount = 0;
  let previousRate = 0;
  for (const [cap, rate, maxLeverage] of rows) {
    amount = tiers.length === 0 ? 0 : amount + floor * (rate - previousRate);
    tiers.push({ floor, cap, maintenanceMarginRate: rate, maintenanceAmount: amount, maxLeverage, initialMarginRate: null, liquidationFeeRate: null });
    previousRate = rate;
    floor = cap;
  }
  return { symbol, measure: 'notional', tiers, source: 'benchmark', snapshotDate: 'benchmark' };
}

export interface BenchmarkWorkload {
  readonly book: CompiledBook;
  readonly modelSpec: GbmModelSpec;
  readonly modelAssets: readonly string[];
  readonly correlation: Float64Array;
}

/**
 * The fixed account and model, with `steps` monitoring steps over 24 h (default 96) and
 * `walletUsdt` of collateral (default 450,000: far from liquidation; about 40,000 puts the cross
 * account near its boundary).
 */
export function benchmarkWorkload(steps = 96, walletUsdt = 450_000): BenchmarkWorkload {
  const positions: Position[] = [];
  ASSETS.forEach((asset, a) => {
    const symbol = `${asset}USDT`;
    const mark = MARKS[a]!;
    for (const side of ['long', 'short'] as const) {
      const notional = side === 'long' ? 150_000 + 20_000 * a : 60_000 + 10_000 * a;
      positions.push({
        positionId: `${asset}-${side}`,
        account: 'bench',
        symbol,
        side,
        size: notional / mark,
        entryPrice: mark * (side === 'long' ? 0.98 : 1.01),
        markPrice: mark,
        marginMode: 'cross',
        isolatedMargin: null,
        leverage: 3 + ((a * 7 + (side === 'long' ? 0 : 3)) % 18),
        instrument: 'linear',
        contractSize: 1,
        venue: 'generic',
        settlementAsset: 'USDT',
        quoteAsset: 'USDT',
        baseAsset: asset,
        source: { file: 'benchmark', line: positions.length + 2 },
      });
    }
  });
  const book: AccountBook = {
    account: 'bench',
    positions,
    balances: [{ account: 'bench', asset: 'USDT', amount: walletUsdt, priceQuote: null, haircut: null, source: { file: 'benchmark', line: 1 } }],
  };
  const tierBook: TierBook = new Map([['generic', new Map(ASSETS.map((a) => [`${a}USDT`, benchmarkTable(`${a}USDT`)]))]]);
  const { resolved } = resolveAccount(book, tierBook);
  if (resolved === null) throw new Error('benchmarkWorkload: the fixed account did not resolve');
  const { collateral } = accountCollateral(positions, book.balances);
  const correlationRows = constantCorrelation(ASSETS.length, CORRELATION);
  return {
    book: compileBook(resolved, collateral, 'leverage'),
    modelSpec: { volAnnual: VOLS, choleskyFactor: choleskyLower(correlationRows), nSteps: steps, dtYears: HORIZON_HOURS / steps / (24 * 365) },
    modelAssets: ASSETS,
    correlation: Float64Array.from(correlationRows.flat()),
  };
}
