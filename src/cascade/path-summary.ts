// One path's market and own-account results (a replay), and the accumulator that summarises many
// paths (Monte Carlo) under the same names: means, the fund's depletion probability, and per own
// position the probabilities of liquidation, of liquidation caused by the cascade, and of ADL.

import { MODE_NAMES, type ModeName } from '../margin/evaluation.js';
import { barOfStep } from './bar-path.js';
import type { CascadeMarket } from './cascade-market.js';
import type { CascadeResultMarketInputs } from './cascade-run-inputs.js';
import type { ExogenousPath } from './cascade-path.js';
import { MAX_ROUNDS_PER_STEP, type CascadeState } from './cascade-state.js';
import { conservationLedger } from './conservation-ledger.js';
import type { AccountPathOutcome } from './own-outcome.js';
import type { CascadeMarketResult, CascadeSymbolResult, OwnAccountResult, OwnModeResult } from './cascade-result.js';

/** Own outcomes of one path: per account and mode, on the realised and on the exogenous path. */
export type OwnPathOutcomes = ReadonlyMap<string, Readonly<Record<ModeName, { realised: AccountPathOutcome; exogenous: AccountPathOutcome }>>>;

function exogenousLog(path: ExogenousPath, nS: number, s: number): number {
  let total = 0;
  for (let k = 0; k < path.nSteps; k++) total += path.logReturns[k * nS + s]!;
  return total;
}

function byRound(state: CascadeState, s: number, scale = 1): number[] {
  const out: number[] = [];
  for (let r = 0; r < MAX_ROUNDS_PER_STEP; r++) out.push(state.roundNotional[s * MAX_ROUNDS_PER_STEP + r]! * scale);
  while (out.length > 0 && out[out.length - 1] === 0) out.pop();
  return out;
}

/** The market result of one path (a replay). */
export function replayMarketResult(market: CascadeMarket, state: CascadeState, path: ExogenousPath, inputs: CascadeResultMarketInputs): CascadeMarketResult {
  const nS = market.symbols.length;
  const symbols: CascadeSymbolResult[] = market.symbols.map((symbol, s) => {
    const exo = exogenousLog(path, nS, s);
    const realised = Math.log(state.price[s]! / market.startPrice[s]!);
    return {
      symbol,
      startPrice: market.startPrice[s]!,
      exogenousMove: Math.expm1(exo),
      realisedMove: Math.expm1(realised),
      finalPrice: state.price[s]!,
      amplification: Math.abs(exo) > 1e-12 ? realised / exo : null,
      liquidatedNotional: state.liquidatedNotional[s]!,
      liquidatedNotionalByRound: byRound(state, s),
      rounds: state.symbolRounds[s]!,
    };
  });
  const ledger = conservationLedger(market, state);
  const sub = inputs.subStepsPerStep ?? 1;
  return {
    accounts: inputs.accountCount,
    positions: market.positionCount,
    symbols,
    insuranceFund: [{ asset: market.asset, start: state.fundStart, paid: state.fundPaid, received: state.fundReceived, end: state.fund, minimum: state.fundMinimum, path: [...state.fundPath].filter((_, k) => k % sub === 0), depletionProbability: null }],
    adl: (state.adlFills ?? []).map((f) => ({
      step: barOfStep(f.step, sub),
      account: inputs.displayAccount(market.accounts[market.poolAccount[market.positionPool[f.position]!]!]!),
      positionId: market.positionIds[f.position]!,
      symbol: market.symbols[market.positionSymbol[f.position]!]!,
      size: f.size,
      price: f.price,
      realisedPnl: f.realisedPnl,
      againstAccount: inputs.displayAccount(market.accounts[market.poolAccount[market.positionPool[f.against]!]!]!),
      againstPositionId: market.positionIds[f.against]!,
    })),
    roundCapHits: state.roundCapHits,
    maxRoundsInStep: state.maxRoundsInStep,
    adlUnmatchedSize: state.adlUnmatchedUnits,
    conservation: ledger,
  };
}

