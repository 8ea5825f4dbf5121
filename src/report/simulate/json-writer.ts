// `--format json` for simulate: the `marginscope/simulate@1` document of the public contract.
// Objects are built field by field in a fixed order and nothing depends on threads or timing,
// so the same seed and inputs give the same bytes. Numbers are finite (a non-finite one is a
// bug and throws); `null` only for a standard error or a quantile that does not exist.

import type { AccountContagion, ContagionEntry } from '../../contagion/contagion-summary.js';
import type { ModeShockOutcome, PositionShockOutcome } from '../../kernel/outcomes.js';
import { MODE_NAMES } from '../../margin/evaluation.js';
import type { PositionLabel } from '../../results/shock-results.js';
import { jointBoundaryJson } from './boundary-json.js';
import { assertAllFinite } from '../format/find-non-finite.js';
import { jsonText, type JsonValue } from '../format/json-text.js';
import { recommendationJson } from './recommendation-json.js';
import type { SimulatedAccount, SimulateReportInputs, SimulateReportWriter } from './simulate-writer.js';

/** Schema id; the major version changes only if a field is renamed or removed. */
export const SIMULATE_JSON_SCHEMA = 'marginscope/simulate@1';

const INDENT = 2;

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

function entryJson(entry: ContagionEntry, rescue: boolean): JsonObject {
  return {
    positionId: entry.positionId,
    probability: entry.probability,
    standardError: entry.standardError,
    causes: entry.causes.map((c) => ({ positionId: c.positionId, share: c.share })),
    ...(rescue ? { collateralShare: entry.collateralShare } : {}),
    ...(entry.othersShare === undefined ? {} : { othersShare: entry.othersShare, otherCauses: entry.otherCauses ?? 0 }),
  };
}

/** The contract's `contagion` object (victims, rescues) with the cause × victim matrix beside it. */
export function contagionJson(contagion: AccountContagion): JsonObject {
  return {
    paths: contagion.paths,
    victims: contagion.victims.map((e) => entryJson(e, false)),
    rescues: contagion.rescues.map((e) => entryJson(e, true)),
    matrix: {
      causeIds: [...contagion.matrix.causeIds],
      victimIds: [...contagion.matrix.victimIds],
      probability: contagion.matrix.probability.map((row) => [...row]),
    },
  };
}

/**
 * One account as the contract's JSON object, keys in a fixed order; `recommendation` with
 * `--recommend`, `jointBoundary` unless `--no-boundary` (null when no cross pool spans two assets).
 */
export function simulationJson(simulation: SimulatedAccount): JsonObject {
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
    recommend: inputs.recommend === undefined || inputs.recommend === null ? null : { objective: inputs.recommend.objective, maxPaths: inputs.recommend.maxPaths, pathBudget: inputs.recommend.pathBudget },
    boundaryGrid: inputs.boundaryGrid ?? null,
  };
}

/** Streams `{"schema": …, inputs…, "accounts": [ … ]}`, one account at a time. */
export function createJsonSimulateWriter(): SimulateReportWriter {
  let accountsWritten = 0;
  return {
    begin(inputs: SimulateReportInputs): string {
      const head = inputsJson(inputs);
      assertAllFinite(head, 'the echoed inputs');
      const pad = ' '.repeat(INDENT);
      const lines = Object.entries(head).map(([key, value]) => `${pad}${JSON.stringify(key)}: ${jsonText(value, INDENT, 1)}`);
      return `{\n${lines.join(',\n')},\n${pad}"accounts": [`;
    },
    account(simulation: SimulatedAccount): string {
      const json = simulationJson(simulation);
      assertAllFinite(json, `account ${JSON.stringify(simulation.account)}`);
      const separator = accountsWritten === 0 ? '' : ',';
      accountsWritten++;
      return `${separator}\n${' '.repeat(2 * INDENT)}${jsonText(json, INDENT, 2)}`;
    },
    end(): string {
      return accountsWritten === 0 ? ']\n}\n' : `\n${' '.repeat(INDENT)}]\n}\n`;
    },
  };
}
