// One account's positions and collateral: the unit every command evaluates.

import type { Balance } from './balance.js';
import type { Position } from './position.js';

export interface AccountBook {
  readonly account: string;
  readonly positions: readonly Position[];
  /** Cross-wallet collateral, by asset; margin posted to isolated positions is on the positions. */
  readonly balances: readonly Balance[];
}