function modeResult(mode: ModeName, o: { realised: AccountPathOutcome; exogenous: AccountPathOutcome }, sub: number): OwnModeResult {
  const bar = (step: number | null): number | null => (step === null ? null : barOfStep(step, sub));
  const exoLiquidated = new Set(o.exogenous.positions.filter((p) => p.liquidated).map((p) => p.positionId));
  return {
    mode,
    liquidated: o.realised.liquidated,
    liquidatedStep: bar(o.realised.liquidatedStep),
    loss: o.realised.loss,
    badDebt: o.realised.badDebt,
    adl: o.realised.positions.some((p) => p.closedByAdl || p.adlExposed),
    liquidatedByCascade: o.realised.liquidated && !o.exogenous.liquidated,
    positions: o.realised.positions.map((p) => ({
      positionId: p.positionId,
      symbol: p.symbol,
      liquidated: p.liquidated,
      liquidatedStep: bar(p.liquidatedStep),
      liquidatedByCascade: p.liquidated && !exoLiquidated.has(p.positionId),
      adlSize: p.adlSize,
      adlExposed: p.adlExposed,
      adlProbability: null,
    })),
  };
}

/** Own accounts' results of one path (a replay; `sub` engine steps per reported step). */
export function replayOwnResults(outcomes: OwnPathOutcomes, sub = 1): OwnAccountResult[] {
  return [...outcomes].map(([account, modes]) => ({
    account,
    modes: Object.fromEntries(MODE_NAMES.map((m) => [m, modeResult(m, modes[m], sub)])) as Record<ModeName, OwnModeResult>,
  }));
}

interface PositionTally {
  positionId: string;
  symbol: string;
  liquidated: number;
  byCascade: number;
  adl: number;
}

interface ModeTally {
  liquidated: number;
  loss: number;
  badDebt: number;
  adl: number;
  byCascade: number;
  positions: PositionTally[];
}

/** The sums of an accumulator, as plain data. */
export interface PathsSnapshot {
  readonly paths: number;
  readonly exoAbs: Float64Array;
  readonly realisedAbs: Float64Array;
  readonly exoMove: Float64Array;
  readonly realisedMove: Float64Array;
  readonly notional: Float64Array;
  readonly roundNotional: Float64Array;
  readonly rounds: Float64Array;
  readonly paid: number;
  readonly received: number;
  readonly end: number;
  readonly minimum: number;
  readonly depleted: number;
  readonly capHits: number;
  readonly maxRounds: number;
  readonly unmatched: number;
  readonly worst: CascadeMarketResult['conservation'];
  readonly fundStart: number;
  readonly own: ReadonlyMap<string, Record<ModeName, ModeTally>>;
}

/** Sums over Monte Carlo paths, turned into means and probabilities by `finish`. */
export class PathsAccumulator {
  private paths = 0;
  private readonly exoAbs: Float64Array;
  private readonly realisedAbs: Float64Array;
  private readonly exoMove: Float64Array;
  private readonly realisedMove: Float64Array;
  private readonly notional: Float64Array;
  private readonly roundNotional: Float64Array;
  private readonly rounds: Float64Array;
  private paid = 0;
  private received = 0;
  private end = 0;
  private minimum = Infinity;
  private depleted = 0;
  private capHits = 0;
  private maxRounds = 0;
  private unmatched = 0;
  private worst: CascadeMarketResult['conservation'] = { accounts: 0, fund: 0, outside: 0, feesToVenue: 0, residual: 0 };
  private fundStart = 0;
  private readonly own = new Map<string, Record<ModeName, ModeTally>>();

