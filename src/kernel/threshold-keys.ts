// The keys of a pool's monitoring thresholds (keyed-uniform.ts): before any event, its asset's
// barrier (barrier pools) or its wallet (gradient pools); after its n-th liquidation event, its own
// event key. Read by the TypeScript draws (monitor-thresholds.ts) and written into the gradient
// kernel's table of keys (gradient-scan.ts), so both draw from the same keys.

import { NO_ASSET, type CompiledBook } from './compiled-book.js';
import { KEY_ASSET_LOWER, KEY_CROSS_EVENT, KEY_ISOLATED_EVENT, KEY_WALLET } from './keyed-uniform.js';

/** Key of the event thresholds of a pool: its position for an isolated pool, else its wallet. */
export function poolEventKey(book: CompiledBook, pool: number): number {
  return book.poolIsolated[pool] === 1
    ? KEY_ISOLATED_EVENT | book.memberPosition[book.poolMemberStart[pool]!]!
    : KEY_CROSS_EVENT | book.poolWallet[pool]!;
}

/**
 * Key of the pool's lower (or only) threshold before any event (counter 0): its asset's lower
 * barrier for a barrier pool, its wallet for a gradient pool. (After the n-th event the key is
 * `poolEventKey`, counter 2n.) The gradient kernel reads both keys from a table of them.
 */
export function firstLowerKey(book: CompiledBook, pool: number): number {
  const a = book.poolBarrierAsset[pool]!;
  return a !== NO_ASSET ? KEY_ASSET_LOWER | a : KEY_WALLET | book.poolWallet[pool]!;
}
