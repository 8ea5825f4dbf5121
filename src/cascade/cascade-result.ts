// What a cascade run reports (the names cascade.md fixes): per symbol the exogenous and realised
// moves, amplification and liquidated notional by round; the insurance fund's path; the ADL
// fills; and per own account the three modes. A replay gives one of these per event (booleans and
// amounts); a Monte Carlo run one over all paths (probabilities and expectations, same names).

import type { ModeName } from '../margin/evaluation.js';
import type { ConservationLedger } from './conservation-ledger.js';

export interface CascadeSymbolResult {
  readonly symbol: string;
  readonly startPrice: number;
  /** exp(exogenous log move) − 1 (Monte Carlo: the mean over paths). */
  readonly exogenousMove: number;
  /** Final realised price / start − 1 (Monte Carlo: the mean over paths). */
  readonly realisedMove: number;
  /** Replay: the realised price at the end; null over paths. */
  readonly finalPrice: number | null;
  /**
   * ln(realised / start) / ln(exogenous / start); over paths E|ln realised| / E|ln exogenous|.
   * Null when the exogenous move is 0.
   */
  readonly amplification: number | null;
  /** Notional liquidated (units x price before the order), settlement asset; mean over paths. */
  readonly liquidatedNotional: number;
  /** The same by round index within a step (0 = the first round), trailing zeros dropped. */
  readonly liquidatedNotionalByRound: readonly number[];
  /** Rounds that liquidated something on this symbol (mean over paths). */
  readonly rounds: number;
}

export interface CascadeFundResult {
  readonly asset: string;
  readonly start: number;
  /** Shortfalls paid (mean over paths). */
  readonly paid: number;
  /** Fees received (mean over paths). */
  readonly received: number;
  readonly end: number;
  /** Lowest balance (over paths: the lowest of all). */
  readonly minimum: number;
  /** Balance after each step (replay; step 0 = at the start prices). */
  readonly path: readonly number[] | null;
  /** Share of paths on which a round's shortfall exceeded the fund (ADL took over). */
  readonly depletionProbability: number | null;
}

export interface CascadeAdlResult {
  readonly step: number;
  readonly account: string;
  readonly positionId: string;
  readonly symbol: string;
  readonly size: number;
  /** The liquidated position's bankruptcy price. */
  readonly price: number;
  readonly realisedPnl: number;
  readonly againstAccount: string;
  readonly againstPositionId: string;
}

export interface CascadeMarketResult {
  readonly accounts: number;
  readonly positions: number;
  readonly symbols: readonly CascadeSymbolResult[];
  readonly insuranceFund: readonly CascadeFundResult[];
  readonly adl: readonly CascadeAdlResult[];
  /** Steps in which the 50-round cap stopped a cascade that was still going (Monte Carlo: summed). */
  readonly roundCapHits: number;
  readonly maxRoundsInStep: number;
  /** Size no profitable position could take, closed against outside liquidity at bankruptcy. */
  readonly adlUnmatchedSize: number;
  /** The worst |accounts + fund + outside + fees| over paths, and what it is relative to. */
  readonly conservation: Pick<ConservationLedger, 'accounts' | 'fund' | 'outside' | 'feesToVenue' | 'residual'>;
}

export interface OwnPositionResult {
  readonly positionId: string;
  readonly symbol: string;
  /** Replay: boolean; Monte Carlo: probability. */
  readonly liquidated: boolean | number;
  /** Replay: step of the liquidation (0 = at the start prices), null when none or over paths. */
  readonly liquidatedStep: number | null;
  readonly liquidatedByCascade: boolean | number;
  /** Replay: size taken by ADL; Monte Carlo: null. */
  readonly adlSize: number | null;
  /**
   * Replay: ADL took some of it (exported) or a market ADL pass would have reached it (isolated,
   * cross re-runs; src/cascade/adl-exposure.ts); null over paths.
   */
  readonly adlExposed: boolean | null;
  /** Monte Carlo: probability of the same (the ADL exposure); replay: null. */
  readonly adlProbability: number | null;
}

export interface OwnModeResult {
  readonly mode: ModeName;
  readonly liquidated: boolean | number;
  readonly liquidatedStep: number | null;
  readonly loss: number;
  readonly badDebt: number;
  /** Some position of the account was closed by or reduced by ADL (probability over paths). */
  readonly adl: boolean | number;
  /** Liquidated on the realised path but not on the exogenous one (probability over paths). */
  readonly liquidatedByCascade: boolean | number;
  readonly positions: readonly OwnPositionResult[];
}

export interface OwnAccountResult {
  readonly account: string;
  readonly modes: Readonly<Record<ModeName, OwnModeResult>>;
}

interface CascadeRunResult {
  readonly market: CascadeMarketResult;
  readonly accounts: readonly OwnAccountResult[];
}

export interface CascadeEventResult extends CascadeRunResult {
  readonly event: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly steps: number;
  readonly stepEndMs: readonly number[];
}

/** The result of `runCascade` (src/flows/cascade.ts). */
export interface CascadeResult {
  readonly asset: string;
  readonly symbols: readonly string[];
  readonly accounts: number;
  readonly positions: number;
  readonly fund: number;
  /** Replay: one per event. */
  readonly events: readonly CascadeEventResult[] | null;
  /** Monte Carlo: over all paths. */
  readonly market: CascadeMarketResult | null;
  readonly ownAccounts: readonly OwnAccountResult[] | null;
  readonly notes: readonly string[];
}
