// The JSON of what `evaluate --stress / --what-if / --transfer` and venue exports add to an
// account object of `marginscope/evaluate@1` (fields added, none renamed, so the schema's major
// version stays):
//   stress[]           one entry per position: its isolated liquidation price and what cross does there
//   contagion          victims/rescues over the stress scenarios, probability 1 (src/contagion/stress-fold.ts)
//   whatIf             changes, before / after summaries per mode, positions' liquidation prices
//   venueLiquidationPrice  on each position of the `exported` mode when the export reports one
// Keys come in a fixed order, like the rest of the document.

import type { ContagionEntry } from '../../contagion/contagion-summary.js';
import type { AccountStress, StressEntry } from '../../contagion/stress-account.js';
import type { ModeChange } from '../../book-changes/what-if-comparison.js';
import type { ReportedLiquidationPrice } from '../../import/exports/index.js';
import { MODE_NAMES, type AccountEvaluation, type ModeEvaluation } from '../../margin/evaluation.js';
import type { WhatIfResult } from './evaluate-document.js';
import type { JsonValue } from '../format/json-text.js';
import type { StressContagionEntry } from '../../contagion/stress-fold.js';

type JsonObject = { readonly [key: string]: JsonValue };

/** `othersShare` / `otherCauses` when the entry lists only its top causes (added fields). */
function othersJson(entry: { readonly othersShare?: number; readonly otherCauses?: number }): JsonObject {
  if (entry.othersShare === undefined) return {};
  return entry.otherCauses === undefined ? { othersShare: entry.othersShare } : { othersShare: entry.othersShare, otherCauses: entry.otherCauses };
}

/** A victim or rescue of one scenario in the contract's shape (probability 1 or 0). */
function entryJson(entry: ContagionEntry, withCollateral: boolean): JsonObject {
  return {
    positionId: entry.positionId,
    probability: entry.probability,
    causes: entry.causes.map((c) => ({ positionId: c.positionId, share: c.share })),
    ...(withCollateral ? { collateralShare: entry.collateralShare } : {}),
    ...othersJson(entry),
  };
}

/** One position's stress entry (an item of `stress[]`). */
export function stressEntryJson(entry: StressEntry): JsonObject {
  return {
    positionId: entry.shockedPositionId,
    symbol: entry.symbol,
    price: entry.price,
    move: entry.move,
    crossLiquidated: entry.crossLiquidated,
    victims: entry.victims.map((v) => entryJson(v, false)),
    victimCount: entry.victimCount,
    rescues: entry.rescues.map((r) => entryJson(r, true)),
    rescueCount: entry.rescueCount,
    crossLiquidationPrice: entry.crossLiquidationPrice,
    crossMove: entry.crossMove,
    victimsAtCrossLiquidation: entry.victimsAtCrossLiquidation.map((v) => entryJson(v, false)),
    victimsAtCrossLiquidationCount: entry.victimsAtCrossLiquidationCount,
  };
}

/** `stress[]` of one account, in book order. */
export function stressJson(stress: AccountStress): JsonValue[] {
  return stress.stress.map(stressEntryJson);
}

function foldedJson(entry: StressContagionEntry): JsonObject {
  return {
    positionId: entry.positionId,
    probability: entry.probability,
    causes: entry.causes.map((c) => ({ positionId: c.positionId, share: c.share })),
    scenarios: entry.scenarios,
    ...(entry.collateralShare === undefined ? {} : { collateralShare: entry.collateralShare }),
    ...othersJson(entry),
  };
}

/** The account's `contagion` over its stress scenarios. */
export function stressContagionJson(stress: AccountStress): JsonObject {
  const contagion = stress.folded;
  return { scenarios: contagion.scenarios, victims: contagion.victims.map(foldedJson), rescues: contagion.rescues.map(foldedJson) };
}

function modeSummaryJson(mode: ModeEvaluation): JsonObject {
  return {
    asset: mode.asset,
    equity: mode.equity,
    maintenanceMargin: mode.maintenanceMargin,
    marginRatio: mode.marginRatio,
    freeBalance: mode.freeBalance,
    liquidatable: mode.liquidatable,
    uniformMoveToLiquidation: { down: mode.uniformMoveToLiquidation.down, up: mode.uniformMoveToLiquidation.up },
  };
}

function summaryJson(evaluation: AccountEvaluation | null): JsonValue {
  if (evaluation === null) return null;
  const out: Record<string, JsonValue> = {};
  for (const name of MODE_NAMES) out[name] = modeSummaryJson(evaluation.modes[name]);
  return out;
}

function positionChangesJson(mode: ModeChange): JsonValue[] {
  return mode.positions.map((p) => ({
    positionId: p.positionId,
    symbol: p.symbol,
    added: p.added,
    liquidationPrice: { before: p.liquidationPrice.before, after: p.liquidationPrice.after },
    distanceToLiquidation: { before: p.distanceToLiquidation.before, after: p.distanceToLiquidation.after },
  }));
}

/** `whatIf`: the changes as given, the modes before and after, each position's liquidation price before → after. */
export function whatIfJson(result: WhatIfResult): JsonObject {
  const positions: Record<string, JsonValue> = {};
  for (const mode of result.comparison.modes) positions[mode.mode] = positionChangesJson(mode);
  return {
    changes: result.changes.map((c) => ({ option: c.option, text: c.text })),
    before: summaryJson(result.comparison.before),
    after: summaryJson(result.comparison.after),
    positions,
  };
}

/** The venue's figure as JSON: a price, `"none"` when the venue says there is none, null when not reported. */
function reportedJson(price: ReportedLiquidationPrice | undefined): JsonValue {
  return price === undefined ? null : price;
}

/**
 * `account` (an `accountJson` object) with `venueLiquidationPrice` after `liquidationPrice` on
 * every position of the `exported` mode — the mode the venue computed its figure for.
 */
export function withVenueLiquidationPrices(account: JsonObject, reported: ReadonlyMap<string, ReportedLiquidationPrice>): JsonObject {
  const modes = account['modes'] as JsonObject;
  const exported = modes['exported'] as JsonObject;
  const positions = (exported['positions'] as readonly JsonObject[]).map((position) => {
    const out: Record<string, JsonValue> = {};
    for (const [key, value] of Object.entries(position)) {
      out[key] = value;
      if (key === 'liquidationPrice') out['venueLiquidationPrice'] = reportedJson(reported.get(String(position['positionId'])));
    }
    return out;
  });
  return { ...account, modes: { ...modes, exported: { ...exported, positions } } };
}
