// Charts of a liquidation cascade (the report's "Liquidation cascade" section): per symbol the
// exogenous and the realised move side by side; the notional liquidated in each round of a step,
// stacked by symbol; and (replays) the insurance fund's balance at the end of every bar. Times in
// UTC so the same inputs give the same SVG on every machine.

import type { TopLevelSpec } from 'vega-lite';
import type { CascadeFundResult, CascadeSymbolResult } from '../../cascade/cascade-result.js';
import { DANGER_COLOR, INK_COLOR, moneyAxisFormat, SIGNED_PERCENT_FORMAT } from './chart-theme.js';

/** Exogenous vs realised move per symbol (grouped bars), or null without symbols. */
export function cascadeMovesSpec(symbols: readonly CascadeSymbolResult[], title: string): TopLevelSpec | null {
  if (symbols.length === 0) return null;
  const values = symbols.flatMap((s) => [
    { symbol: s.symbol, kind: 'exogenous', move: s.exogenousMove },
    { symbol: s.symbol, kind: 'realised', move: s.realisedMove },
  ]);
  return {
    title: { text: title, subtitle: 'Realised = exogenous move plus the price impact of the liquidations' },
    data: { values },
    width: { step: 16 },
    height: 200,
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'symbol', type: 'nominal', title: null, sort: null },
      xOffset: { field: 'kind', type: 'nominal', sort: ['exogenous', 'realised'] },
      y: { field: 'move', type: 'quantitative', title: 'Move', axis: { format: SIGNED_PERCENT_FORMAT } },
      color: { field: 'kind', type: 'nominal', title: 'Move', sort: ['exogenous', 'realised'], scale: { domain: ['exogenous', 'realised'], range: ['#9aa5b1', DANGER_COLOR] } },
    },
  };
}

/** Notional liquidated by round index within a step, stacked by symbol; null when none. */
export function cascadeRoundsSpec(symbols: readonly CascadeSymbolResult[], asset: string, title: string): TopLevelSpec | null {
  const values = symbols.flatMap((s) => s.liquidatedNotionalByRound.map((notional, r) => ({ symbol: s.symbol, round: r + 1, notional })).filter((v) => v.notional > 0));
  if (values.length === 0) return null;
  return {
    title: { text: title, subtitle: 'Round 1 is set off by the exogenous move; later rounds by the liquidations before them' },
    data: { values },
    width: 440,
    height: 200,
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'round', type: 'ordinal', title: 'Round within a step' },
      y: { field: 'notional', type: 'quantitative', stack: 'zero', title: `Liquidated notional (${asset})`, axis: { format: moneyAxisFormat(asset) } },
      color: { field: 'symbol', type: 'nominal', title: 'Symbol' },
    },
  };
}

/** The fund's balance at the start and after every bar (a replay), or null without a path. */
export function cascadeFundSpec(fund: CascadeFundResult, startMs: number, stepEndMs: readonly number[], title: string): TopLevelSpec | null {
  if (fund.path === null || fund.path.length === 0) return null;
  const times = [startMs, ...stepEndMs];
  const values = fund.path.map((balance, k) => ({ timeMs: times[k] ?? times[times.length - 1]!, balance }));
  return {
    title: { text: title, subtitle: fund.path.some((b) => b < fund.start) ? `Lowest ${fund.minimum.toFixed(0)} ${fund.asset}` : 'The fund never paid more than it received' },
    data: { values },
    width: 440,
    height: 180,
    mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2, color: INK_COLOR },
    encoding: {
      x: { field: 'timeMs', type: 'temporal', title: 'Time (UTC)', scale: { type: 'utc' }, axis: { format: '%d %b %H:%M', labelOverlap: true, tickCount: 5 } },
      y: { field: 'balance', type: 'quantitative', title: `Insurance fund (${fund.asset})`, axis: { format: moneyAxisFormat(fund.asset) } },
    },
  };
}
