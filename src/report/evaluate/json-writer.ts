// `--format json` for evaluate: the `marginscope/evaluate@1` document of the public contract.
// Every object is built field by field in a fixed order, so the bytes depend only on the inputs;
// numbers are finite (a non-finite one is a bug and throws), `null` only where the type allows.

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
import type { EvaluateEnd, EvaluateReportInputs, EvaluateReportWriter } from './evaluate-writer.js';
import { assertAllFinite } from '../format/find-non-finite.js';
import { jsonText, type JsonValue } from '../format/json-text.js';

/** Schema id of the document; the major version changes only if a field is renamed or removed. */
export const EVALUATE_JSON_SCHEMA = 'marginscope/evaluate@1';

/** Indentation of the pretty-printed document. */
const INDENT = 2;

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
  };
}

/** One account as the contract's JSON object, keys in a fixed order. */
export function accountJson(evaluation: AccountEvaluation): JsonObject {
  const modes: Record<string, JsonValue> = {};
  for (const name of MODE_NAMES) modes[name] = modeJson(evaluation.modes[name]);
  return {
    account: evaluation.account,
    allocation: evaluation.allocation.map(allocationJson),
    allocationPolicy: evaluation.allocationPolicy,
    warnings: [...evaluation.warnings],
    ...(evaluation.collateralGiven === undefined ? {} : { collateralGiven: evaluation.collateralGiven }),
    ...(evaluation.tierTables === undefined ? {} : { tierTables: evaluation.tierTables.map(tierTableJson) }),
    modes,
  };
}

function tierTableJson(use: TierTableUse): JsonObject {
  return { venue: use.venue, key: use.key, symbols: [...use.symbols], origin: use.origin, source: use.source, snapshotDate: use.snapshotDate };
}

/**
 * The close of the document: the accounts array, then `leftOut` (accounts left out under
 * --skip-invalid: `account`, `problems`, `firstProblem`) only when there are some.
 */
export function jsonEnd(accountsWritten: number, summary: EvaluateEnd | undefined): string {
  const pad = ' '.repeat(INDENT);
  const close = accountsWritten === 0 ? ']' : `\n${pad}]`;
  if (summary === undefined || summary.leftOut.length === 0) return `${close}\n}\n`;
  const leftOut = summary.leftOut.map((a) => ({ account: a.account, problems: a.problems, firstProblem: a.firstProblem }));
  return `${close},\n${pad}"leftOut": ${jsonText(leftOut, INDENT, 1)}\n}\n`;
}

/** Streams `{"schema": …, inputs…, "accounts": [ … ]}`, one account at a time. */
export function createJsonEvaluateWriter(): EvaluateReportWriter {
  let accountsWritten = 0;
  return {
    begin(inputs: EvaluateReportInputs): string {
      const head = {
        schema: EVALUATE_JSON_SCHEMA,
        venue: inputs.venue,
        allocation: inputs.allocation,
        files: { positions: inputs.files.positions, balances: inputs.files.balances, tiers: inputs.files.tiers },
        wallet: inputs.wallet,
        skipInvalid: inputs.skipInvalid,
      };
      assertAllFinite(head, 'the echoed inputs');
      const pad = ' '.repeat(INDENT);
      const lines = Object.entries(head).map(([key, value]) => `${pad}${JSON.stringify(key)}: ${jsonText(value, INDENT, 1)}`);
      return `{\n${lines.join(',\n')},\n${pad}"accounts": [`;
    },
    account(evaluation: AccountEvaluation): string {
      const json = accountJson(evaluation);
      assertAllFinite(json, `account ${JSON.stringify(evaluation.account)}`);
      const separator = accountsWritten === 0 ? '' : ',';
      accountsWritten++;
      const pad = ' '.repeat(2 * INDENT);
      return `${separator}\n${pad}${jsonText(json, INDENT, 2)}`;
    },
    end(summary?: EvaluateEnd): string {
      return jsonEnd(accountsWritten, summary);
    },
  };
}
