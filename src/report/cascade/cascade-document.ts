// The cascade document every writer starts from: the run's inputs echoed, and the result of the
// flow (src/flows/cascade.ts). `cascadeJsonValue` is the JSON shape (`marginscope/cascade@1`):
// a replay has `events[]`, each with its `market` and `accounts`; a Monte Carlo run puts
// `market` and `accounts` at the top. Names of the key figures are cascade.md's.

import type { CascadeEventResult, CascadeMarketResult, CascadeResult, OwnAccountResult } from '../../cascade/cascade-result.js';
import { MODE_NAMES } from '../../margin/evaluation.js';
import type { JsonValue } from '../format/json-text.js';

const CASCADE_SCHEMA = 'marginscope/cascade@1';

export interface CascadeReportInputs {
  readonly venue: string;
  readonly files: { readonly positions: string; readonly crowd: string | null; readonly balances: string | null; readonly depth: readonly string[]; readonly prices: string | null };
  readonly depth: readonly { readonly symbol: string; readonly bid1pct: number; readonly ask1pct: number }[];
  readonly resilienceHours: number | null;
  readonly simulation: { readonly paths: number; readonly horizon: string; readonly steps: number; readonly seed: number; readonly model: string } | null;
}

const num = (x: number): number => (Number.isFinite(x) ? x : 0);

function marketJson(market: CascadeMarketResult): JsonValue {
  return {
    accounts: market.accounts,
    positions: market.positions,
    symbols: market.symbols.map((s) => ({
      symbol: s.symbol,
      startPrice: s.startPrice,
      exogenousMove: s.exogenousMove,
      realisedMove: s.realisedMove,
      finalPrice: s.finalPrice,
      amplification: s.amplification,
      liquidatedNotional: s.liquidatedNotional,
      liquidatedNotionalByRound: [...s.liquidatedNotionalByRound],
      rounds: s.rounds,
    })),
    insuranceFund: market.insuranceFund.map((f) => ({
      asset: f.asset,
      start: num(f.start),
      paid: f.paid,
      received: f.received,
      end: num(f.end),
      minimum: num(f.minimum),
      ...(f.path === null ? {} : { path: f.path.map(num) }),
      ...(f.depletionProbability === null ? {} : { depletionProbability: f.depletionProbability }),
    })),
    adl: market.adl.map((a) => ({ ...a })),
    adlUnmatchedSize: market.adlUnmatchedSize,
    roundCapHits: market.roundCapHits,
    roundCapReached: market.roundCapHits > 0,
    maxRoundsInStep: market.maxRoundsInStep,
    conservation: { ...market.conservation },
  };
}

function accountsJson(accounts: readonly OwnAccountResult[]): JsonValue {
  return accounts.map((a) => ({
    account: a.account,
    modes: Object.fromEntries(
      MODE_NAMES.map((mode) => {
        const m = a.modes[mode];
        return [
          mode,
          {
            liquidated: m.liquidated,
            liquidatedStep: m.liquidatedStep,
            loss: m.loss,
            badDebt: m.badDebt,
            adl: m.adl,
            liquidatedByCascade: m.liquidatedByCascade,
            positions: m.positions.map((p) => ({
              positionId: p.positionId,
              symbol: p.symbol,
              liquidated: p.liquidated,
              liquidatedStep: p.liquidatedStep,
              liquidatedByCascade: p.liquidatedByCascade,
              ...(p.adlSize === null ? {} : { adlSize: p.adlSize }),
              ...(p.adlExposed === null ? {} : { adlExposed: p.adlExposed }),
              ...(p.adlProbability === null ? {} : { adlProbability: p.adlProbability }),
            })),
          },
        ];
      }),
    ),
  }));
}

function eventJson(e: CascadeEventResult): JsonValue {
  return { event: e.event, start: new Date(e.startMs).toISOString(), end: new Date(e.endMs).toISOString(), steps: e.steps, market: marketJson(e.market), accounts: accountsJson(e.accounts) };
}

/** The whole document as JSON values. */
export function cascadeJsonValue(result: CascadeResult, inputs: CascadeReportInputs): JsonValue {
  const head = {
    schema: CASCADE_SCHEMA,
    kind: result.events !== null ? 'replay' : 'monte-carlo',
    venue: inputs.venue,
    asset: result.asset,
    files: { ...inputs.files, depth: [...inputs.files.depth] },
    depth: inputs.depth.map((d) => ({ symbol: d.symbol, bidDepth1pct: d.bid1pct, askDepth1pct: d.ask1pct })),
    insuranceFund: { asset: result.asset, amount: result.fund },
    resilienceHalfLifeHours: inputs.resilienceHours,
    ...(inputs.simulation === null ? {} : { ...inputs.simulation }),
    marketAccounts: result.accounts,
    marketPositions: result.positions,
    notes: [...result.notes],
  };
  if (result.events !== null) return { ...head, events: result.events.map(eventJson) };
  return { ...head, market: marketJson(result.market!), accounts: accountsJson(result.ownAccounts!) };
}
