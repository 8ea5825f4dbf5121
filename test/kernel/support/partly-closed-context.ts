// Test helper: a kernel context of a random account in the state a path can leave its pools in,
// members partly closed and the collateral held or seized, for tests that evaluate a pool's
// health there (gradient-scan.test.ts, lazy-bound.test.ts).

import type fc from 'fast-check';
import { createKernelContext } from '../../../src/kernel/kernel-context.js';
import type { KernelContext } from '../../../src/kernel/kernel-context-types.js';
import type { PathLayout } from '../../../src/kernel/path-layout.js';
import { testAccount } from './kernel-fixtures.js';
import type { randomAccountArb } from './random-books.js';

type RandomAccount = typeof randomAccountArb extends fc.Arbitrary<infer A> ? A : never;

/**
 * The account compiled on `layout` (continuous monitoring, no slippage) with member k's quantity
 * scaled by keep[k % keep.length] and every pool's collateral scaled by `collateralScale`.
 */
export function partlyClosedContext(input: RandomAccount, layout: PathLayout, keep: readonly number[], collateralScale: number): KernelContext {
  const ctx = createKernelContext(testAccount(input.positions, input.balances).book, layout, { slippageBps: 0, monitoring: 'continuous' });
  const st = ctx.state;
  st.memberQuantity.set(ctx.initialMemberQuantity);
  for (let k = 0; k < st.memberQuantity.length; k++) st.memberQuantity[k]! *= keep[k % keep.length]!;
  st.poolCash.set(ctx.book.poolCash);
  st.poolCollateralScale.fill(collateralScale);
  return ctx;
}
