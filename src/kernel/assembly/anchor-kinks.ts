// AssemblyScript (see gradient-scan.ts): the second lazy bound's kinks at a pool's anchor, computed
// only once a lazy scan needs them. The kinks K_a (lazy-bound.ts) enter the bound only at step
// ends beyond the bracket-safe radii (the hinge is 0 within them, and so is their σ's share), and on
// most books a scan ends at an exact step long before any end gets there; yet computing them cost
// a bracket walk (`kinkBound`) per member near an end of its smooth range at every anchor. So the
// kernel anchors without them (`anchorBounds`) and marks the pool (`kinksPending`); the first
// reader beyond the radii calls `ensureAnchorKinks`, which sums them here at the anchor, exactly as
// `health` with slopes would have there: the anchor's factors e^x from its log prices (the very
// exp of the very row the anchoring step used), each member's notional and bracket from them, and
// κ N for the members `addMemberSlope` would count, in member order, then e^δ K_a and
// Σ_a e^δ K_a sd_a as `anchorBounds` took them. Between an anchor and any later reading nothing
// changes the pool's quantities (a liquidation anchors anew, on the host, with its kinks), so the
// kinks are the ones the anchor would have had, to the bit. Anchors the host sets (path start,
// after a liquidation) come with their kinks and clear the mark (`copyPoolStart` on restore; a
// stale mark left beside a host anchor only recomputes the same values).

import { MEMBER_ASSET, MEMBER_ENTRY, MEMBER_MARK, MEMBER_INVERSE, MEMBER_ENTRY_BASIS, MEMBER_RECORD_BYTES, BRACKET_RATE, BRACKET_AMOUNT } from '../member-record';
import { nA, sdAt, memberStartAt, membersAt, mQuantityAt, anchorLogAt, anchorKinkAt, anchorKinkSigmaAt, kinksPendingAt, kinkFactorAt, f64At, setF64, i32At } from './kernel-memory';
import { memberKink } from './bracket-kinks';
import { bracketRecord, memberNotional, nearRangeEnd } from './pool-health';
import { priceFactors } from './price-factors';

/** Whether pool `pool`'s anchor kinks are still to be computed (`ensureAnchorKinks`). */
@inline export function kinksPending(pool: i32): bool {
  return load<u8>(kinksPendingAt + <usize>pool) == 1;
}

/** Mark pool `pool`'s anchor kinks as to be computed (1) or as computed (0). */
@inline export function setKinksPending(pool: i32, pending: bool): void {
  store<u8>(kinksPendingAt + <usize>pool, pending ? 1 : 0);
}

/**
 * Pool `pool`'s anchor kinks e^δ K_a (`anchorKink`, nA) and their σ Σ_a e^δ K_a sd_a
 * (`anchorKinkSigma`) at its anchor (`anchorLog`), if still pending; `growth` = e^δ.
 */
export function ensureAnchorKinks(pool: i32, growth: f64): void {
  if (!kinksPending(pool)) return;
  setKinksPending(pool, false);
  const n = nA;
  const base = <usize>(pool * n) << 3;
  const kink = anchorKinkAt + base;
  priceFactors(anchorLogAt + base, kinkFactorAt);
  for (let a = 0; a < n; a++) setF64(kink, a, 0);
  const kStart = i32At(memberStartAt, pool);
  let qAt = mQuantityAt + (<usize>kStart << 3);
  const qEnd = mQuantityAt + (<usize>i32At(memberStartAt, pool + 1) << 3);
  let m = membersAt + <usize>kStart * MEMBER_RECORD_BYTES;
  for (; qAt < qEnd; qAt += 8, m += MEMBER_RECORD_BYTES) {
    const q = load<f64>(qAt);
    if (q == 0) continue;
    if (load<u8>(m, MEMBER_ENTRY_BASIS) == 1) continue;
    const a = load<i32>(m, MEMBER_ASSET);
    const entry = load<f64>(m, MEMBER_ENTRY);
    const price = load<f64>(m, MEMBER_MARK) * f64At(kinkFactorAt, a);
    const notional = memberNotional(q, entry, price, load<u8>(m, MEMBER_INVERSE) == 1, false);
    const bracket = bracketRecord(m, notional);
    const rate = load<f64>(bracket, BRACKET_RATE);
    const raw = notional * rate - load<f64>(bracket, BRACKET_AMOUNT);
    if (nearRangeEnd(m, bracket, notional, raw)) setF64(kink, a, f64At(kink, a) + memberKink(m, bracket, notional, raw, rate));
  }
  let kinkSigma: f64 = 0;
  for (let a = 0; a < n; a++) {
    const k = growth * f64At(kink, a);
    setF64(kink, a, k);
    kinkSigma += k * f64At(sdAt, a);
  }
  setF64(anchorKinkSigmaAt, pool, kinkSigma);
}

/** `ensureAnchorKinks` as if pending, whatever the mark (the host's `anchorKinks`, for its tests). */
export function anchorKinksNow(pool: i32, growth: f64): void {
  setKinksPending(pool, true);
  ensureAnchorKinks(pool, growth);
}
