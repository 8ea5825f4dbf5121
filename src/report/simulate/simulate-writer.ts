// The streaming shape of every `simulate` output format (begin, one account at a time, end), the
// inputs echoed at the top of each document, and the registry the CLI picks a writer from.

import type { ModeObjective } from '../../recommendation/mode-objective.js';
import type { VenueName } from '../../domain/venue-name.js';
import type { AllocationPolicy } from '../../margin/evaluation.js';
import type { PathModelKind } from '../../scenarios/models/path-model.js';
import type { AccountSimulation } from '../../results/shock-results.js';
import type { AccountJointBoundary } from '../../boundary/account-joint-boundary.js';
import type { AccountRecommendation } from '../../recommendation/recommendation-summary.js';
import { EVALUATE_FORMATS, type EvaluateFormat } from '../evaluate/evaluate-writer.js';
import { createCsvSimulateWriter } from './csv-writer.js';
import { createJsonSimulateWriter } from './json-writer.js';
import { createMarkdownSimulateWriter } from './markdown-writer.js';
import { createTableSimulateWriter } from './table-writer.js';

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
  /** `--recommend`: what it minimises and how many paths a candidate gets at most; null or absent: none. */
  readonly recommend?: RecommendEcho | null;
  /** `--boundary-grid` (grid points per axis); null or absent: no boundary (`--no-boundary`). */
  readonly boundaryGrid?: number | null;
}

/** The recommendation's settings as echoed. */
export interface RecommendEcho {
  readonly objective: ModeObjective;
  /** Most paths per candidate. */
  readonly maxPaths: number;
  /** Candidate × path evaluations per account: accounts with many candidates get fewer paths. */
  readonly pathBudget: number;
}

/** One simulated account with the optional analyses of `simulate`. */
export interface SimulatedAccount extends AccountSimulation {
  /** With `--recommend`: the best margin set-up on common paths, against the three modes. */
  readonly recommendation?: AccountRecommendation;
  /** Absent with `--no-boundary`; null when the largest cross pool is on fewer than two assets. */
  readonly jointBoundary?: AccountJointBoundary | null;
}

/** A stateful writer for one document: `begin` once, `account` per account in order, `end` once. */
export interface SimulateReportWriter {
  begin(inputs: SimulateReportInputs): string;
  account(simulation: SimulatedAccount): string;
  end(): string;
}

/** The `--format` values of `simulate` (those of `evaluate`). */
export const SIMULATE_FORMATS: readonly EvaluateFormat[] = EVALUATE_FORMATS;

const WRITERS: Readonly<Record<EvaluateFormat, (color: boolean) => SimulateReportWriter>> = {
  table: (color) => createTableSimulateWriter({ color }),
  json: () => createJsonSimulateWriter(),
  csv: () => createCsvSimulateWriter(),
  markdown: () => createMarkdownSimulateWriter(),
};

/** A fresh writer for one document in `format` (colour only affects the table). */
export function createSimulateWriter(format: EvaluateFormat, options: { readonly color: boolean }): SimulateReportWriter {
  return WRITERS[format](options.color);
}
