// The `generic` profile: Binance-style notional brackets with a maintenance amount, no fees, no
// fee reserve, full liquidation at the mark. Its default tiers (data/tiers/generic.json) are
// Binance USDⓈ-M's current brackets (the most widely copied schedule); use `--tiers` to describe
// any other venue. Symbols are keyed as Binance keys them (`btcusdt`, `BTC/USDT:USDT` -> `BTCUSDT`).

import { concatenatedTierKey } from './binance-bybit-tier-key.js';
import { notionalBracketSchedule } from './bracket-schedule.js';
import type { VenueProfile } from './venue-profile.js';

/** The schedule's extras, one object for every request (a record per position cost more than the schedule look-up). */
const GENERIC_EXTRAS = Object.freeze({ liquidationFeeRate: 0 });

export const genericProfile: VenueProfile = {
  name: 'generic',
  label: 'Generic (Binance-style brackets, no fees)',
  instruments: ['linear', 'inverse'],
  defaultQuoteAsset: 'USDT',
  tierMeasure: 'notional',
  takerFeeRate: 0,
  defaultLeverage: 20,
  defaultContractSize: (symbol) => (symbol.toUpperCase().startsWith('BTC') ? 100 : 10),
  sources: ['https://www.binance.com/en/support/faq/360033162192'],
  liquidation: { style: 'full', partialFraction: 1, backstopEquityFraction: 0 },
  tierKey: (symbol) => concatenatedTierKey(symbol, 'linear', 'USDT'),
  maintenanceSchedule: (_position, table) => notionalBracketSchedule(table, GENERIC_EXTRAS),
};
