// Test helpers shared by the simulate, replay and recommendation tests: a one-account book on a
// USDT cross wallet, and small Monte Carlo settings (GBM on the bundled calibration, one thread).

import type { AccountBook } from '../../src/domain/account-book.js';
import type { Position } from '../../src/domain/position.js';
import type { SimulationSettings } from '../../src/flows/simulation-settings.js';
import { loadBundledCalibration } from '../../src/io/bundled-calibration.js';

/** Account `main` holding `positions` with `wallet` USDT in its cross wallet. */
export function usdtBook(positions: Position[], wallet: number): AccountBook {
  return { account: 'main', positions, balances: [{ account: 'main', asset: 'USDT', amount: wallet, priceQuote: null, haircut: null, source: { file: 'test', line: 1 } }] };
}

/** GBM over 24 h in 4 steps on one thread, no slippage, the bundled calibration. */
export function smallSimulationSettings(paths: number, seed: number): SimulationSettings {
  return { model: 'gbm', paths, horizonHours: 24, steps: 4, seed, threads: 1, slippageBps: 0, calibration: loadBundledCalibration(), volOverrides: new Map(), bootstrapHistory: null };
}
