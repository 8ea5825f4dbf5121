// A pool repeated from an earlier mode takes that mode's evaluation back (repeated-pools.ts): every
// liquidation price of every mode must still be the one a fresh search of its own pool finds, and
// every pool's figures those of its own pool.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AccountBook } from '../../src/domain/account-book.js';
import type { Position } from '../../src/domain/position.js';
import { accountCollateral } from '../../src/margin/account-collateral.js';
import { evaluateAccount } from '../../src/margin/evaluate-account.js';
import { MODE_NAMES } from '../../src/margin/evaluation.js';
import { liquidationPrice } from '../../src/margin/liquidation-price.js';
import { buildAllModePools, buildModePools } from '../../src/margin/mode-pools.js';
import { poolCollateral, poolEquity, poolMaintenance } from '../../src/margin/pool-health.js';
import { samePoolContents } from '../../src/margin/repeated-pools.js';
import { uniformMoveToLiquidation } from '../../src/margin/uniform-move.js';
import { resolveAccount } from '../../src/margin/resolve-schedules.js';
import type { TierBook } from '../../src/venues/tier-book.js';
import { makePosition } from '../support/make-position.js';
import { LEGACY_BINANCE_BTCUSDT } from '../support/tier-tables.js';

const tierBook: TierBook = new Map([['generic', new Map([['BTCUSDT', LEGACY_BINANCE_BTCUSDT], ['BTCUSDC', LEGACY_BINANCE_BTCUSDT], ['BTCUSD', LEGACY_BINANCE_BTCUSDT]])]]);

const rowArb = fc.record({
  side: fc.constantFrom<'long' | 'short'>('long', 'short'),
  size: fc.double({ min: 0.01, max: 200, noNaN: true }),
  leverage: fc.integer({ min: 1, max: 100 }),
  isolated: fc.boolean(),
});

/** Row i as a position entered at 60,000 and marked at 61,000 (an isolated one with its leverage's margin). */
function rowPosition(r: { side: 'long' | 'short'; size: number; leverage: number; isolated: boolean; symbol?: string }, i: number): Position {
  const symbol = r.symbol ?? 'BTCUSDT';
  return makePosition({
    positionId: `p${i}`,
    symbol,
    ...(symbol === 'BTCUSD' ? { instrument: 'inverse' as const } : {}),
    side: r.side,
    size: r.size,
    entryPrice: 60_000,
    markPrice: 61_000,
    leverage: r.leverage,
    marginMode: r.isolated ? 'isolated' : 'cross',
    isolatedMargin: r.isolated ? (r.size * 60_000) / r.leverage : null,
  });
}

function bookOf(rows: readonly { side: 'long' | 'short'; size: number; leverage: number; isolated: boolean }[], wallet: number): AccountBook {
  const positions: Position[] = rows.map(rowPosition);
  return { account: 'main', positions, balances: [{ account: 'main', asset: 'USDT', amount: wallet, priceQuote: null, haircut: null, source: { file: 'b', line: 2 } }] };
}

/** The book evaluated, with the resolved positions and collateral its mode pools are built from. */
function evaluatedWithInputs(book: AccountBook) {
  const { evaluation } = evaluateAccount(book, { tierBook, allocation: 'leverage' });
  const { resolved } = resolveAccount(book, tierBook);
  const { collateral } = accountCollateral(book.positions, book.balances);
  return { evaluation, resolved, collateral };
}

