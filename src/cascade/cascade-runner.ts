// The markets of one cascade run and how one exogenous path goes through them: the market itself
// (every account in its exported mode, finite depth, the fund) and the own accounts' price-taker
// markets in the three modes. Plain typed arrays and strings only, so a worker thread gets the
// same markets by structured clone and runs the very same `runPath`.
//   1. the market runs on the exogenous path (rounds, impact, fund, ADL) → the realised path;
//   2. own accounts in isolated and cross run as price takers on the realised path (exported:
//      read from the market itself, ADL included), with their ADL exposure read off the market's
//      ADL queue (src/cascade/adl-exposure.ts);
//   3. own accounts in all three modes run as price takers on the exogenous path, so a
//      liquidation the cascade caused (realised yes, exogenous no) is named.

import { MODE_NAMES, type ModeName } from '../margin/evaluation.js';
import { AdlExposure } from './adl-exposure.js';
import type { CascadeMarket } from './cascade-market.js';
import { CascadeEngine, type ExogenousPath } from './cascade-path.js';
import { AccountPools, type AccountPathOutcome } from './own-outcome.js';
import type { OwnPathOutcomes } from './path-summary.js';

/** What a run is built from (structured-cloneable). */
export interface CascadeMarkets {
  readonly market: CascadeMarket;
  /** The own accounts alone, as price takers, in each mode. */
  readonly shadows: Readonly<Record<ModeName, CascadeMarket>>;
  /** Own account names, in file order (market names). */
  readonly ownNames: readonly string[];
  /** Insurance fund at the start, settlement asset. */
  readonly fund: number;
}

const PRICE_TAKER = { fund: Infinity, impactDecayPerStep: 1, recordAdl: false } as const;

/** Engines allocated once over `CascadeMarkets`; `runPath` per path. */
export class CascadeRunner {
  readonly market: CascadeEngine;
  private readonly marketPools: AccountPools;
  private readonly shadows: Readonly<Record<ModeName, { engine: CascadeEngine; pools: AccountPools; exposure: AdlExposure }>>;
  private realisedReturns = new Float64Array(0);

  constructor(readonly markets: CascadeMarkets) {
    this.market = new CascadeEngine(markets.market);
    this.marketPools = new AccountPools(markets.market);
    this.shadows = Object.fromEntries(
      MODE_NAMES.map((mode) => {
        const engine = new CascadeEngine(markets.shadows[mode]);
        return [mode, { engine, pools: new AccountPools(engine.market), exposure: new AdlExposure(engine.market) }];
      }),
    ) as CascadeRunner['shadows'];
  }

  /** Runs one exogenous path through the market and the own accounts' price-taker markets. */
  runPath(path: ExogenousPath, impactDecayPerStep: number, recordAdl: boolean): OwnPathOutcomes {
    const { market: m, ownNames } = this.markets;
    const state = this.market.run(path, { fund: this.markets.fund, impactDecayPerStep, recordAdl });
    const nS = m.symbols.length;
    if (this.realisedReturns.length !== path.nSteps * nS) this.realisedReturns = new Float64Array(path.nSteps * nS);
    const realisedReturns = this.realisedReturns;
    for (let k = 1; k <= path.nSteps; k++) {
      for (let s = 0; s < nS; s++) {
        const before = k === 1 ? Math.log(m.startPrice[s]!) : state.realisedLogPath[(k - 1) * nS + s]!;
        realisedReturns[(k - 1) * nS + s] = state.realisedLogPath[k * nS + s]! - before;
      }
    }
    const realisedPath: ExogenousPath = { nSteps: path.nSteps, logReturns: realisedReturns };
    const exported = new Map(ownNames.map((name) => [name, this.marketPools.outcome(state, name)]));
    const realised = new Map<ModeName, Map<string, AccountPathOutcome>>();
    const exogenous = new Map<ModeName, Map<string, AccountPathOutcome>>();
    for (const mode of MODE_NAMES) {
      const { engine, pools, exposure } = this.shadows[mode];
      if (mode !== 'exported') {
        exposure.reset(state);
        const st = engine.run(realisedPath, PRICE_TAKER, state.adlEvents.length > 0 ? (s, step) => exposure.check(s, step) : undefined);
        realised.set(mode, new Map(ownNames.map((name) => [name, pools.outcome(st, name, exposure.exposed)])));
      }
      const st = engine.run(path, PRICE_TAKER);
      exogenous.set(mode, new Map(ownNames.map((name) => [name, pools.outcome(st, name)])));
    }
    const out = new Map<string, Record<ModeName, { realised: AccountPathOutcome; exogenous: AccountPathOutcome }>>();
    for (const name of ownNames) {
      out.set(name, {
        exported: { realised: exported.get(name)!, exogenous: exogenous.get('exported')!.get(name)! },
        isolated: { realised: realised.get('isolated')!.get(name)!, exogenous: exogenous.get('isolated')!.get(name)! },
        cross: { realised: realised.get('cross')!.get(name)!, exogenous: exogenous.get('cross')!.get(name)! },
      });
    }
    return out;
  }
}