  constructor(private readonly market: CascadeMarket) {
    const nS = market.symbols.length;
    this.exoAbs = new Float64Array(nS);
    this.realisedAbs = new Float64Array(nS);
    this.exoMove = new Float64Array(nS);
    this.realisedMove = new Float64Array(nS);
    this.notional = new Float64Array(nS);
    this.roundNotional = new Float64Array(nS * MAX_ROUNDS_PER_STEP);
    this.rounds = new Float64Array(nS);
  }

  add(state: CascadeState, path: ExogenousPath, own: OwnPathOutcomes, checkConservation: boolean): void {
    const m = this.market;
    const nS = m.symbols.length;
    this.paths++;
    for (let s = 0; s < nS; s++) {
      const exo = exogenousLog(path, nS, s);
      const realised = Math.log(state.price[s]! / m.startPrice[s]!);
      this.exoAbs[s]! += Math.abs(exo);
      this.realisedAbs[s]! += Math.abs(realised);
      this.exoMove[s]! += Math.expm1(exo);
      this.realisedMove[s]! += Math.expm1(realised);
      this.notional[s]! += state.liquidatedNotional[s]!;
      this.rounds[s]! += state.symbolRounds[s]!;
    }
    for (let k = 0; k < this.roundNotional.length; k++) this.roundNotional[k]! += state.roundNotional[k]!;
    this.fundStart = state.fundStart;
    this.paid += state.fundPaid;
    this.received += state.fundReceived;
    this.end += state.fund;
    this.minimum = Math.min(this.minimum, state.fundMinimum);
    if (state.fundExhausted) this.depleted++;
    this.capHits += state.roundCapHits;
    this.maxRounds = Math.max(this.maxRounds, state.maxRoundsInStep);
    this.unmatched += state.adlUnmatchedUnits;
    if (checkConservation) {
      const ledger = conservationLedger(m, state);
      if (Math.abs(ledger.residual) >= Math.abs(this.worst.residual)) this.worst = ledger;
    }
    for (const [account, modes] of own) {
      let tally = this.own.get(account);
      if (tally === undefined) {
        tally = Object.fromEntries(
          MODE_NAMES.map((mode) => [mode, { liquidated: 0, loss: 0, badDebt: 0, adl: 0, byCascade: 0, positions: modes[mode].realised.positions.map((p) => ({ positionId: p.positionId, symbol: p.symbol, liquidated: 0, byCascade: 0, adl: 0 })) }]),
        ) as Record<ModeName, ModeTally>;
        this.own.set(account, tally);
      }
      for (const mode of MODE_NAMES) {
        const t = tally[mode];
        const r = modes[mode].realised;
        const e = modes[mode].exogenous;
        if (r.liquidated) t.liquidated++;
        if (r.liquidated && !e.liquidated) t.byCascade++;
        t.loss += r.loss;
        t.badDebt += r.badDebt;
        if (r.positions.some((p) => p.closedByAdl || p.adlExposed)) t.adl++;
        r.positions.forEach((p, k) => {
          const pt = t.positions[k]!;
          if (p.liquidated) pt.liquidated++;
          if (p.liquidated && !e.positions[k]!.liquidated) pt.byCascade++;
          if (p.adlExposed) pt.adl++;
        });
      }
    }
  }

  /** The sums so far (structured-cloneable: what a worker thread sends back for a block). */
  snapshot(): PathsSnapshot {
    const { paths, exoAbs, realisedAbs, exoMove, realisedMove, notional, roundNotional, rounds, paid, received, end, minimum, depleted, capHits, maxRounds, unmatched, worst, fundStart, own } = this;
    return { paths, exoAbs, realisedAbs, exoMove, realisedMove, notional, roundNotional, rounds, paid, received, end, minimum, depleted, capHits, maxRounds, unmatched, worst, fundStart, own };
  }

