// Engine results mapped onto the report model (report-model.ts): the joint liquidation boundary
// of the contagion layer, the Monte Carlo summary and contagion of `simulateAccount`, and the
// replays of `replayAccount` with their equity curves. Pure: results in, sections out.

import type { AccountContagion, ContagionEntry } from '../../contagion/contagion-summary.js';
import type { BoundaryAxis, JointBoundary } from '../../boundary/joint-boundary.js';
import type { ModeShockOutcome } from '../../kernel/outcomes.js';
import type { ModeName } from '../../margin/evaluation.js';
import type { AccountSimulation, ScenarioReplay } from '../../results/shock-results.js';
import { liquidationWindow } from '../replay/replay-document.js';
import type {
  ContagionSection,
  ContagionSectionEntry,
  EquityCurve,
  JointBoundarySection,
  JointBoundarySectionAxis,
  LossHistogram,
  ModeSimulationSummary,
  PerMode,
  ReplaySeries,
  SimulationSection,
} from './report-model.js';

/** An axis of the boundary: the symbol when the factor is one symbol, else its base asset (all its symbols move together). */
function boundaryAxis(axis: BoundaryAxis): JointBoundarySectionAxis {
  return { symbol: axis.symbols.length === 1 ? axis.symbols[0]! : axis.asset, moves: axis.moves };
}

/** The cross pool's joint boundary over its two largest risk factors, as the report draws it. */
export function jointBoundarySection(boundary: JointBoundary): JointBoundarySection {
  return {
    first: boundaryAxis(boundary.first),
    second: boundaryAxis(boundary.second),
    liquidatedInCross: boundary.liquidated,
    alone: { first: { ...boundary.alone.first }, second: { ...boundary.alone.second } },
  };
}

function perMode<T>(pick: (mode: ModeName) => T): PerMode<T> {
  return { exported: pick('exported'), isolated: pick('isolated'), cross: pick('cross') };
}

function modeSummary(mode: ModeShockOutcome): ModeSimulationSummary {
  return {
    liquidationProbability: mode.liquidationProbability,
    expectedLoss: mode.expectedLoss,
    valueAtRisk: mode.valueAtRisk,
    expectedShortfall: mode.expectedShortfall,
    expectedBadDebt: mode.expectedBadDebt,
    standardErrors: {
      liquidationProbability: mode.standardErrors.liquidationProbability,
      expectedLoss: mode.standardErrors.expectedLoss,
      valueAtRisk: mode.standardErrors.valueAtRisk,
      expectedShortfall: mode.standardErrors.expectedShortfall,
      expectedBadDebt: mode.standardErrors.expectedBadDebt,
    },
  };
}

/** The Monte Carlo section of one account; `histogram` when the per-path losses were kept. */
export function simulationSection(simulation: AccountSimulation, histogram: LossHistogram | null): SimulationSection {
  const outcome = simulation.outcome;
  return {
    asset: outcome.asset,
    modes: perMode((mode) => modeSummary(outcome.modes[mode])),
    ...(histogram === null ? {} : { lossHistogram: histogram }),
  };
}

function entry(e: ContagionEntry, rescue: boolean): ContagionSectionEntry {
  return {
    positionId: e.positionId,
    probability: e.probability,
    causes: e.causes.map((c) => ({ positionId: c.positionId, share: c.share })),
    ...(e.othersShare === undefined ? {} : { othersShare: e.othersShare }),
    ...(rescue ? { collateralShare: e.collateralShare } : {}),
  };
}

/** Victims, rescues and the cause × victim matrix over the simulated paths. */
export function contagionSection(contagion: AccountContagion): ContagionSection {
  return { victims: contagion.victims.map((e) => entry(e, false)), rescues: contagion.rescues.map((e) => entry(e, true)), matrix: contagion.matrix };
}

/** Start of the bar (step) a liquidation happened in, as replay's `liquidatedAt` (step 0: the start). */
function stepTimeMs(replay: ScenarioReplay, step: number | null): number | null {
  return liquidationWindow(replay, step)?.at ?? null;
}

/** One replayed scenario with its equity curve, in the curve's reporting asset; times and losses as replay's JSON. */
export function replaySeries(replay: ScenarioReplay, curve: EquityCurve): ReplaySeries {
  return {
    event: replay.scenario,
    asset: replay.modes.exported.asset,
    timestampsMs: curve.timestampsMs,
    equityByMode: curve.equityByMode,
    liquidatedAtMsByMode: perMode((mode) => stepTimeMs(replay, replay.modes[mode].liquidatedStep)),
    lossByMode: perMode((mode) => replay.modes[mode].loss),
    badDebtByMode: perMode((mode) => replay.modes[mode].badDebt),
  };
}
