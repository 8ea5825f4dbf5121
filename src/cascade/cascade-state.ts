// The mutable state of one cascade path over a CascadeMarket: open sizes, pool cash, prices as a
// fundamental log price plus a cumulative log impact, the insurance fund, the outside liquidity's
// position and cash, and what the path recorded. Allocated once, reset per path (typed copies).

import type { CascadeMarket } from './cascade-market.js';

/** At most this many liquidation rounds per step (cascade.md, rule 2). */
export const MAX_ROUNDS_PER_STEP = 50;

/** One auto-deleveraging fill: a profitable position reduced against a liquidated one. */
interface AdlFill {
  readonly step: number;
  /** Index of the reduced position in the market. */
  readonly position: number;
  /** Index of the liquidated position it was matched with. */
  readonly against: number;
  readonly size: number;
  /** The liquidated position's bankruptcy price. */
  readonly price: number;
  /** PnL realised by the reduced part, `side x size x (price − entry)`. */
  readonly realisedPnl: number;
}

export class CascadeState {
  readonly size: Float64Array;
  readonly cash: Float64Array;
  /** 1 while the pool holds open positions. */
  readonly alive: Uint8Array;
  readonly fundamentalLog: Float64Array;
  readonly impactLog: Float64Array;
  readonly price: Float64Array;
  /** Ladder trigger of each ladder pool (NaN for checked pools). */
  readonly trigger: Float64Array;
  readonly inRound: Uint8Array;
  /** Total variation of the log prices so far, Σ over symbols and updates of |Δ ln p|. */
  variation = 0;
  fund = 0;
  fundStart = 0;
  fundPaid = 0;
  fundReceived = 0;
  fundMinimum = 0;
  /** A round's shortfall exceeded the fund (ADL took over) at least once on this path. */
  fundExhausted = false;
  feesToVenue = 0;
  readonly outsidePosition: Float64Array;
  outsideCash = 0;
  /** Step of each pool's liquidation (−1: none); how it was closed: 1 market, 2 ADL. */
  readonly poolLiquidationStep: Int32Array;
  readonly poolClosedBy: Uint8Array;
  /** Shortfall paid by the fund for the pool (its bad debt). */
  readonly poolBadDebt: Float64Array;
  /** Partial liquidations (slices) of each pool so far on this path (liquidation-round.ts). */
  readonly poolSlices: Int32Array;
  /** Units of each position reduced by ADL on this path. */
  readonly positionAdlUnits: Float64Array;
  readonly liquidatedNotional: Float64Array;
  /** `[symbol * MAX_ROUNDS_PER_STEP + round]`: notional liquidated in round r of any step. */
  readonly roundNotional: Float64Array;
  /** Rounds that liquidated something on each symbol, over all steps. */
  readonly symbolRounds: Int32Array;
  roundCapHits = 0;
  maxRoundsInStep = 0;
  adlUnmatchedUnits = 0;
  /**
   * Every ADL pass on this path, flat: step, symbol, sign of the reduced side, and the lowest rank
   * it reached (0: the queue ran out, anyone in profit was reached). Read by adl-exposure.ts.
   */
  readonly adlEvents: number[] = [];
  /** ADL fills, when recording (replays); null in Monte Carlo runs. */
  adlFills: AdlFill[] | null = null;
  /** Fund balance at the end of each step (index 0: after step 0 at the start prices). */
  fundPath: Float64Array = new Float64Array(0);
  /** Realised log price per step end, `[step * symbols + s]`. */
  realisedLogPath: Float64Array = new Float64Array(0);

  constructor(readonly market: CascadeMarket) {
    const nS = market.symbols.length;
    this.size = new Float64Array(market.positionCount);
    this.cash = new Float64Array(market.poolCount);
    this.alive = new Uint8Array(market.poolCount);
    this.fundamentalLog = new Float64Array(nS);
    this.impactLog = new Float64Array(nS);
    this.price = new Float64Array(nS);
    this.trigger = new Float64Array(market.poolCount);
    this.inRound = new Uint8Array(market.poolCount);
    this.outsidePosition = new Float64Array(nS);
    this.poolLiquidationStep = new Int32Array(market.poolCount);
    this.poolClosedBy = new Uint8Array(market.poolCount);
    this.poolBadDebt = new Float64Array(market.poolCount);
    this.poolSlices = new Int32Array(market.poolCount);
    this.positionAdlUnits = new Float64Array(market.positionCount);
    this.liquidatedNotional = new Float64Array(nS);
    this.roundNotional = new Float64Array(nS * MAX_ROUNDS_PER_STEP);
    this.symbolRounds = new Int32Array(nS);
  }

  /** Back to the start: sizes, cash, prices at the marks, the fund at `fund`, nothing recorded. */
  reset(fund: number, nSteps: number, recordAdl: boolean): void {
    const m = this.market;
    this.size.set(m.positionSize);
    this.cash.set(m.poolCash);
    for (let i = 0; i < m.poolCount; i++) this.alive[i] = m.poolStart[i + 1]! > m.poolStart[i]! ? 1 : 0;
    for (let s = 0; s < m.symbols.length; s++) {
      this.fundamentalLog[s] = Math.log(m.startPrice[s]!);
      this.price[s] = m.startPrice[s]!;
    }
    this.impactLog.fill(0);
    this.inRound.fill(0);
    this.variation = 0;
    this.fund = fund;
    this.fundStart = fund;
    this.fundMinimum = fund;
    this.fundPaid = 0;
    this.fundReceived = 0;
    this.fundExhausted = false;
    this.feesToVenue = 0;
    this.outsidePosition.fill(0);
    for (let j = 0; j < m.positionCount; j++) this.outsidePosition[m.positionSymbol[j]!]! -= m.positionSign[j]! * m.positionSize[j]!;
    this.outsideCash = 0;
    this.poolLiquidationStep.fill(-1);
    this.poolClosedBy.fill(0);
    this.poolBadDebt.fill(0);
    this.poolSlices.fill(0);
    this.positionAdlUnits.fill(0);
    this.liquidatedNotional.fill(0);
    this.roundNotional.fill(0);
    this.symbolRounds.fill(0);
    this.roundCapHits = 0;
    this.maxRoundsInStep = 0;
    this.adlUnmatchedUnits = 0;
    this.adlFills = recordAdl ? [] : null;
    this.adlEvents.length = 0;
    if (this.fundPath.length !== nSteps + 1) this.fundPath = new Float64Array(nSteps + 1);
    const cells = (nSteps + 1) * m.symbols.length;
    if (this.realisedLogPath.length !== cells) this.realisedLogPath = new Float64Array(cells);
  }

  /** Realised price of symbol s: `exp(fundamental + impact)`; adds the move to `variation`. */
  updatePrice(s: number): void {
    const log = this.fundamentalLog[s]! + this.impactLog[s]!;
    const before = Math.log(this.price[s]!);
    this.variation += Math.abs(log - before);
    this.price[s] = Math.exp(log);
  }
}
