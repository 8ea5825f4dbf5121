// Auto-deleveraging (cascade.md, rules 4 and 5): when the fund cannot pay a round's shortfall,
// every liquidated position is closed at its own bankruptcy price against profitable positions on
// the other side of the same symbol, with no price impact, and the fund is untouched.
//
//   bankruptcy price   p_b = p − side x E_share / size, E_share = E x notional_j / Σ notional
//                      (the pool's equity E at the round's prices, shared by notional; for an
//                      isolated pool E_share = E, so p_b = entry − side x margin / size)
//   ranking            unrealised PnL / margin x effective leverage, highest first, where
//                      margin = the position's share of its pool's equity (by notional) and
//                      effective leverage = notional / that share, or the venue's documented rule
//                      (src/cascade/adl-rank.ts); positions liquidated in the same round are
//                      excluded; ties go to the earlier position in the file.
//   exposure           each (step, symbol, side) deleveraged is recorded with the lowest rank it
//                      reached (0 when the queue ran out): a position ranked at or above it would
//                      have been reached (src/cascade/adl-exposure.ts).
//   matching           each is reduced (the last one partly) until the liquidated size is matched;
//                      the reduced part realises side x size x (p_b − entry). Size no one matches
//                      (no profitable position left) is taken by the outside liquidity at p_b.

import { POOL_CHECKED, type CascadeMarket } from './cascade-market.js';
import type { CascadeState } from './cascade-state.js';
import type { MarketLadder } from './market-ladder.js';
import { adlRank } from './adl-rank.js';
import { poolEquity } from './pool-health.js';

/** Positions grouped by symbol, built once per market. */
export class AdlBook {
  readonly symbolStart: Int32Array;
  readonly symbolPositions: Int32Array;
  private readonly rank: Float64Array;
  private readonly candidates: Int32Array;
  private readonly bankruptcy: Float64Array;
  private readonly touched: Int32Array;
  private readonly isTouched: Uint8Array;
  private heapSize = 0;

  constructor(private readonly market: CascadeMarket) {
    const nS = market.symbols.length;
    const counts = new Int32Array(nS + 1);
    for (let j = 0; j < market.positionCount; j++) counts[market.positionSymbol[j]! + 1]!++;
    for (let s = 0; s < nS; s++) counts[s + 1]! += counts[s]!;
    this.symbolStart = counts.slice();
    this.symbolPositions = new Int32Array(market.positionCount);
    const fill = counts.slice();
    for (let j = 0; j < market.positionCount; j++) this.symbolPositions[fill[market.positionSymbol[j]!]!++] = j;
    this.rank = new Float64Array(market.positionCount);
    this.candidates = new Int32Array(market.positionCount);
    this.bankruptcy = new Float64Array(market.positionCount);
    this.touched = new Int32Array(market.poolCount);
    this.isTouched = new Uint8Array(market.poolCount);
  }

