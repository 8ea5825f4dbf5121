// The uniform thresholds of liquidation monitoring, hashed when first needed from the path's two
// random words and a key naming what each is for (keyed-uniform.ts): an asset's lower or upper
// barrier (shared by every barrier pool on it), a wallet (gradient pools), or a pool's n-th
// liquidation event (threshold-keys.ts). Keyed, so the values do not depend on when or in what
// order they are drawn.

import type { KernelContext } from './kernel-context-types.js';
import { KEY_ASSET_UPPER, keyedUniform } from './keyed-uniform.js';
import { firstLowerKey, poolEventKey } from './threshold-keys.js';

/**
 * The pool's uniform threshold for its lower (or only) side, hashed on first use. Keyed, so the
 * value does not depend on when it is drawn: an asset's lower / upper threshold for barrier
 * pools, the wallet's for gradient pools, and after the n-th event the pool's own (renewThresholds).
 */
export function thresholdLow(ctx: KernelContext, pool: number, word0: number, word1: number): number {
  const st = ctx.state;
  let u = st.poolThresholdLow[pool]!;
  if (Number.isNaN(u)) {
    const book = ctx.book;
    const events = st.poolEvents[pool]!;
    u =
      events > 0
        ? keyedUniform(word0, word1, poolEventKey(book, pool), 2 * events, st.hashScratch)
        : keyedUniform(word0, word1, firstLowerKey(book, pool), 0, st.hashScratch);
    st.poolThresholdLow[pool] = u;
  }
  return u;
}

/** The barrier pool's upper threshold, hashed on first use (see thresholdLow). */
export function thresholdHigh(ctx: KernelContext, pool: number, word0: number, word1: number): number {
  const st = ctx.state;
  let u = st.poolThresholdHigh[pool]!;
  if (Number.isNaN(u)) {
    const events = st.poolEvents[pool]!;
    u =
      events > 0
        ? keyedUniform(word0, word1, poolEventKey(ctx.book, pool), 2 * events + 1, st.hashScratch)
        : keyedUniform(word0, word1, KEY_ASSET_UPPER | ctx.book.poolBarrierAsset[pool]!, 0, st.hashScratch);
    st.poolThresholdHigh[pool] = u;
  }
  return u;
}

/** Fresh thresholds after the pool survived a liquidation event (its n-th), drawn when needed. */
export function renewThresholds(ctx: KernelContext, pool: number): void {
  const st = ctx.state;
  const events = st.poolEvents[pool]! + 1;
  st.poolEvents[pool] = events;
  st.poolSurvivalLow[pool] = 1;
  st.poolSurvivalHigh[pool] = 1;
  st.poolThresholdLow[pool] = NaN;
  st.poolThresholdHigh[pool] = NaN;
}
