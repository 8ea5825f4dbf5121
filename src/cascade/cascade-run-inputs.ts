// What the result builders need to know about a run beyond the engine's state: how many accounts
// the market holds and how an internal account name is shown (crowd accounts as `crowd:NAME`).

export interface CascadeResultMarketInputs {
  readonly accountCount: number;
  readonly displayAccount: (marketName: string) => string;
  /** Engine steps per reported step (a replay walks each bar in 3 sub-steps; default 1). */
  readonly subStepsPerStep?: number;
}
