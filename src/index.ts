// The marginscope library: import, evaluate, shocks, contagion and reports as typed functions.
// The CLI is a thin layer over these. Everything here is pure except the `io` helpers, which
// read the bundled data files (tier tables, calibrations, events).

// Domain types
export type { Position, Side, MarginMode, InstrumentKind, SourceRef } from './domain/position.js';
export type { Balance } from './domain/balance.js';
export type { AccountBook } from './domain/account-book.js';
export type { Tier, TierTable, TierMeasure } from './domain/tier.js';
export type { MaintenanceSchedule } from './domain/maintenance-schedule.js';
export { formatIssue, sortIssues, type Issue, type IssueCode } from './domain/issue.js';
export { VENUE_NAMES, isVenueName, type VenueName } from './domain/venue-name.js';
export { symbolAssets, type SymbolAssets } from './domain/symbol-assets.js';

// Import: canonical CSV (streamed) and venue exports
export { readAccountBooks, readBalancesCsv, readTiersCsv, walletBalances, type PositionReadOptions, type CsvReadOptions } from './import/index.js';
export { importVenueExport, detectExportFormat, EXPORT_FORMAT_NAMES, type ExportFile, type ExportFormatName, type VenueImport } from './import/exports/index.js';

// Venues
export { VENUE_PROFILES, venueProfile } from './venues/registry.js';
export type { VenueProfile, LiquidationRules } from './venues/venue-profile.js';
export { overlayTierBook, findTierTable, type TierBook } from './venues/tier-book.js';
export { tierTableProblems } from './venues/validate-tier-table.js';

// Margin engine (the readable reference)
export { evaluateAccount, type MarginContext } from './margin/evaluate-account.js';
export { liquidationPrice } from './margin/liquidation-price.js';
export { uniformMoveToLiquidation } from './margin/uniform-move.js';
export { maintenanceMarginSettlement, notionalSettlement, unrealizedPnlSettlement } from './margin/position-risk.js';
export { buildModePools } from './margin/mode-pools.js';
export { resolveAccount } from './margin/resolve-schedules.js';
export type { Pool, PoolMember, AssetCollateral } from './margin/pool.js';
export { prepareAccount, prepareAccountOrThrow, modePoolsOf, type PreparedAccount } from './margin/prepared-account.js';
export { HEALTH_TOLERANCE, poolValuationAt, poolValuationAtFactors, pricesFromFactors, UNMOVED, type AssetFactor, type PoolValuation } from './margin/pool-valuation.js';
export {
  MODE_NAMES,
  type ModeName,
  type AccountEvaluation,
  type ModeEvaluation,
  type PoolEvaluation,
  type PositionEvaluation,
  type AllocationPolicy,
  type AllocationEntry,
  type UniformMove,
} from './margin/evaluation.js';

// Flows
export { evaluatePortfolio, evaluateVenueExport, venueExportBooks, type EvaluateRequest, type VenueExportRequest, type VenueExportEvaluation, type VenueExportBooks } from './flows/evaluate.js';
export type { ImportedBooks } from './flows/book-request.js';
export { evaluateCsvText, type EvaluateTextInput, type EvaluateTextResult } from './flows/evaluate-text.js';
export { canonicalAccountSource, evaluateWithExtras, type AccountSource, type EvaluateExtrasRequest } from './flows/evaluate-extras.js';
export { ScenarioShocks, type UnknownShockAsset } from './flows/scenario-shock.js';
export { parseShockText } from './scenarios/shocks/parse-shock-text.js';
export { parseShockFile } from './scenarios/shocks/parse-shock-file.js';
export type { ShockScenario, AssetMove } from './scenarios/shocks/shock-scenario.js';
export type { AccountShock, ShockedMode, ShockedPool, ShockedPosition } from './results/scenario-shock-result.js';

// The verdict: which mode is safer per account, isolated or cross, by each lens a command computed
export { accountVerdict, evaluationVerdict, simulationVerdict, type AccountVerdict, type LensKind, type LensVerdict, type SaferMode, type VerdictInputs } from './verdict/index.js';
export { verdictSentence } from './report/verdict/verdict-text.js';

// Contagion, the joint boundary, the mode recommendation and book changes (what-ifs, transfers)
export * as contagion from './contagion/index.js';
export * as boundary from './boundary/index.js';
export * as recommendation from './recommendation/index.js';
export * as bookChanges from './book-changes/index.js';

// Scenarios (seeded paths, calibration, historical events)
export * as scenarios from './scenarios/index.js';

// Reports
export { createEvaluateWriter, createEvaluateExtrasWriter } from './report/evaluate/formats.js';
export * as reports from './report/report/index.js';

// Bundled data (reads files shipped with the package)
export { loadBundledTierBook } from './io/bundled-tiers.js';

// Shocks: Monte Carlo (simulate) and historical or user replays, per account, with contagion
export { simulatePortfolio, simulateAccount, type SimulateRequest } from './flows/simulate.js';
export { HOURS_PER_YEAR, type SimulationSettings, type SimulationHooks, type RecommendSettings, type BoundarySettings } from './flows/simulation-settings.js';
export { replayPortfolio, replayAccount, kernelReplayPath, type ReplaySettings, type ReplayRequest } from './flows/replay.js';
export { writeReport, type ReportRequest, type ReportHooks, type ReportOutcome, type ReportFormat } from './flows/report.js';
export type { ReportShocks } from './flows/report-analyses.js';
export type { AccountSimulation, PositionLabel, ReplayScenario, ScenarioReplay, AccountReplay } from './results/shock-results.js';
export type { AccountShockOutcome, ModeShockOutcome, PositionShockOutcome } from './kernel/outcomes.js';
export type { ReplayModeOutcome, ReplayPositionOutcome } from './kernel/run-replay.js';
export type { AccountContagion, ContagionEntry, ContagionCause, ContagionMatrix } from './contagion/contagion-summary.js';
export { createSimulateWriter } from './report/simulate/formats.js';
export type { SimulateReportInputs, SimulateReportWriter } from './report/simulate/simulate-document.js';
export { writeReplayReport } from './report/replay/formats.js';
export type { ReplayDocument } from './report/replay/replay-document.js';
export { writeEventsReport } from './report/events/formats.js';
export { loadBundledCalibration, loadBundledReturnHistory } from './io/bundled-calibration.js';
export { loadBundledEventLibrary, loadBundledEvent } from './io/bundled-events.js';

// Liquidation cascades (cascade.md): a market of accounts moving its own price
export { runCascade, type CascadeRequest, type CascadeResult, type CascadeMarketSettings, type CascadeScenarios } from './flows/cascade.js';
export type { CascadeSymbolResult, CascadeFundResult, CascadeAdlResult, CascadeMarketResult, OwnAccountResult, OwnModeResult, OwnPositionResult, CascadeEventResult } from './cascade/cascade-result.js';
export { parseDepthCsv, parseDepthEntry } from './cascade/depth-table.js';
export { compileCascadeMarket, type CascadeMarket, type CascadePoolInput, type MarketDepth } from './cascade/cascade-market.js';
export { CascadeEngine, type ExogenousPath, type CascadeRunOptions } from './cascade/cascade-path.js';
export { conservationLedger, type ConservationLedger } from './cascade/conservation-ledger.js';
export { writeCascadeReport, type CascadeReportInputs } from './report/cascade/formats.js';
