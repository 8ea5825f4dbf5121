// The uniform move searched only as far as the verdict reads it (nearerUniformMove, the evaluate
// CSV's) against the exact one (uniformMoveToLiquidation): the same `down`, bit for bit; `up` the
// same wherever it is the nearer side (else null); so min(down, up), the distance lens's figure,
// the same; 0 and 0 for a pool liquidatable now. Random cross pools of many linear members on
// several tier tables (the bracket walk's edge lists), longs and shorts, wallets from none to ample.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Pool, PoolMember } from '../../src/margin/pool.js';
import { nearerUniformMove, uniformMoveToLiquidation } from '../../src/margin/uniform-move.js';
import { nearestUniformMove } from '../../src/verdict/account-verdict.js';
import { notionalBracketSchedule } from '../../src/venues/bracket-schedule.js';
import { makePosition } from '../support/make-position.js';
import { LEGACY_BINANCE_BTCUSDT, notionalTable } from '../support/tier-tables.js';

const SCHEDULES = [
  notionalBracketSchedule(LEGACY_BINANCE_BTCUSDT),
  notionalBracketSchedule(
    notionalTable('ETHUSDT', [
      [10_000, 0.005, 100],
      [50_000, 0.01, 50],
      [250_000, 0.02, 25],
      [1_000_000, 0.05, 10],
      [Infinity, 0.1, 5],
    ]),
  ),
];

const memberArb = fc.record({
  table: fc.integer({ min: 0, max: SCHEDULES.length - 1 }),
  long: fc.boolean(),
  /** Size 10^sizeLog: notionals from about 1 to 10 million, across every floor. */
  sizeLog: fc.double({ min: -2, max: 3.5, noNaN: true }),
  entry: fc.double({ min: 50, max: 5_000, noNaN: true }),
  move: fc.double({ min: 0.5, max: 2, noNaN: true }),
});

/** A member and, half the time, its hedge: the opposite side on the other table, of a size within a factor 2. */
const pairArb = fc.record({ member: memberArb, hedged: fc.boolean(), hedgeSizeLog: fc.double({ min: -0.3, max: 0.3, noNaN: true }) }).map(({ member, hedged, hedgeSizeLog }) =>
  hedged ? [member, { ...member, table: 1 - member.table, long: !member.long, sizeLog: member.sizeLog + hedgeSizeLog }] : [member],
);

/** Pools of hedged pairs have roots on both sides (maintenance outgrows the net PnL either way). */
const poolArb = fc.record({
  members: fc.array(pairArb, { minLength: 1, maxLength: 30 }).map((pairs) => pairs.flat()),
  wallet: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 5e6, noNaN: true })),
});

/** A pool drawn by `poolArb`. */
type PoolSpec = typeof poolArb extends fc.Arbitrary<infer T> ? T : never;

function pool(spec: PoolSpec): Pool {
  const members: PoolMember[] = spec.members.map((m, i) => ({
    position: makePosition({
      symbol: m.table === 0 ? 'BTCUSDT' : 'ETHUSDT',
      positionId: `p${i}`,
      side: m.long ? 'long' : 'short',
      size: 10 ** m.sizeLog,
      entryPrice: m.entry,
      markPrice: m.entry * m.move,
    }),
    schedule: SCHEDULES[m.table]!,
  }));
  return { poolId: 'cross', account: 'main', marginMode: 'cross', asset: 'USDT', cashCollateral: spec.wallet, assetCollateral: [], members };
}

describe('nearerUniformMove', () => {
  it('gives the exact move where the verdict reads it: down, up where nearer, min(down, up)', () => {
    let upNearer = 0;
    fc.assert(
      fc.property(poolArb, (spec) => {
        const p = pool(spec);
        const exact = uniformMoveToLiquidation(p);
        const nearer = nearerUniformMove(p);
        if (exact.up !== null && exact.down !== null && exact.up <= exact.down) upNearer++;
        expect(Object.is(nearer.down, exact.down)).toBe(true);
        if (exact.up !== null && (exact.down === null || exact.up <= exact.down)) expect(Object.is(nearer.up, exact.up)).toBe(true);
        else expect(nearer.up).toBeNull();
        for (const liquidatable of [false, true]) expect(Object.is(nearestUniformMove(nearer, liquidatable), nearestUniformMove(exact, liquidatable))).toBe(true);
      }),
      { numRuns: 2000 },
    );
    // The cases the shortened search must get right (up the nearer side, or 0 and 0 now) are common.
    expect(upNearer).toBeGreaterThan(100);
  });

  it('a pool liquidatable now moves by 0 either way, as the exact move says', () => {
    const p = pool({ members: [{ table: 0, long: true, sizeLog: 1, entry: 1_000, move: 0.8 }], wallet: 0 });
    expect(uniformMoveToLiquidation(p)).toEqual({ down: 0, up: 0 });
    expect(nearerUniformMove(p)).toEqual({ down: 0, up: 0 });
  });
});
