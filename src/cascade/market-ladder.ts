// The liquidation ladder: per symbol, every single-symbol one-sided pool placed once at its
// trigger price (where its health reaches zero), longs on a max-heap, shorts on a min-heap. As a
// symbol's price moves, the ladder is walked from the top: only the pools the price has reached
// are looked at, never the whole market. Pools of several symbols or both sides (cross accounts
// with a hedge or a basket) wait on a slack heap instead: with health h and gross exposure
// G = Σ size x price x (1 + max maintenance rate), no move of every price by less than h / G
// (relative) can liquidate the pool, so it is re-checked only once the prices' total variation
// V = Σ |Δ ln p| has grown by ln(1 + h / G) since its last check (a bound that holds because
// the maintenance margin is continuous in the notional, as bracket tables with cumulative
// amounts are).
//
// Trigger of a long pool: the largest price p with health(p) <= 0 (health rises with p); of a
// short pool: the smallest p with health(p) <= 0. Found by bisection down to adjacent doubles, so
// `price <= trigger` (long) or `price >= trigger` (short) is exactly `health <= 0` to float
// precision. A pool reduced by ADL is re-placed (its stale entry is skipped when reached).

import { POOL_CHECKED, POOL_LADDER_LONG, type CascadeMarket } from './cascade-market.js';
import type { CascadeState } from './cascade-state.js';
import { MinHeap } from './min-heap.js';
import { poolHealth, poolHealthAtPrice } from './pool-health.js';

const SEARCH_LIMIT = 2000;

/** Trigger price of ladder pool i at the state's sizes and cash (see the file header). */
function ladderTrigger(market: CascadeMarket, state: CascadeState, i: number): number {
  const long = market.poolKind[i] === POOL_LADDER_LONG;
  const s = market.positionSymbol[market.poolStart[i]!]!;
  const h = (p: number): number => poolHealthAtPrice(market, state, i, p);
  const a = state.price[s]!;
  if (long) {
    // lo: health <= 0, hi: health > 0
    let hi = a;
    for (let n = 0; h(hi) <= 0; n++) if (n > SEARCH_LIMIT || !Number.isFinite((hi *= 2))) return Infinity;
    let lo = hi;
    for (let n = 0; h(lo) > 0; n++) if (n > SEARCH_LIMIT || (lo /= 2) === 0) return 0;
    for (;;) {
      const mid = lo + (hi - lo) / 2;
      if (mid <= lo || mid >= hi) return lo;
      if (h(mid) <= 0) lo = mid;
      else hi = mid;
    }
  }
  // short: lo: health > 0, hi: health <= 0
  let lo = a;
  for (let n = 0; h(lo) <= 0; n++) if (n > SEARCH_LIMIT || (lo /= 2) === 0) return 0;
  let hi = lo;
  for (let n = 0; h(hi) > 0; n++) if (n > SEARCH_LIMIT || !Number.isFinite((hi *= 2))) return Infinity;
  for (;;) {
    const mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) return hi;
    if (h(mid) <= 0) hi = mid;
    else lo = mid;
  }
}

export class MarketLadder {
  /** Per symbol: longs keyed by −trigger, shorts by trigger (both min-heaps). */
  private readonly longs: MinHeap[];
  private readonly shorts: MinHeap[];
  /** Multi-symbol or two-sided pools, keyed by the total variation at which to re-check them. */
  private readonly slack = new MinHeap();
  readonly checkedCount: number;
  private readonly savedTrigger: Float64Array;

  /** Places every ladder pool of `market` at the start (state freshly reset). */
  constructor(
    private readonly market: CascadeMarket,
    state: CascadeState,
  ) {
    const nS = market.symbols.length;
    this.longs = Array.from({ length: nS }, () => new MinHeap());
    this.shorts = Array.from({ length: nS }, () => new MinHeap());
    let checked = 0;
    for (let i = 0; i < market.poolCount; i++) {
      if (state.alive[i] === 0) continue;
      if (market.poolKind[i] === POOL_CHECKED) {
        checked++;
        this.recheckAt(state, i, 0);
      } else this.place(state, i);
    }
    this.checkedCount = checked;
    for (const heap of [...this.longs, ...this.shorts, this.slack]) heap.save();
    this.savedTrigger = state.trigger.slice();
  }