  /** Adds the sums of later paths (blocks are merged in block order: same sums whatever the threads). */
  merge(b: PathsSnapshot): void {
    if (b.paths === 0) return;
    this.paths += b.paths;
    for (const key of ['exoAbs', 'realisedAbs', 'exoMove', 'realisedMove', 'notional', 'roundNotional', 'rounds'] as const) {
      const into = this[key];
      const from = b[key];
      for (let k = 0; k < into.length; k++) into[k]! += from[k]!;
    }
    this.paid += b.paid;
    this.received += b.received;
    this.end += b.end;
    this.minimum = Math.min(this.minimum, b.minimum);
    this.depleted += b.depleted;
    this.capHits += b.capHits;
    this.maxRounds = Math.max(this.maxRounds, b.maxRounds);
    this.unmatched += b.unmatched;
    if (Math.abs(b.worst.residual) >= Math.abs(this.worst.residual)) this.worst = b.worst;
    this.fundStart = b.fundStart;
    for (const [account, modes] of b.own) {
      const tally = this.own.get(account);
      if (tally === undefined) {
        this.own.set(account, structuredClone(modes));
        continue;
      }
      for (const mode of MODE_NAMES) {
        const t = tally[mode];
        const f = modes[mode];
        t.liquidated += f.liquidated;
        t.loss += f.loss;
        t.badDebt += f.badDebt;
        t.adl += f.adl;
        t.byCascade += f.byCascade;
        t.positions.forEach((p, k) => {
          const q = f.positions[k]!;
          p.liquidated += q.liquidated;
          p.byCascade += q.byCascade;
          p.adl += q.adl;
        });
      }
    }
  }

  finish(inputs: CascadeResultMarketInputs): { market: CascadeMarketResult; accounts: OwnAccountResult[] } {
    const m = this.market;
    const n = Math.max(1, this.paths);
    const symbols: CascadeSymbolResult[] = m.symbols.map((symbol, s) => {
      const rounds: number[] = [];
      for (let r = 0; r < MAX_ROUNDS_PER_STEP; r++) rounds.push(this.roundNotional[s * MAX_ROUNDS_PER_STEP + r]! / n);
      while (rounds.length > 0 && rounds[rounds.length - 1] === 0) rounds.pop();
      return {
        symbol,
        startPrice: m.startPrice[s]!,
        exogenousMove: this.exoMove[s]! / n,
        realisedMove: this.realisedMove[s]! / n,
        finalPrice: null,
        amplification: this.exoAbs[s]! > 0 ? this.realisedAbs[s]! / this.exoAbs[s]! : null,
        liquidatedNotional: this.notional[s]! / n,
        liquidatedNotionalByRound: rounds,
        rounds: this.rounds[s]! / n,
      };
    });
    const market: CascadeMarketResult = {
      accounts: inputs.accountCount,
      positions: m.positionCount,
      symbols,
      insuranceFund: [{ asset: m.asset, start: this.fundStart, paid: this.paid / n, received: this.received / n, end: this.end / n, minimum: this.paths === 0 ? this.fundStart : this.minimum, path: null, depletionProbability: this.depleted / n }],
      adl: [],
      roundCapHits: this.capHits,
      maxRoundsInStep: this.maxRounds,
      adlUnmatchedSize: this.unmatched / n,
      conservation: this.worst,
    };
    const accounts = [...this.own].map(([account, tally]) => ({
      account,
      modes: Object.fromEntries(
        MODE_NAMES.map((mode) => {
          const t = tally[mode];
          const result: OwnModeResult = {
            mode,
            liquidated: t.liquidated / n,
            liquidatedStep: null,
            loss: t.loss / n,
            badDebt: t.badDebt / n,
            adl: t.adl / n,
            liquidatedByCascade: t.byCascade / n,
            positions: t.positions.map((p) => ({ positionId: p.positionId, symbol: p.symbol, liquidated: p.liquidated / n, liquidatedStep: null, liquidatedByCascade: p.byCascade / n, adlSize: null, adlExposed: null, adlProbability: p.adl / n })),
          };
          return [mode, result];
        }),
      ) as Record<ModeName, OwnModeResult>,
    }));
    return { market, accounts };
  }
}
