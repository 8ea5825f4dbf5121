// The `simulate` document: the inputs echoed at the top of each document and the streaming shape
// every output format implements (begin, one account at a time, end). The accounts it shows are
// SimulatedAccount (src/results/shock-results.ts); formats.ts is the registry of writers.

import type { ModeObjective } from '../../recommendation/mode-objective.js';
import type { VenueName } from '../../domain/venue-name.js';
import type { AllocationPolicy } from '../../margin/evaluation.js';
import type { PathModelKind } from '../../scenarios/models/path-model.js';
import type { SimulatedAccount } from '../../results/shock-results.js';
import type { LeftOutAccount } from '../left-out-accounts.js';

/** Where the model's volatilities, correlation and tails came from. */
export interface CalibrationSource {
  /** `built-in` (data/calibration) or `history` (`--history`). */
  readonly kind: 'built-in' | 'history';
  readonly files: readonly string[];
}

/** `--corr` as echoed: the calibration's matrix, one constant, or a file. */
export type CorrelationEcho = { readonly source: 'calibration' } | { readonly source: 'constant'; readonly rho: number } | { readonly source: 'file'; readonly file: string };

/**
 * The inputs that shape a simulation, echoed so a result explains itself. Nothing here depends
 * on the thread count or the clock, so the same inputs give the same document byte for byte.
 */
export interface SimulateReportInputs {
  readonly seed: number;
  readonly paths: number;
  readonly steps: number;
  /** As given (`24h`), and in hours. */
  readonly horizon: string;
  readonly horizonHours: number;
  readonly model: PathModelKind;
  readonly venue: VenueName;
  readonly allocation: AllocationPolicy;
  readonly slippageBps: number;
  /** `--vol` overrides, symbol → annual volatility. */
  readonly vols: ReadonlyMap<string, number>;
  readonly correlation: CorrelationEcho;
  /** `--df`; null: from the calibration (the value used is in each account's model). */
  readonly df: number | null;
  readonly calibration: CalibrationSource;
  readonly files: { readonly positions: string; readonly balances: string | null; readonly tiers: string | null };
  readonly wallet: number | null;
  readonly skipInvalid: boolean;
  /** The venue export the positions file was read as (`--format-in`, detected), and its `--with` files; absent for the canonical CSV. */
  readonly exportRead?: ExportReadEcho;
  /** `--recommend`: what it minimises and how many paths a candidate gets at most; null or absent: none. */
  readonly recommend?: RecommendEcho | null;
  /** `--boundary-grid` (grid points per axis); null or absent: no boundary (`--no-boundary`). */
  readonly boundaryGrid?: number | null;
}

/** A venue export given as the positions file, as echoed: its format and companion files. */
export interface ExportReadEcho {
  readonly formatIn: string;
  readonly withFiles: readonly string[];
}

/** The recommendation's settings as echoed. */
interface RecommendEcho {
  readonly objective: ModeObjective;
  /** Most paths per candidate. */
  readonly maxPaths: number;
  /** Candidate × path evaluations per account: accounts with many candidates get fewer paths. */
  readonly pathBudget: number;
}

/** What the end of a document says beyond the accounts written. */
export interface SimulateEnd {
  /** Accounts left out under `--skip-invalid` (empty otherwise). */
  readonly leftOut: readonly LeftOutAccount[];
}

/** A stateful writer for one document: `begin` once, `account` per account in order, `end` once. */
export interface SimulateReportWriter {
  begin(inputs: SimulateReportInputs): string;
  account(simulation: SimulatedAccount): string;
  end(summary?: SimulateEnd): string;
}
