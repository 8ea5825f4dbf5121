// The pools' finite-number check written field by field, held to the report's generic guard on
// random pools (every number field finite, NaN, ±Infinity, or null where it may be).

import { describe, expect, it } from 'vitest';
import type { PoolEvaluation } from '../../../src/margin/evaluation.js';
import { POOL_NUMBERS, UNIFORM_MOVE_NUMBERS, poolNumbersFinite } from '../../../src/report/evaluate/finite-pool-numbers.js';
import { assertAllFinite } from '../../../src/report/format/find-non-finite.js';
import { sampleEvaluation } from '../sample-evaluation.js';

/** The generic guard's answer for `pools`. */
function genericallyFinite(pools: readonly PoolEvaluation[]): boolean {
  try {
    assertAllFinite(pools, 'pools');
    return true;
  } catch {
    return false;
  }
}

/** A deterministic generator of numbers in [0, 1). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const ODD = [Number.NaN, Infinity, -Infinity];

function randomPool(next: () => number, k: number): PoolEvaluation {
  const number = (nullable: boolean): number | null => {
    const u = next();
    if (u < 0.04) return ODD[Math.floor(next() * ODD.length)]!;
    if (nullable && u < 0.3) return null;
    if (u < 0.4) return 0;
    return (next() - 0.5) * 10 ** Math.floor(next() * 12 - 4);
  };
  return {
    poolId: `acct/isolated/p${k}`,
    marginMode: next() < 0.5 ? 'isolated' : 'cross',
    asset: 'USDT',
    positionIds: [`p${k}`],
    collateral: number(false)!,
    equity: number(false)!,
    maintenanceMargin: number(false)!,
    marginRatio: number(true),
    liquidatable: next() < 0.5,
    uniformMoveToLiquidation: { down: number(true), up: number(true) },
  };
}

describe('poolNumbersFinite', () => {
  it('passes the pools of an evaluation', () => {
    const sample = sampleEvaluation();
    for (const mode of ['exported', 'isolated', 'cross'] as const) expect(poolNumbersFinite(sample.modes[mode].pools)).toBe(true);
    expect(poolNumbersFinite([])).toBe(true);
  });

  it('finds a non-finite number in every numeric field, in any pool of the list', () => {
    const pool = sampleEvaluation().modes.exported.pools[0]!;
    const fields = Object.entries(POOL_NUMBERS).filter(([key, checked]) => checked && key !== 'uniformMoveToLiquidation');
    expect(fields.map(([key]) => key)).toEqual(['collateral', 'equity', 'maintenanceMargin', 'marginRatio']);
    for (const bad of ODD) {
      for (const [key] of fields) {
        const broken = { ...pool, [key]: bad } as PoolEvaluation;
        expect(poolNumbersFinite([pool, pool, broken])).toBe(false);
        expect(genericallyFinite([broken])).toBe(false);
      }
      for (const key of Object.keys(UNIFORM_MOVE_NUMBERS)) {
        const broken = { ...pool, uniformMoveToLiquidation: { ...pool.uniformMoveToLiquidation, [key]: bad } } as PoolEvaluation;
        expect(poolNumbersFinite([broken, pool])).toBe(false);
      }
    }
  });

  it('agrees with the generic guard on random pools', () => {
    const next = random(7);
    let refused = 0;
    for (let trial = 0; trial < 2000; trial++) {
      const pools = Array.from({ length: 1 + Math.floor(next() * 4) }, (_, k) => randomPool(next, k));
      const expected = genericallyFinite(pools);
      expect(poolNumbersFinite(pools)).toBe(expected);
      if (!expected) refused++;
    }
    // Both answers were met many times.
    expect(refused).toBeGreaterThan(200);
    expect(refused).toBeLessThan(1800);
  });
});
