// The data one report shows: the inputs that shaped it and, per account, the point-in-time
// evaluation plus whatever shock analyses were run (Monte Carlo summary, contagion, the joint
// liquidation boundary of two symbols, historical replays). Every section but the evaluation is
// optional; renderers show what is present and skip the rest. These are input shapes for the
// report only, kept minimal so results of the simulation and replay engines map onto them.

import type { AccountEvaluation, ModeName } from '../../margin/evaluation.js';
import type { AccountVerdict } from '../../verdict/account-verdict.js';
import type { EvaluateReportInputs } from '../evaluate/evaluate-document.js';
import type { ExportReadEcho } from '../simulate/simulate-document.js';
import type { LeftOutAccount } from '../left-out-accounts.js';

/** One value per margin mode (exported | isolated | cross). */
export type PerMode<T> = Readonly<Record<ModeName, T>>;

/** Tail-risk numbers keyed by confidence level as text, e.g. `{ "0.95": 120.5, "0.99": 410 }`. */
export type ByConfidence = Readonly<Record<string, number>>;

/** Monte Carlo results of one mode; losses are positive amounts of the section's `asset`. */
export interface ModeSimulationSummary {
  /** Fraction of paths (0..1) on which any position of the account is liquidated. */
  readonly liquidationProbability: number;
  /** Mean loss over all paths. */
  readonly expectedLoss: number;
  /** Loss not exceeded with the given confidence, keyed `"0.95"`, `"0.99"`… */
  readonly valueAtRisk: ByConfidence;
  /** Mean loss beyond the value at risk of the same confidence. */
  readonly expectedShortfall: ByConfidence;
  /**
   * Mean bad debt: the deficit of a liquidated pool beyond the liquidation fees its remaining
   * margin could not pay (those are waived, not bad debt), borne by the venue.
   */
  readonly expectedBadDebt: number;
  /** One Monte Carlo standard error of each estimate above (null where none); optional. */
  readonly standardErrors?: {
    readonly liquidationProbability: number | null;
    readonly expectedLoss: number | null;
    readonly valueAtRisk: Readonly<Record<string, number | null>>;
    readonly expectedShortfall: Readonly<Record<string, number | null>>;
    readonly expectedBadDebt: number | null;
  };
}

/** Distribution of the loss over paths, per mode, on shared bins. */
export interface LossHistogram {
  /** Ascending bin edges, in the section's `asset`; bin i is [edge i, edge i+1). */
  readonly lossBinEdges: readonly number[];
  /** Number of paths per bin, `lossBinEdges.length - 1` counts per mode. */
  readonly countsByMode: PerMode<readonly number[]>;
}

/** `simulate` results of one account. */
export interface SimulationSection {
  /** Asset every amount of this section is in (the settlement asset, or the quote when mixed). */
  readonly asset: string;
  readonly modes: PerMode<ModeSimulationSummary>;
  /** Optional: the loss distribution chart and table need it. */
  readonly lossHistogram?: LossHistogram;
}

/** A position blamed (in part) for another's fate. */
export interface ContagionSectionCause {
  readonly positionId: string;
  /** Share of the blame (0..1); with `othersShare` and a rescue's `collateralShare` an entry sums to 1. */
  readonly share: number;
}

/** A victim (liquidated in cross, survives isolated) or a rescue (the reverse). */
export interface ContagionSectionEntry {
  readonly positionId: string;
  /** Probability (0..1) over paths; 1 or 0 for a replay. */
  readonly probability: number;
  readonly causes: readonly ContagionSectionCause[];
  /** The summed share of causes not listed (only the top causes are), when any. */
  readonly othersShare?: number;
  /** A rescue's share held up by the pool's shared collateral (with the causes it sums to 1). */
  readonly collateralShare?: number;
}

/** Probability that each cause drags each victim into liquidation in cross. */
export interface ContagionSectionMatrix {
  readonly causeIds: readonly string[];
  readonly victimIds: readonly string[];
  /** `probability[c][v]` for cause `causeIds[c]` and victim `victimIds[v]`, 0..1. */
  readonly probability: readonly (readonly number[])[];
}

/** Which positions cross margin drags into liquidation, and which it saves. */
export interface ContagionSection {
  readonly victims: readonly ContagionSectionEntry[];
  readonly rescues: readonly ContagionSectionEntry[];
  /** Cause × victim; when absent it is derived from `victims` (probability × share). */
  readonly matrix?: ContagionSectionMatrix;
}

