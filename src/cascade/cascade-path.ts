// One path of a cascade: step 0 at the start prices, then per step the fundamental log prices
// move by the exogenous log returns, the impact decays (resilience), and liquidation rounds run
// at the realised prices until a round liquidates nothing or the round cap is reached.
//
//   realised price  p_s = exp(fundamental_s + impact_s)
//   resilience      impact_s ← impact_s x 2^(−Δt / halfLife) between steps (1: permanent)

import { AdlBook } from './adl-ranking.js';
import type { CascadeMarket } from './cascade-market.js';
import { CascadeState, MAX_ROUNDS_PER_STEP } from './cascade-state.js';
import { liquidationRound, RoundBuffers } from './liquidation-round.js';
import { MarketLadder } from './market-ladder.js';

export interface ExogenousPath {
  readonly nSteps: number;
  /** ln(fundamental_k / fundamental_{k−1}) at `[(k − 1) * symbols + s]` for steps k = 1..nSteps. */
  readonly logReturns: Float64Array;
}

export interface CascadeRunOptions {
  /** Insurance fund at the start, settlement asset (Infinity: it always pays). */
  readonly fund: number;
  /** Factor on the cumulative impact between two steps: 2^(−Δt / halfLife), 1 when permanent. */
  readonly impactDecayPerStep: number;
  /** Keep every ADL fill (replays); Monte Carlo runs keep counts only. */
  readonly recordAdl: boolean;
}

/** A market ready to run paths on: state, ladder and buffers allocated once. */
export class CascadeEngine {
  readonly state: CascadeState;
  private readonly ladder: MarketLadder;
  private readonly adl: AdlBook;
  private readonly buffers: RoundBuffers;

  constructor(readonly market: CascadeMarket) {
    this.state = new CascadeState(market);
    this.state.reset(0, 0, false);
    this.ladder = new MarketLadder(market, this.state);
    this.adl = new AdlBook(market);
    this.buffers = new RoundBuffers(market);
  }

  /** Runs `path`; the results are in `this.state` until the next run. `onStepEnd` after each step. */
  run(path: ExogenousPath, options: CascadeRunOptions, onStepEnd?: (state: CascadeState, step: number) => void): CascadeState {
    const { market, state, ladder, adl, buffers } = this;
    const nS = market.symbols.length;
    state.reset(options.fund, path.nSteps, options.recordAdl);
    ladder.reset(state);
    for (let step = 0; step <= path.nSteps; step++) {
      if (step > 0) {
        const base = (step - 1) * nS;
        for (let s = 0; s < nS; s++) {
          state.fundamentalLog[s]! += path.logReturns[base + s]!;
          state.impactLog[s]! *= options.impactDecayPerStep;
          state.updatePrice(s);
        }
      }
      let round = 0;
      for (; ; round++) {
        if (round === MAX_ROUNDS_PER_STEP) {
          if (this.capReached()) state.roundCapHits++;
          break;
        }
        if (liquidationRound(market, state, ladder, adl, buffers, step, round) === 0) break;
      }
      if (round > state.maxRoundsInStep) state.maxRoundsInStep = round;
      state.fundPath[step] = state.fund;
      for (let s = 0; s < nS; s++) state.realisedLogPath[step * nS + s] = Math.log(state.price[s]!);
      onStepEnd?.(state, step);
    }
    return state;
  }

  /** After the last allowed round: is anything still liquidatable? (Put back on the ladder.) */
  private capReached(): boolean {
    const count = this.ladder.collect(this.state, this.buffers.pools, 0);
    for (let n = 0; n < count; n++) {
      const i = this.buffers.pools[n]!;
      this.state.inRound[i] = 0;
      if (this.market.poolKind[i] !== 0) this.ladder.place(this.state, i);
      else this.ladder.touch(this.state, i);
    }
    return count > 0;
  }
}
