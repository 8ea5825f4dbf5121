// What one path did to an account of a cascade market, read from the engine's state: whether and
// when it was liquidated, its loss (value at the start − value at the end, value = pools' cash +
// unrealised PnL), the bad debt the fund covered, and per position: liquidated, closed by ADL,
// the size ADL took from it, and (re-runs) whether a market ADL pass would have reached it.

import type { CascadeMarket } from './cascade-market.js';
import type { CascadeState } from './cascade-state.js';
import { poolValues } from './conservation-ledger.js';

interface PositionPathOutcome {
  readonly positionId: string;
  readonly symbol: string;
  readonly liquidated: boolean;
  readonly liquidatedStep: number | null;
  /** The position's pool was closed by ADL (the fund could not pay its round). */
  readonly closedByAdl: boolean;
  /** Units of this position taken by auto-deleveraging (it was on the profitable side). */
  readonly adlSize: number;
  /** Isolated and cross re-runs: ranked high enough to be reached by a market ADL pass. */
  readonly adlExposed: boolean;
}

export interface AccountPathOutcome {
  readonly liquidated: boolean;
  readonly liquidatedStep: number | null;
  readonly loss: number;
  readonly badDebt: number;
  readonly positions: readonly PositionPathOutcome[];
}

/** Pools of each account of a market, and the pools' values at the start, computed once. */
export class AccountPools {
  private readonly pools = new Map<string, number[]>();
  readonly startValue: Float64Array;
  private readonly scratch: Float64Array;

  constructor(private readonly market: CascadeMarket) {
    for (let i = 0; i < market.poolCount; i++) {
      const name = market.accounts[market.poolAccount[i]!]!;
      const list = this.pools.get(name) ?? [];
      list.push(i);
      this.pools.set(name, list);
    }
    this.startValue = poolValues(market, null, new Float64Array(market.poolCount));
    this.scratch = new Float64Array(market.poolCount);
  }

  /** The outcome of `account` on the path in `state` (a market account name). */
  outcome(state: CascadeState, account: string, exposed: Uint8Array | null = null): AccountPathOutcome {
    const m = this.market;
    const end = poolValues(m, state, this.scratch);
    let liquidatedStep = -1;
    let loss = 0;
    let badDebt = 0;
    const positions: PositionPathOutcome[] = [];
    for (const i of this.pools.get(account) ?? []) {
      const step = state.poolLiquidationStep[i]!;
      if (step >= 0 && (liquidatedStep < 0 || step < liquidatedStep)) liquidatedStep = step;
      loss += this.startValue[i]! - end[i]!;
      badDebt += state.poolBadDebt[i]!;
      for (let j = m.poolStart[i]!; j < m.poolStart[i + 1]!; j++) {
        positions.push({ positionId: m.positionIds[j]!, symbol: m.symbols[m.positionSymbol[j]!]!, liquidated: step >= 0, liquidatedStep: step >= 0 ? step : null, closedByAdl: state.poolClosedBy[i] === 2, adlSize: state.positionAdlUnits[j]!, adlExposed: state.positionAdlUnits[j]! > 0 || (exposed !== null && exposed[j] === 1) });
      }
    }
    return { liquidated: liquidatedStep >= 0, liquidatedStep: liquidatedStep >= 0 ? liquidatedStep : null, loss, badDebt, positions };
  }
}