/** One axis of the joint boundary: what moves and the fractional moves of its mark tried. */
export interface JointBoundarySectionAxis {
  /** Axis label: the symbol, or the base asset (e.g. `BTC`) when all its symbols move together. */
  readonly symbol: string;
  /** Ascending fractional moves of the mark, e.g. -0.3 … +0.3 (0.1 = +10 %). */
  readonly moves: readonly number[];
}

/** Where the cross pool is liquidated when two symbols move together, other marks unchanged. */
export interface JointBoundarySection {
  readonly first: JointBoundarySectionAxis;
  readonly second: JointBoundarySectionAxis;
  /** `liquidatedInCross[i][j]`: liquidated when `first` moves `first.moves[i]` and `second` moves `second.moves[j]`. */
  readonly liquidatedInCross: readonly (readonly boolean[])[];
  /**
   * Each axis moved alone, the other at its mark: the exact moves nearest to the mark where the
   * pool is liquidated (simulate's JSON `jointBoundary.alone`); null where none. When absent the
   * sentences read the grid.
   */
  readonly alone?: { readonly first: ExactAxisMoves; readonly second: ExactAxisMoves };
}

/** Exact moves of one axis to the boundary, below and above the mark. */
export interface ExactAxisMoves {
  readonly below: number | null;
  readonly above: number | null;
}

/** One historical (or user-supplied) price path replayed against the account. */
export interface ReplaySeries {
  /** Event name, e.g. `2020-03-12`, or `prices` for the user's own paths. */
  readonly event: string;
  /** Asset of the equity values. */
  readonly asset: string;
  /** Step times, milliseconds since the Unix epoch (UTC), ascending. */
  readonly timestampsMs: readonly number[];
  /** Account equity at each step, per mode (same length as `timestampsMs`). */
  readonly equityByMode: PerMode<readonly number[]>;
  /**
   * Time of the first liquidation per mode (epoch ms), null when none; optional. The start of
   * the bar (step) it happened in, as replay's `liquidatedAt`.
   */
  readonly liquidatedAtMsByMode?: PerMode<number | null>;
  /** Loss over the path per mode (equity at the start − at the end; replay's `loss`); optional. */
  readonly lossByMode?: PerMode<number>;
  /** Bad debt per mode (replay's `badDebt`); optional. */
  readonly badDebtByMode?: PerMode<number>;
}

/** Everything the report shows about one account. */
export interface AccountReport {
  readonly evaluation: AccountEvaluation;
  readonly simulation?: SimulationSection;
  readonly contagion?: ContagionSection;
  readonly jointBoundary?: JointBoundarySection;
  readonly replays?: readonly ReplaySeries[];
  /** Which mode is safer by every lens the report computed (distance, stress, Monte Carlo, each replay). */
  readonly verdict?: AccountVerdict;
}

/** Monte Carlo settings, echoed at the top of the report. */
export interface SimulationInputs {
  readonly paths: number;
  /** As given, e.g. `24h`. */
  readonly horizon: string;
  readonly steps: number;
  readonly seed: string;
  /** `gbm`, `student-t` or `bootstrap`. */
  readonly model: string;
}

/** The inputs that shaped the report, echoed so it explains itself. */
export interface ReportInputs {
  /** Document title; a default is used when absent. */
  readonly title?: string;
  readonly evaluate: EvaluateReportInputs;
  /** The venue export the positions file was read as, and its `--with` files; absent for the canonical CSV. */
  readonly exportRead?: ExportReadEcho;
  readonly simulation?: SimulationInputs;
  /** Replayed event names. */
  readonly replayEvents?: readonly string[];
  /** When the report was generated, as text (e.g. ISO 8601); omitted when absent. */
  readonly generatedAt?: string;
  /** The time the book is valued at, as given (`--as-of`); omitted when absent, so output stays deterministic. */
  readonly asOf?: string;
  /** The marginscope version that wrote the report (shown in the footer). */
  readonly toolVersion?: string;
  /** Accounts left out under `--skip-invalid` for input problems; absent or empty: none. */
  readonly leftOut?: readonly LeftOutAccount[];
}

/** A whole report held in memory; large batches use the streaming writers instead. */
export interface ReportModel {
  readonly inputs: ReportInputs;
  readonly accounts: readonly AccountReport[];
}

/** Title used when the inputs carry none. */
export const DEFAULT_REPORT_TITLE = 'Margin risk report';

/** Account equity along a replayed path, per margin mode (computed by the report flow). */
export interface EquityCurve {
  /** Epoch ms of each point: the start, then the end of each checkpoint step. */
  readonly timestampsMs: number[];
  /** Equity in the book's reporting asset at each point, per mode. */
  readonly equityByMode: PerMode<number[]>;
}
