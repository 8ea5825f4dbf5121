// One registry line per venue profile. The names are the contract's (`--venue NAME`).

import type { VenueName } from '../domain/venue-name.js';
import { binanceCoinmProfile } from './binance-coinm.js';
import { binanceUsdmProfile } from './binance-usdm.js';
import { bybitInverseProfile } from './bybit-inverse.js';
import { bybitLinearProfile } from './bybit-linear.js';
import { deribitProfile } from './deribit.js';
import { dydxV4Profile } from './dydx-v4.js';
import { genericProfile } from './generic.js';
import { hyperliquidProfile } from './hyperliquid.js';
import { okxSwapProfile } from './okx-swap.js';
import type { VenueProfile } from './venue-profile.js';

export const VENUE_PROFILES: Readonly<Record<VenueName, VenueProfile>> = {
  'binance-usdm': binanceUsdmProfile,
  'binance-coinm': binanceCoinmProfile,
  'bybit-linear': bybitLinearProfile,
  'bybit-inverse': bybitInverseProfile,
  'okx-swap': okxSwapProfile,
  hyperliquid: hyperliquidProfile,
  'dydx-v4': dydxV4Profile,
  deribit: deribitProfile,
  generic: genericProfile,
};

export function venueProfile(name: VenueName): VenueProfile {
  return VENUE_PROFILES[name];
}