  /**
   * Close every pool of `pools[0..count)` by ADL in `step` (see the file header), re-placing the
   * reduced ladder pools. Records liquidation steps, ADL units and (when recording) the fills.
   */
  deleverage(state: CascadeState, ladder: MarketLadder, pools: Int32Array, count: number, step: number): void {
    const m = this.market;
    // Bankruptcy prices at the round's prices, before anything changes.
    for (let n = 0; n < count; n++) {
      const i = pools[n]!;
      const equity = poolEquity(m, state, i);
      let total = 0;
      for (let j = m.poolStart[i]!; j < m.poolStart[i + 1]!; j++) total += state.size[j]! * state.price[m.positionSymbol[j]!]!;
      for (let j = m.poolStart[i]!; j < m.poolStart[i + 1]!; j++) {
        const q = state.size[j]!;
        if (q === 0) continue;
        const p = state.price[m.positionSymbol[j]!]!;
        const share = total > 0 ? (equity * q * p) / total : 0;
        this.bankruptcy[j] = p - (m.positionSign[j]! * share) / q;
      }
    }
    let touchedCount = 0;
    for (let s = 0; s < m.symbols.length; s++) {
      for (const sign of [1, -1]) {
        let queued = -1;
        let top = -1;
        let lowest = Infinity;
        let exhausted = false;
        for (let n = 0; n < count; n++) {
          const i = pools[n]!;
          for (let j = m.poolStart[i]!; j < m.poolStart[i + 1]!; j++) {
            const q = state.size[j]!;
            if (q === 0 || m.positionSymbol[j] !== s || m.positionSign[j] !== sign) continue;
            if (queued < 0) {
              queued = this.queue(state, s, -sign);
              top = -1;
            }
            const pb = this.bankruptcy[j]!;
            let remaining = q;
            while (remaining > 0) {
              if (top < 0 || state.size[top] === 0) {
                if (this.heapSize === 0) break;
                top = this.popBest();
                if (this.rank[top]! < lowest) lowest = this.rank[top]!;
              }
              const c = top;
              const take = Math.min(remaining, state.size[c]!);
              const realised = m.positionSign[c]! * take * (pb - m.positionEntry[c]!);
              const ci = m.positionPool[c]!;
              state.cash[ci]! += realised;
              state.size[c]! -= take;
              state.positionAdlUnits[c]! += take;
              remaining -= take;
              if (state.adlFills !== null) state.adlFills.push({ step, position: c, against: j, size: take, price: pb, realisedPnl: realised });
              if (this.isTouched[ci] === 0) {
                this.isTouched[ci] = 1;
                this.touched[touchedCount++] = ci;
              }
            }
            if (remaining > 0) {
              // Nobody left to match: the outside liquidity takes the rest at p_b.
              const units = -sign * remaining;
              state.outsidePosition[s]! -= units;
              state.outsideCash += units * pb;
              state.adlUnmatchedUnits += remaining;
              exhausted = true;
            }
            state.cash[i]! += sign * q * (pb - m.positionEntry[j]!);
            state.size[j] = 0;
          }
        }
        if (queued >= 0) state.adlEvents.push(step, s, -sign, exhausted ? 0 : lowest);
      }
    }
    for (let n = 0; n < count; n++) {
      const i = pools[n]!;
      state.alive[i] = 0;
      state.poolClosedBy[i] = 2;
      if (state.poolLiquidationStep[i]! < 0) state.poolLiquidationStep[i] = step;
    }
    for (let n = 0; n < touchedCount; n++) {
      const i = this.touched[n]!;
      this.isTouched[i] = 0;
      let open = false;
      for (let j = m.poolStart[i]!; j < m.poolStart[i + 1]!; j++) if (state.size[j]! > 0) open = true;
      if (!open) state.alive[i] = 0;
      else if (m.poolKind[i] !== POOL_CHECKED) ladder.place(state, i);
      else ladder.touch(state, i);
    }
  }

  /**
   * Ranks the profitable `sign` positions on symbol s not in the round into a max-heap (popped
   * lazily: only as many as the liquidated size needs are ordered); returns how many.
   */
  private queue(state: CascadeState, s: number, sign: number): number {
    const m = this.market;
    let n = 0;
    const p = state.price[s]!;
    for (let k = this.symbolStart[s]!; k < this.symbolStart[s + 1]!; k++) {
      const j = this.symbolPositions[k]!;
      const i = m.positionPool[j]!;
      const q = state.size[j]!;
      if (m.positionSign[j] !== sign || q === 0 || state.alive[i] === 0 || state.inRound[i] === 1) continue;
      const pnl = sign * q * (p - m.positionEntry[j]!);
      if (!(pnl > 0)) continue;
      this.rank[j] = adlRank(m, state, j, pnl);
      this.candidates[n++] = j;
    }
    this.heapSize = n;
    for (let k = (n >> 1) - 1; k >= 0; k--) this.siftDown(k);
    return n;
  }

  /** a ranks before b: higher rank, then the earlier position. */
  private before(a: number, b: number): boolean {
    const ra = this.rank[a]!;
    const rb = this.rank[b]!;
    return ra > rb || (ra === rb && a < b);
  }

  private siftDown(k: number): void {
    const h = this.candidates;
    const n = this.heapSize;
    const item = h[k]!;
    for (;;) {
      let child = 2 * k + 1;
      if (child >= n) break;
      if (child + 1 < n && this.before(h[child + 1]!, h[child]!)) child++;
      if (!this.before(h[child]!, item)) break;
      h[k] = h[child]!;
      k = child;
    }
    h[k] = item;
  }

  /** The best-ranked candidate left, removed from the heap. */
  private popBest(): number {
    const h = this.candidates;
    const best = h[0]!;
    this.heapSize--;
    if (this.heapSize > 0) {
      h[0] = h[this.heapSize]!;
      this.siftDown(0);
    }
    return best;
  }
}
