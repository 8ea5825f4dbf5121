// How the `isolated` mode splits a cross wallet into per-position margins, on the same capital.
//   leverage   (default): margin_i = entry notional_i / leverage_i (row leverage, else the
//              venue default); what is left stays free balance, untouched by any liquidation.
//   notional:  the whole wallet split in proportion to current notional.
//   equal-risk: the whole wallet split so every position sits at the same distance from its own
//              liquidation price (solved by bisection on the common distance).
// When the wallet cannot cover every allocation (leverage policy), all are scaled down pro rata.

import { sideSign } from '../domain/position.js';
import type { AllocationPolicy } from './evaluation.js';
import { maintenanceMarginSettlement, notionalSettlement, unrealizedPnlSettlement } from './position-risk.js';
import type { ResolvedPosition } from './resolve-schedules.js';

interface AllocationResult {
  /** Margin per position, same order as the input, settlement asset. */
  readonly margins: number[];
  /** Pro-rata factor applied (1 = none). */
  readonly scale: number;
  /** Wallet left unallocated. */
  readonly freeBalance: number;
}

/** Leverage in force for a position: the row's, else its venue schedule's default. */
export function leverageInForce(r: ResolvedPosition): number {
  return r.position.leverage ?? r.isolated.defaultLeverage;
}

/**
 * Margin that places the position's isolated liquidation price at distance `d` from the mark:
 * posted margin M with M + upnl(liq) = MM(liq), so M = MM(liq) - upnl(liq), liq = mark(1 -/+ d).
 */
function marginForDistance(r: ResolvedPosition, distance: number): number {
  const p = r.position;
  const liquidationMark = p.markPrice * (1 - sideSign(p.side) * distance);
  return Math.max(maintenanceMarginSettlement(p, r.isolated, liquidationMark) - unrealizedPnlSettlement(p, liquidationMark), 0);
}

/** Split `wallet` (settlement asset) among `positions` (all cross, same settlement asset). */
export function allocateWallet(positions: readonly ResolvedPosition[], wallet: number, policy: AllocationPolicy): AllocationResult {
  const n = positions.length;
  if (n === 0) return { margins: [], scale: 1, freeBalance: wallet };
  const available = Math.max(wallet, 0);
  if (policy === 'leverage') {
    const wanted = positions.map((r) => notionalSettlement(r.position, r.position.entryPrice) / leverageInForce(r));
    const total = wanted.reduce((s, x) => s + x, 0);
    const scale = total > available ? available / total : 1;
    const margins = wanted.map((m) => m * scale);
    return { margins, scale, freeBalance: wallet - margins.reduce((s, x) => s + x, 0) };
  }
  if (policy === 'notional') {
    const notionals = positions.map((r) => notionalSettlement(r.position, r.position.markPrice));
    const total = notionals.reduce((s, x) => s + x, 0);
    const margins = notionals.map((x) => (available * x) / total);
    return { margins, scale: 1, freeBalance: wallet - available };
  }
  // equal-risk: bisection on the common distance d so that Σ margin_i(d) = available.
  const sumAt = (d: number): number => positions.reduce((s, r) => s + marginForDistance(r, d), 0);
  const dMax = 0.999;
  let margins: number[];
  if (sumAt(dMax) <= available) {
    const base = positions.map((r) => marginForDistance(r, dMax));
    const rest = available - base.reduce((s, x) => s + x, 0);
    const notionals = positions.map((r) => notionalSettlement(r.position, r.position.markPrice));
    const total = notionals.reduce((s, x) => s + x, 0);
    margins = base.map((m, i) => m + (rest * notionals[i]!) / total);
  } else {
    let lo = 0;
    let hi = dMax;
    for (let it = 0; it < 100; it++) {
      const mid = 0.5 * (lo + hi);
      if (sumAt(mid) > available) hi = mid;
      else lo = mid;
    }
    margins = positions.map((r) => marginForDistance(r, lo));
    const total = margins.reduce((s, x) => s + x, 0);
    // Hand out the bisection's rounding remainder pro rata so the whole wallet is used.
    margins = total > 0 ? margins.map((m) => (m * available) / total) : margins.map(() => available / n);
  }
  return { margins, scale: 1, freeBalance: wallet - available };
}
