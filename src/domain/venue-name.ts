// The closed list of venue risk profiles the contract names (`--venue NAME`, per-row `venue`).

export const VENUE_NAMES = [
  'binance-usdm',
  'binance-coinm',
  'bybit-linear',
  'bybit-inverse',
  'okx-swap',
  'hyperliquid',
  'dydx-v4',
  'deribit',
  'generic',
] as const;

export type VenueName = (typeof VENUE_NAMES)[number];

export function isVenueName(value: string): value is VenueName {
  return (VENUE_NAMES as readonly string[]).includes(value);
}
