// `--format json` for evaluate: the `marginscope/evaluate@1` document of the public contract.
// Every object is built field by field in a fixed order, so the bytes depend only on the inputs;
// numbers are finite (a non-finite one is a bug and throws), `null` only where the type allows.
//
// With extras, the same document with the extras' inputs echoed in the head (`formatIn`, `with`,
// `stress`, `accountFilter`, `shocks`, only when they differ from a plain run) and each account object
// extended by extras-json.ts. Without extras the bytes are those of the plain writer.

import {
  MODE_NAMES,
  type AccountEvaluation,
  type AllocationEntry,
  type ModeEvaluation,
  type PoolEvaluation,
  type PositionEvaluation,
  type TierTableUse,
  type UniformMove,
} from '../../margin/evaluation.js';
import type { TotalConversion } from '../../margin/total-conversions.js';
import { jsonAccountsArray, jsonDocumentStart } from '../format/json-document.js';
import type { JsonValue } from '../format/json-text.js';
import type { AccountExtras, EvaluateExtrasWriter, EvaluateReportInputs, EvaluateReportWriter, ExtrasInputs } from './evaluate-document.js';
import { stressContagionJson, stressEntryJson, whatIfJson, withVenueLiquidationPrices } from './extras-json.js';
import { jsonAccountChunks, LazyJsonArray, type ChunkedJsonObject } from './json-chunks-writer.js';
import type { EvaluateEnd } from './evaluate-document.js';
import { leftOutJson } from '../left-out-accounts.js';
import { cannotStand } from './allocation-statement.js';
import type { AccountStress } from '../../contagion/stress-account.js';
import { evaluationVerdict } from '../../verdict/evaluation-verdict.js';
import { verdictJson } from '../verdict/verdict-json.js';
import { accountShocksJson, shockScenarioJson } from './shock-json.js';

/** Schema id of the document; the major version changes only if a field is renamed or removed. */
export const EVALUATE_JSON_SCHEMA = 'marginscope/evaluate@1';

type JsonObject = { readonly [key: string]: JsonValue };

function uniformMoveJson(move: UniformMove): JsonObject {
  return { down: move.down, up: move.up };
}

function positionJson(p: PositionEvaluation): JsonObject {
  return {
    positionId: p.positionId,
    symbol: p.symbol,
    side: p.side,
    size: p.size,
    instrument: p.instrument,
    venue: p.venue,
    marginMode: p.marginMode,
    asset: p.asset,
    entryPrice: p.entryPrice,
    markPrice: p.markPrice,
    notional: p.notional,
    margin: p.margin,
    unrealizedPnl: p.unrealizedPnl,
    maintenanceMargin: p.maintenanceMargin,
    leverage: p.leverage,
    liquidationPrice: p.liquidationPrice,
    distanceToLiquidation: p.distanceToLiquidation,
    poolId: p.poolId,
  };
}

function poolJson(pool: PoolEvaluation): JsonObject {
  return {
    poolId: pool.poolId,
    marginMode: pool.marginMode,
    asset: pool.asset,
    positionIds: [...pool.positionIds],
    collateral: pool.collateral,
    equity: pool.equity,
    maintenanceMargin: pool.maintenanceMargin,
    marginRatio: pool.marginRatio,
    liquidatable: pool.liquidatable,
    uniformMoveToLiquidation: uniformMoveJson(pool.uniformMoveToLiquidation),
  };
}

/** An asset counted in the mode's totals: its price in the totals' asset and its haircut. */
function conversionJson(c: TotalConversion): JsonObject {
  return { asset: c.asset, price: c.price, haircut: c.haircut };
}

function modeJson(mode: ModeEvaluation): JsonObject {
  return {
    mode: mode.mode,
    asset: mode.asset,
    equity: mode.equity,
    maintenanceMargin: mode.maintenanceMargin,
    marginRatio: mode.marginRatio,
    quoteAsset: mode.quoteAsset,
    equityQuote: mode.equityQuote,
    maintenanceMarginQuote: mode.maintenanceMarginQuote,
    freeBalance: mode.freeBalance,
    conversions: (mode.conversions ?? []).map(conversionJson),
    liquidatable: mode.liquidatable,
    uniformMoveToLiquidation: uniformMoveJson(mode.uniformMoveToLiquidation),
    pools: mode.pools.map(poolJson),
    positions: mode.positions.map(positionJson),
  };
}

function allocationJson(entry: AllocationEntry): JsonObject {
  return {
    positionId: entry.positionId,
    asset: entry.asset,
    exportedMargin: entry.exportedMargin,
    margin: entry.margin,
    policy: entry.policy,
    scale: entry.scale,
    maintenanceFloor: entry.maintenanceFloor,
    standing: entry.standing,
  };
}

