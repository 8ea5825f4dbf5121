// What a simulate or replay run produces for one account: the kernel's outcome together with its
// contagion (and, for simulate, the optional recommendation and joint boundary), in plain types
// the report layer renders. (The flows that compute them are in src/flows/shock-flows.ts.)

import type { Side } from '../domain/position.js';
import type { AccountShockOutcome } from '../kernel/outcomes.js';
import type { ReplayModeOutcome } from '../kernel/run-replay.js';
import type { ModeName } from '../margin/evaluation.js';
import type { PathModelInputs } from '../scenarios/build-path-model.js';
import type { HistoricalEvent } from '../scenarios/events/historical-event.js';
import type { ReplayAssetSource } from '../scenarios/events/replay-path.js';
import type { UserPriceSeries } from '../scenarios/events/user-price-paths.js';
import type { AccountContagion } from '../contagion/contagion-summary.js';
import type { AccountJointBoundary } from '../boundary/account-joint-boundary.js';
import type { AccountRecommendation } from '../recommendation/recommendation-summary.js';

/** How a position is named to a person: its id, symbol and side. */
export interface PositionLabel {
  readonly positionId: string;
  readonly symbol: string;
  readonly side: Side;
}

/** The Monte Carlo result of one account. */
export interface AccountSimulation {
  readonly account: string;
  readonly outcome: AccountShockOutcome;
  readonly contagion: AccountContagion;
  /** Model columns (the account's base assets) and what each was given. */
  readonly modelAssets: readonly string[];
  readonly modelInputs: PathModelInputs;
  /** In the book's order (the order of `outcome.modes[*].positions`). */
  readonly positions: readonly PositionLabel[];
  /** Plain-words caveats: compilation warnings and model notes (correlation repaired…). */
  readonly notes: readonly string[];
}

/** One simulated account with the optional analyses of `simulate`. */
export interface SimulatedAccount extends AccountSimulation {
  /** With `--recommend`: the best margin set-up on common paths, against the three modes. */
  readonly recommendation?: AccountRecommendation;
  /** Absent with `--no-boundary`; null when the largest cross pool is on fewer than two assets. */
  readonly jointBoundary?: AccountJointBoundary | null;
}

/** A path to replay: a historical event from the library, or the user's own prices (`--prices`). */
export type ReplayScenario =
  | { readonly kind: 'event'; readonly event: HistoricalEvent }
  | { readonly kind: 'prices'; readonly label: string; readonly series: ReadonlyMap<string, UserPriceSeries> };

/** One scenario replayed on one account. */
export interface ScenarioReplay {
  /** Event name, or `prices`. */
  readonly scenario: string;
  readonly startMs: number;
  readonly endMs: number;
  /** The account's base assets and how each one's path was obtained (own, alias, stable, proxy, user). */
  readonly assets: readonly string[];
  readonly sources: readonly ReplayAssetSource[];
  /** End time of each step, epoch ms (step k ends at stepEndMs[k − 1]; step 0 is the start). */
  readonly stepEndMs: Float64Array;
  /** Per mode: liquidated, when (step), loss, bad debt, minimum equity, positions. */
  readonly modes: Readonly<Record<ModeName, ReplayModeOutcome>>;
  readonly contagion: AccountContagion;
}

export interface AccountReplay {
  readonly account: string;
  /** In the book's order (the order of each mode's `positions`). */
  readonly positions: readonly PositionLabel[];
  readonly replays: readonly ScenarioReplay[];
  readonly notes: readonly string[];
}

