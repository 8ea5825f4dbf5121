// Everything that shapes a Monte Carlo run apart from the book: the model, paths, horizon, seed,
// slippage and model inputs, the optional analyses (`--recommend`, the joint boundary) and the
// hooks a caller can attach (progress, a per-path observer).

import type { PathObserver } from '../kernel/path-record.js';
import type { ModeObjective } from '../recommendation/mode-objective.js';
import type { Calibration } from '../scenarios/calibration/calibration.js';
import type { CorrelationSource } from '../scenarios/calibration/resolve-model-inputs.js';
import type { PathModelRequest } from '../scenarios/build-path-model.js';
import type { PathModelKind } from '../scenarios/models/path-model.js';
import type { ReturnHistory } from '../scenarios/models/return-history.js';

/** Hours in the contract's 365-day year. */
export const HOURS_PER_YEAR = 365 * 24;

/** Everything that shapes a Monte Carlo run, apart from the book. */
export interface SimulationSettings {
  readonly model: PathModelKind;
  readonly paths: number;
  readonly horizonHours: number;
  /** Monitoring steps over the horizon. */
  readonly steps: number;
  /** Integer in [0, 2^53). Same seed and inputs, same numbers, whatever `threads`. */
  readonly seed: number;
  /** Worker threads (default: all cores); never changes the result. */
  readonly threads?: number;
  /** Liquidations fill this many basis points beyond the trigger price. */
  readonly slippageBps: number;
  /** From `--history`, else the built-in one (src/io/bundled-calibration.ts). */
  readonly calibration: Calibration | null;
  /** `--vol SYMBOL=ANNUAL_VOL`, keyed by symbol as given (upper case). */
  readonly volOverrides: ReadonlyMap<string, number>;
  /** `--corr`; default: the calibration's correlation. */
  readonly correlation?: CorrelationSource;
  /** `--df` for student-t; default from the calibration. */
  readonly df?: number;
  /** Return history the bootstrap resamples. */
  readonly bootstrapHistory: ReturnHistory | null;
  /** Recommend margin modes per account (`--recommend`); absent: no recommendation. */
  readonly recommend?: RecommendSettings;
  /** The joint liquidation boundary per account; absent: none (`--no-boundary`). */
  readonly boundary?: BoundarySettings;
}

/** Most paths a recommendation evaluates each candidate on. */
export const RECOMMEND_MAX_PATHS = 5_000;
/** Candidate × path evaluations a recommendation may spend per account (about 5 s at 6 positions). */
export const RECOMMEND_PATH_BUDGET = 500_000;
/** Fewest paths per candidate whatever the candidate count (unless the simulation has fewer). */
export const RECOMMEND_MIN_PATHS = 500;
/** Positions searched exhaustively; beyond, the local search of `recommendModes`. */
export const RECOMMEND_EXHAUSTIVE_LIMIT = 10;

/**
 * How `simulate --recommend` searches: every candidate (the three modes, and each "isolate these
 * positions, split the same capital by policy P") on the same first paths of the run's seed.
 */
export interface RecommendSettings {
  readonly objective: ModeObjective;
  /** Most paths per candidate (default RECOMMEND_MAX_PATHS). */
  readonly maxPaths?: number;
  /** Candidate × path evaluations per account (default RECOMMEND_PATH_BUDGET). */
  readonly pathBudget?: number;
}

/** The joint liquidation boundary's grid. */
export interface BoundarySettings {
  /** Grid points per axis, >= 2 (moves from −60 % to +60 %). */
  readonly gridPoints: number;
}

/** Hooks into a run: progress, and every path's record (e.g. for a loss histogram). */
export interface SimulationHooks {
  readonly onProgress?: (account: string, pathsDone: number, pathsTotal: number) => void;
  readonly observer?: (account: string) => PathObserver | undefined;
  /**
   * True to check the account (its problems are still reported) without simulating it, e.g. once
   * a problem elsewhere has stopped the run.
   */
  readonly skip?: (account: string) => boolean;
}

/** What `buildPathModel` needs to build the run's model for `assets`: one place maps the settings. */
export function pathModelRequest(settings: SimulationSettings, assets: readonly string[]): PathModelRequest {
  return {
    model: settings.model,
    assets,
    horizonYears: settings.horizonHours / HOURS_PER_YEAR,
    nSteps: settings.steps,
    calibration: settings.calibration,
    volOverrides: settings.volOverrides,
    ...(settings.correlation === undefined ? {} : { correlation: settings.correlation }),
    ...(settings.df === undefined ? {} : { df: settings.df }),
    bootstrapHistory: settings.bootstrapHistory,
  };
}
