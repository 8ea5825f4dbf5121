// The JSON of `evaluate --shock` (fields added to `marginscope/evaluate@1`, none renamed):
//   head      `shocks[]`: each scenario's `name`, `source` and `moves` (`asset`, `move` as a
//             fraction, `*` for every other asset)
//   account   `shocks[]`: per scenario `scenario` (its name) and `modes` with `exported`,
//             `isolated`, `cross`, each `asset`, `equityBefore`, `equity`, `maintenanceMargin`,
//             `marginRatio`, `liquidated`, `liquidatedPositions[]`, `loss`, `badDebt`, `pools[]`
//             and `positions[]` (see results/scenario-shock-result.ts for what each means)
// Keys come in a fixed order, like the rest of the document.

import { MODE_NAMES } from '../../margin/evaluation.js';
import type { AccountShock, ShockedMode } from '../../results/scenario-shock-result.js';
import type { ShockScenario } from '../../scenarios/shocks/shock-scenario.js';
import type { JsonValue } from '../format/json-text.js';

type JsonObject = { readonly [key: string]: JsonValue };

/** One scenario as the head echoes it. */
export function shockScenarioJson(scenario: ShockScenario): JsonObject {
  const moves: JsonValue[] = scenario.moves.map((m) => ({ asset: m.asset, move: m.move }));
  if (scenario.otherAssets !== null) moves.push({ asset: '*', move: scenario.otherAssets });
  return { name: scenario.name, source: scenario.source, moves };
}

function shockedModeJson(mode: ShockedMode): JsonObject {
  return {
    asset: mode.asset,
    equityBefore: mode.equityBefore,
    equity: mode.equity,
    maintenanceMargin: mode.maintenanceMargin,
    marginRatio: mode.marginRatio,
    liquidated: mode.liquidated,
    liquidatedPositions: [...mode.liquidatedPositions],
    loss: mode.loss,
    badDebt: mode.badDebt,
    pools: mode.pools.map((p) => ({
      poolId: p.poolId,
      asset: p.asset,
      equityBefore: p.equityBefore,
      equity: p.equity,
      maintenanceMargin: p.maintenanceMargin,
      marginRatio: p.marginRatio,
      liquidated: p.liquidated,
      loss: p.loss,
      badDebt: p.badDebt,
    })),
    positions: mode.positions.map((p) => ({
      positionId: p.positionId,
      symbol: p.symbol,
      asset: p.asset,
      markPrice: p.markPrice,
      shockedPrice: p.shockedPrice,
      move: p.move,
      unrealizedPnl: p.unrealizedPnl,
      maintenanceMargin: p.maintenanceMargin,
      liquidated: p.liquidated,
      poolId: p.poolId,
    })),
  };
}

/** An account's `shocks[]`, in scenario order. */
export function accountShocksJson(shocks: readonly AccountShock[]): JsonValue[] {
  return shocks.map((shock) => {
    const modes: Record<string, JsonValue> = {};
    for (const name of MODE_NAMES) modes[name] = shockedModeJson(shock.modes[name]);
    return { scenario: shock.scenario.name, modes };
  });
}
