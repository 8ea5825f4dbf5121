// ADL exposure of own positions that are not in the market as they are (the isolated and cross
// re-runs, price takers on the realised path): at the end of every step in which the market
// deleveraged a (symbol, side), an own position on that side, in profit, whose ADL rank
// (src/cascade/adl-rank.ts, at the step's realised prices) is at or above the lowest rank the
// market's queue reached, would have been reached by that pass: it is exposed. An exposure, not
// a fill: inserting it would have pushed the last reduced position out of the queue instead.

import type { CascadeMarket } from './cascade-market.js';
import type { CascadeState } from './cascade-state.js';
import { adlRank } from './adl-rank.js';

export class AdlExposure {
  /** 1 for each position of the price-taker market found exposed on this path. */
  readonly exposed: Uint8Array;
  private cursor = 0;
  private events: readonly number[] = [];

  constructor(private readonly market: CascadeMarket) {
    this.exposed = new Uint8Array(market.positionCount);
  }

  /** Start a path whose market run recorded `marketState.adlEvents`. */
  reset(marketState: CascadeState): void {
    this.exposed.fill(0);
    this.cursor = 0;
    this.events = marketState.adlEvents;
  }

  /** Called at the end of `step` of the price-taker run (`state` over this.market). */
  check(state: CascadeState, step: number): void {
    const m = this.market;
    const ev = this.events;
    for (; this.cursor < ev.length && ev[this.cursor]! <= step; this.cursor += 4) {
      if (ev[this.cursor]! < step) continue;
      const s = ev[this.cursor + 1]!;
      const sign = ev[this.cursor + 2]!;
      const lowest = ev[this.cursor + 3]!;
      const p = state.price[s]!;
      for (let j = 0; j < m.positionCount; j++) {
        const q = state.size[j]!;
        if (m.positionSymbol[j] !== s || m.positionSign[j] !== sign || q === 0 || state.alive[m.positionPool[j]!] === 0) continue;
        const pnl = sign * q * (p - m.positionEntry[j]!);
        if (pnl > 0 && adlRank(m, state, j, pnl) >= lowest) this.exposed[j] = 1;
      }
    }
  }
}