describe('pool searches reused across modes', () => {
  it('gives every position of every mode the liquidation price of a fresh search of its pool', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 5 }), fc.double({ min: 0, max: 2_000_000, noNaN: true }), (rows, wallet) => {
        const book = bookOf(rows, wallet);
        const { evaluation, resolved, collateral } = evaluatedWithInputs(book);
        for (const mode of MODE_NAMES) {
          for (const pool of buildModePools(mode, resolved!, collateral, 'leverage').pools) {
            for (const { position } of pool.members) {
              const evaluated = evaluation!.modes[mode].positions.find((p) => p.positionId === position.positionId)!;
              expect(evaluated.liquidationPrice).toBe(liquidationPrice(pool, position.symbol));
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives every pool of every mode its own pool\'s figures, an isolated row\'s evaluation one object in two modes', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 5 }), fc.double({ min: 0, max: 2_000_000, noNaN: true }), (rows, wallet) => {
        const book = bookOf(rows, wallet);
        const { evaluation, resolved, collateral } = evaluatedWithInputs(book);
        for (const mode of MODE_NAMES) {
          const pools = buildModePools(mode, resolved!, collateral, 'leverage').pools;
          const evaluated = evaluation!.modes[mode];
          expect(evaluated.pools.map((p) => p.poolId)).toEqual(pools.map((p) => p.poolId));
          pools.forEach((pool, i) => {
            const figures = evaluated.pools[i]!;
            expect(figures.equity).toBe(poolEquity(pool));
            expect(figures.maintenanceMargin).toBe(poolMaintenance(pool));
            expect(figures.collateral).toBe(poolCollateral(pool));
            expect(figures.marginMode).toBe(pool.marginMode);
            expect(figures.uniformMoveToLiquidation).toEqual(uniformMoveToLiquidation(pool));
            for (const { position } of pool.members) {
              const row = evaluated.positions.find((p) => p.positionId === position.positionId)!;
              expect(row.poolId).toBe(pool.poolId);
              expect(row.margin).toBe(poolCollateral(pool));
              expect(row.marginMode).toBe(pool.marginMode);
            }
          });
        }
        book.positions.forEach((p) => {
          const inExported = evaluation!.modes.exported.positions.find((e) => e.positionId === p.positionId);
          const inIsolated = evaluation!.modes.isolated.positions.find((e) => e.positionId === p.positionId);
          if (p.marginMode === 'isolated') expect(inIsolated).toBe(inExported);
          else expect(inIsolated).not.toBe(inExported);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('takes the exported mode\'s cross pool for the cross mode only when no row is isolated', () => {
    const allCross = bookOf([{ side: 'long', size: 2, leverage: 10, isolated: false }], 50_000);
    const { resolved } = resolveAccount(allCross, tierBook);
    const { collateral } = accountCollateral(allCross.positions, allCross.balances);
    const exported = buildModePools('exported', resolved!, collateral, 'leverage').pools;
    const cross = buildModePools('cross', resolved!, collateral, 'leverage').pools;
    expect(exported).toHaveLength(1);
    expect(samePoolContents(exported[0]!, cross[0]!)).toBe(true);

    const mixed = bookOf([{ side: 'long', size: 2, leverage: 10, isolated: false }, { side: 'short', size: 1, leverage: 5, isolated: true }], 50_000);
    const r = resolveAccount(mixed, tierBook).resolved!;
    const c = accountCollateral(mixed.positions, mixed.balances).collateral;
    const exportedCross = buildModePools('exported', r, c, 'leverage').pools.find((p) => p.marginMode === 'cross')!;
    const crossPool = buildModePools('cross', r, c, 'leverage').pools[0]!;
    expect(samePoolContents(exportedCross, crossPool)).toBe(false);
    // The isolated row's pool is the same in the exported and isolated modes.
    const exportedIsolated = buildModePools('exported', r, c, 'leverage').pools.find((p) => p.marginMode === 'isolated')!;
    const isolatedOfIt = buildModePools('isolated', r, c, 'leverage').pools.find((p) => p.poolId === exportedIsolated.poolId)!;
    expect(samePoolContents(exportedIsolated, isolatedOfIt)).toBe(true);
    expect(isolatedOfIt.cashCollateral).toBe(12_000);
  });
});

describe('the three modes built at once', () => {
  const settledRowArb = fc.record({
    side: fc.constantFrom<'long' | 'short'>('long', 'short'),
    size: fc.double({ min: 0.01, max: 200, noNaN: true }),
    leverage: fc.integer({ min: 1, max: 100 }),
    isolated: fc.boolean(),
    symbol: fc.constantFrom('BTCUSDT', 'BTCUSDC', 'BTCUSD'),
  });
  const balanceArb = fc.record({ asset: fc.constantFrom('USDT', 'USDC', 'BTC', 'ETH'), amount: fc.double({ min: 0, max: 500_000, noNaN: true }) });

  it('are the pools buildModePools builds for each mode, an isolated row\'s pool one object in the exported and isolated modes', () => {
    fc.assert(
      fc.property(fc.array(settledRowArb, { minLength: 1, maxLength: 6 }), fc.array(balanceArb, { maxLength: 3 }), fc.constantFrom('leverage', 'notional', 'equal-risk' as const), (rows, balances, policy) => {
        const book: AccountBook = {
          account: 'main',
          positions: rows.map(rowPosition),
          balances: balances.map((b, i) => ({ account: 'main', asset: b.asset, amount: b.amount, priceQuote: b.asset === 'ETH' ? 3_000 : null, haircut: null, source: { file: 'b', line: i + 2 } })),
        };
        const { resolved } = resolveAccount(book, tierBook);
        const { collateral } = accountCollateral(book.positions, book.balances);
        const all = buildAllModePools(resolved!, collateral, policy);
        for (const mode of MODE_NAMES) expect(all[mode]).toEqual(buildModePools(mode, resolved!, collateral, policy));
        for (const pool of all.exported.pools) {
          if (pool.marginMode === 'isolated') expect(all.isolated.pools).toContain(pool);
        }
      }),
      { numRuns: 300 },
    );
  });
});
