// A named price shock: each listed asset's marks move by a fraction at once (`BTC=-20%`), and
// `*` moves every other asset (stablecoins excepted). The moves apply to the mark of every
// position whose base asset matches (BTCUSDT, BTC-PERPETUAL and BTCUSD are all BTC) and to
// collateral held in that asset. Built by parse-shock-text.ts and parse-shock-file.ts.

/** One asset's move: 0.2 = +20 %, -0.2 = −20 %; always above −1 (a price stays positive). */
export interface AssetMove {
  readonly asset: string;
  readonly move: number;
  /** The line of the shock file it was read from (0 for `--shock`). */
  readonly line: number;
}

export interface ShockScenario {
  /** The scenario's name: the `--shock` text as given, or the file's `scenario` column. */
  readonly name: string;
  /** The named assets' moves, in the order written. */
  readonly moves: readonly AssetMove[];
  /** The move of every other asset (`*`), or null when the others are held. */
  readonly otherAssets: number | null;
  /** Where the scenario was written: `--shock` or the file's name, for messages. */
  readonly source: string;
}

/** Assets a `*` move never touches: they are the units prices are quoted in. */
const STABLE_ASSETS = new Set(['USDT', 'USDC', 'USD', 'BUSD', 'FDUSD', 'TUSD', 'DAI', 'USDE']);

/** The move the scenario gives `asset` (0 when held). */
export function shockMove(scenario: ShockScenario, asset: string): number {
  for (const m of scenario.moves) if (m.asset === asset) return m.move;
  if (scenario.otherAssets === null || STABLE_ASSETS.has(asset)) return 0;
  return scenario.otherAssets;
}

/** The price factor (1 + move) the scenario gives `asset`. */
export function shockFactor(scenario: ShockScenario, asset: string): number {
  return 1 + shockMove(scenario, asset);
}
