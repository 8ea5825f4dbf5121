// `--format json` for simulate: the `marginscope/simulate@1` document of the public contract.
// Objects are built field by field in a fixed order and nothing depends on threads or timing,
// so the same seed and inputs give the same bytes. Numbers are finite (a non-finite one is a
// bug and throws); `null` only for a standard error or a quantile that does not exist.

import type { ModeShockOutcome, PositionShockOutcome } from '../../kernel/outcomes.js';
import { MODE_NAMES } from '../../margin/evaluation.js';
import type { PositionLabel, SimulatedAccount } from '../../results/shock-results.js';
import { jsonAccountsArray, jsonDocumentStart } from '../format/json-document.js';
import type { JsonValue } from '../format/json-text.js';
import { jointBoundaryJson } from './boundary-json.js';
import { simulationVerdict } from '../../verdict/simulation-verdict.js';
import { verdictJson } from '../verdict/verdict-json.js';
import { contagionJson } from './contagion-json.js';
import { recommendationJson } from './recommendation-json.js';
import type { ExportReadEcho, SimulateEnd, SimulateReportInputs, SimulateReportWriter } from './simulate-document.js';
import { leftOutJson } from '../left-out-accounts.js';

/** Schema id; the major version changes only if a field is renamed or removed. */
const SIMULATE_JSON_SCHEMA = 'marginscope/simulate@1';

type JsonObject = { readonly [key: string]: JsonValue };

function record(values: Readonly<Record<string, number | null>>): JsonObject {
  return { ...values };
}

function positionJson(p: PositionShockOutcome, label: PositionLabel | undefined): JsonObject {
  return {
    positionId: p.positionId,
    symbol: p.symbol,
    side: label?.side ?? null,
    asset: p.asset,
    liquidationProbability: p.liquidationProbability,
    expectedLoss: p.expectedLoss,
    standardErrors: { liquidationProbability: p.standardErrors.liquidationProbability, expectedLoss: p.standardErrors.expectedLoss },
  };
}

function modeJson(mode: ModeShockOutcome, labels: ReadonlyMap<string, PositionLabel>): JsonObject {
  const se = mode.standardErrors;
  const ttl = mode.timeToLiquidation;
  return {
    mode: mode.mode,
    asset: mode.asset,
    equity: mode.equity,
    liquidationProbability: mode.liquidationProbability,
    expectedLoss: mode.expectedLoss,
    valueAtRisk: record(mode.valueAtRisk),
    expectedShortfall: record(mode.expectedShortfall),
    expectedBadDebt: mode.expectedBadDebt,
    standardErrors: {
      liquidationProbability: se.liquidationProbability,
      expectedLoss: se.expectedLoss,
      valueAtRisk: record(se.valueAtRisk),
      expectedShortfall: record(se.expectedShortfall),
      expectedBadDebt: se.expectedBadDebt,
      horizonEquity: record(se.horizonEquity),
    },
    timeToLiquidation: {
      probability: ttl.probability,
      quantileHours: record(ttl.quantileHours),
      quantileSteps: record(ttl.quantileSteps),
      quantileHoursStandardErrors: record(ttl.quantileHoursStandardErrors),
    },
    horizonEquity: record(mode.horizonEquity),
    positions: mode.positions.map((p) => positionJson(p, labels.get(p.positionId))),
  };
}

/**
 * One account as the contract's JSON object, keys in a fixed order; `recommendation` with
 * `--recommend`, `jointBoundary` unless `--no-boundary` (null when no cross pool spans two assets).
 */
function simulationJson(simulation: SimulatedAccount): JsonObject {
  const labels = new Map(simulation.positions.map((p) => [p.positionId, p]));
  const modes: Record<string, JsonValue> = {};
  for (const name of MODE_NAMES) modes[name] = modeJson(simulation.outcome.modes[name], labels);
  const inputs = simulation.modelInputs;
  return {
    account: simulation.account,
    asset: simulation.outcome.asset,
    model: {
      assets: [...simulation.modelAssets],
      volAnnual: [...inputs.volAnnual],
      volSources: [...inputs.volSources],
      df: inputs.df,
      correlation: inputs.correlation.map((row) => [...row]),
    },
    notes: [...simulation.notes],
    modes,
    contagion: contagionJson(simulation.contagion),
    ...(simulation.recommendation === undefined ? {} : { recommendation: recommendationJson(simulation.recommendation) }),
    ...(simulation.jointBoundary === undefined ? {} : { jointBoundary: simulation.jointBoundary === null ? null : jointBoundaryJson(simulation.jointBoundary) }),
    verdict: verdictJson(simulationVerdict(simulation.outcome)),
  };
}

/** The echoed inputs, in a fixed order. */
function inputsJson(inputs: SimulateReportInputs): JsonObject {
  return {
    schema: SIMULATE_JSON_SCHEMA,
    seed: inputs.seed,
    paths: inputs.paths,
    steps: inputs.steps,
    horizon: inputs.horizon,
    horizonHours: inputs.horizonHours,
    model: inputs.model,
    venue: inputs.venue,
    allocation: inputs.allocation,
    slippageBps: inputs.slippageBps,
    vol: Object.fromEntries([...inputs.vols].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    correlation: { ...inputs.correlation },
    df: inputs.df,
    calibration: { kind: inputs.calibration.kind, files: [...inputs.calibration.files] },
    files: { positions: inputs.files.positions, balances: inputs.files.balances, tiers: inputs.files.tiers },
    wallet: inputs.wallet,
    skipInvalid: inputs.skipInvalid,
    ...exportReadJson(inputs.exportRead),
    recommend: inputs.recommend === undefined || inputs.recommend === null ? null : { objective: inputs.recommend.objective, maxPaths: inputs.recommend.maxPaths, pathBudget: inputs.recommend.pathBudget },
    boundaryGrid: inputs.boundaryGrid ?? null,
  };
}

/** `formatIn` and `with` (when given) of a venue export read as the positions file, as evaluate echoes them; nothing for the canonical CSV. */
export function exportReadJson(echo: ExportReadEcho | undefined): JsonObject {
  if (echo === undefined) return {};
  return echo.withFiles.length === 0 ? { formatIn: echo.formatIn } : { formatIn: echo.formatIn, with: [...echo.withFiles] };
}

/** Streams `{"schema": …, inputs…, "accounts": [ … ]}`, one account at a time. */
export function createJsonSimulateWriter(): SimulateReportWriter {
  const accounts = jsonAccountsArray();
  return {
    begin: (inputs: SimulateReportInputs): string => jsonDocumentStart(inputsJson(inputs)),
    account: (simulation: SimulatedAccount): string => accounts.entry(simulationJson(simulation), simulation.account),
    end: (summary?: SimulateEnd): string => accounts.close(leftOutJson(summary?.leftOut)),
  };
}