/** One account as the contract's JSON object, keys in a fixed order. */
function accountJson(evaluation: AccountEvaluation, stress?: AccountStress): JsonObject {
  const modes: Record<string, JsonValue> = {};
  for (const name of MODE_NAMES) modes[name] = modeJson(evaluation.modes[name]);
  return {
    account: evaluation.account,
    allocation: evaluation.allocation.map(allocationJson),
    allocationPolicy: evaluation.allocationPolicy,
    allocationCannotStand: cannotStand(evaluation),
    warnings: [...evaluation.warnings],
    ...(evaluation.collateralGiven === undefined ? {} : { collateralGiven: evaluation.collateralGiven }),
    ...(evaluation.tierTables === undefined ? {} : { tierTables: evaluation.tierTables.map(tierTableJson) }),
    modes,
    verdict: verdictJson(evaluationVerdict(evaluation, stress)),
  };
}

/** The echoed inputs, in a fixed order; the extras' only when they differ from a plain run. */
function headJson(inputs: EvaluateReportInputs, extras: ExtrasInputs | null): Record<string, JsonValue> {
  const head: Record<string, JsonValue> = {
    schema: EVALUATE_JSON_SCHEMA,
    venue: inputs.venue,
    allocation: inputs.allocation,
    files: { positions: inputs.files.positions, balances: inputs.files.balances, tiers: inputs.files.tiers },
    wallet: inputs.wallet,
    skipInvalid: inputs.skipInvalid,
  };
  if (extras === null) return head;
  if (extras.formatIn !== 'canonical') head['formatIn'] = extras.formatIn;
  if (extras.withFiles.length > 0) head['with'] = [...extras.withFiles];
  if (extras.stress) head['stress'] = true;
  if (extras.accounts !== null) head['accountFilter'] = [...extras.accounts];
  if (extras.shocks !== undefined && extras.shocks.length > 0) head['shocks'] = extras.shocks.map(shockScenarioJson);
  return head;
}

function tierTableJson(use: TierTableUse): JsonObject {
  return { venue: use.venue, key: use.key, symbols: [...use.symbols], origin: use.origin, source: use.source, snapshotDate: use.snapshotDate };
}

/**
 * What follows the accounts array: `leftOut` (accounts left out under --skip-invalid: `account`,
 * `problems`, `firstProblem`) only when there are some.
 */
function endJson(summary: EvaluateEnd | undefined): Record<string, JsonValue> {
  return leftOutJson(summary?.leftOut);
}

/** Streams `{"schema": …, inputs…, "accounts": [ … ]}`, one account at a time. */
export function createJsonEvaluateWriter(): EvaluateReportWriter {
  const accounts = jsonAccountsArray();
  return {
    begin: (inputs: EvaluateReportInputs): string => jsonDocumentStart(headJson(inputs, null)),
    account: (evaluation: AccountEvaluation): string => accounts.entry(accountJson(evaluation), evaluation.account),
    end: (summary?: EvaluateEnd): string => accounts.close(endJson(summary)),
  };
}

/** The account object with its extras; the `stress` list built item by item as it is written. */
function accountWithExtras(evaluation: AccountEvaluation, extras: AccountExtras): ChunkedJsonObject {
  const base = accountJson(evaluation, extras.stress);
  let json: ChunkedJsonObject = extras.venueLiquidationPrices === undefined ? base : withVenueLiquidationPrices(base, extras.venueLiquidationPrices);
  if (extras.stress !== undefined) {
    const entries = extras.stress.stress;
    const stress = entries.length === 0 ? [] : new LazyJsonArray(entries.length, (i) => stressEntryJson(entries[i]!));
    json = { ...json, stress, contagion: stressContagionJson(extras.stress) };
  }
  if (extras.whatIf !== undefined) json = { ...json, whatIf: whatIfJson(extras.whatIf) };
  if (extras.shocks !== undefined) json = { ...json, shocks: accountShocksJson(extras.shocks) };
  return json;
}

/**
 * The same document with the extras in the head and in each account object. `accountChunks`
 * writes an account in pieces (json-chunks-writer.ts), so `--stress` on a large book never
 * holds an account's text whole; `account` is the same pieces joined; `accountPieces` the same
 * pieces with the large ones as UTF-8 bytes.
 */
export function createJsonExtrasWriter(): EvaluateExtrasWriter {
  const accounts = jsonAccountChunks();
  const accountChunks = (evaluation: AccountEvaluation, extras: AccountExtras): Iterable<string> => accounts.entry(accountWithExtras(evaluation, extras), evaluation.account);
  const accountPieces = (evaluation: AccountEvaluation, extras: AccountExtras): Iterable<string | Uint8Array> => accounts.entryBytes(accountWithExtras(evaluation, extras), evaluation.account);
  return {
    begin: (inputs: EvaluateReportInputs, extras: ExtrasInputs): string => jsonDocumentStart(headJson(inputs, extras)),
    account: (evaluation: AccountEvaluation, extras: AccountExtras): string => [...accountChunks(evaluation, extras)].join(''),
    accountChunks,
    accountPieces,
    end: (summary?: EvaluateEnd): string => accounts.close(endJson(summary)),
  };
}