  /** Back to the placement at the start (call after `state.reset`). */
  reset(state: CascadeState): void {
    for (const heap of this.longs) heap.restore();
    for (const heap of this.shorts) heap.restore();
    this.slack.restore();
    state.trigger.set(this.savedTrigger);
  }

  /** Queue checked pool i for a re-check once the variation reaches `variation`. */
  private recheckAt(state: CascadeState, i: number, variation: number): void {
    state.trigger[i] = variation;
    this.slack.push(variation, i);
  }

  /** Checked pool i changed (ADL): look at it again in the next collect. */
  touch(state: CascadeState, i: number): void {
    this.recheckAt(state, i, state.variation);
  }

  /** Health of checked pool i, or, when positive, the variation at which to look again. */
  private slackOf(state: CascadeState, i: number, health: number): number {
    const market = this.market;
    let gross = 0;
    for (let j = market.poolStart[i]!; j < market.poolStart[i + 1]!; j++) {
      let maxRate = 0;
      for (let b = market.scheduleStart[j]!; b < market.scheduleStart[j + 1]!; b++) if (market.bracketRate[b]! > maxRate) maxRate = market.bracketRate[b]!;
      gross += state.size[j]! * state.price[market.positionSymbol[j]!]! * (1 + maxRate + market.scheduleFeeReserveRate[j]!);
    }
    return gross > 0 ? state.variation + Math.log1p(health / gross) : Infinity;
  }

  /** (Re)place ladder pool i at its trigger for the state's sizes and cash. */
  place(state: CascadeState, i: number): void {
    const market = this.market;
    const t = ladderTrigger(market, state, i);
    state.trigger[i] = t;
    const s = market.positionSymbol[market.poolStart[i]!]!;
    if (market.poolKind[i] === POOL_LADDER_LONG) {
      if (t > 0) this.longs[s]!.push(-t, i);
    } else if (t < Infinity) this.shorts[s]!.push(t, i);
  }

  /**
   * Appends to `out` (from `count`) every open pool not already in the round whose health is <= 0
   * at the state's prices; returns the new count.
   */
  collect(state: CascadeState, out: Int32Array, count: number): number {
    const market = this.market;
    for (let s = 0; s < market.symbols.length; s++) {
      const p = state.price[s]!;
      const longs = this.longs[s]!;
      while (longs.size > 0 && -longs.topKey() >= p) {
        const i = longs.topValue();
        const key = longs.topKey();
        longs.pop();
        if (state.alive[i] === 0 || state.inRound[i] === 1 || -key !== state.trigger[i]) continue;
        state.inRound[i] = 1;
        out[count++] = i;
      }
      const shorts = this.shorts[s]!;
      while (shorts.size > 0 && shorts.topKey() <= p) {
        const i = shorts.topValue();
        const key = shorts.topKey();
        shorts.pop();
        if (state.alive[i] === 0 || state.inRound[i] === 1 || key !== state.trigger[i]) continue;
        state.inRound[i] = 1;
        out[count++] = i;
      }
    }
    const slack = this.slack;
    while (slack.size > 0 && slack.topKey() <= state.variation) {
      const i = slack.topValue();
      const key = slack.topKey();
      slack.pop();
      if (state.alive[i] === 0 || state.inRound[i] === 1 || key !== state.trigger[i]) continue;
      const health = poolHealth(market, state, i);
      if (health <= 0) {
        state.inRound[i] = 1;
        out[count++] = i;
      } else this.recheckAt(state, i, this.slackOf(state, i, health));
    }
    return count;
  }
}
