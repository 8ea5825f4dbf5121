// Which file supplies a venue's tier tables when the bundled ones lack a symbol or are old: the
// venue's own export passed with `--with`, where marginscope reads one, else a tiers file with
// `--tiers`. Messages name it, so a refusal shows the way forward.

import type { VenueName } from '../domain/venue-name.js';

/** The venue export that carries the venue's tiers, read with `--with`; null when none is read. */
const TIER_EXPORTS: Readonly<Record<VenueName, string | null>> = {
  'binance-usdm': 'GET /fapi/v1/leverageBracket',
  'binance-coinm': null,
  'bybit-linear': 'GET /v5/market/risk-limit?category=linear',
  'bybit-inverse': 'GET /v5/market/risk-limit?category=inverse',
  'okx-swap': null,
  hyperliquid: null,
  'dydx-v4': null,
  deribit: null,
  generic: null,
};

/** Where the venue's live figures are, for the `--tiers` file, when no export of them is read. */
const TIER_ENDPOINTS: Readonly<Record<VenueName, string | null>> = {
  'binance-usdm': null,
  'binance-coinm': 'GET /dapi/v1/leverageBracket',
  'bybit-linear': null,
  'bybit-inverse': null,
  'okx-swap': 'GET /api/v5/public/position-tiers',
  hyperliquid: 'POST /info {"type":"meta"} margin tables',
  'dydx-v4': 'GET /v4/perpetualMarkets liquidity tiers',
  deribit: 'Deribit margin documentation',
  generic: null,
};

/**
 * The way to supply `venue`'s tiers, as a clause: `supply them with --tiers FILE, or pass the
 * venue's own with --with (GET /v5/market/risk-limit?category=inverse)`. `givenExport`: the file of
 * the venue's tiers already passed with `--with` (it lacks the symbol), so only `--tiers` is left.
 */
export function tierSupplyHint(venue: VenueName, givenExport: string | null = null): string {
  if (givenExport !== null) return `the tiers given with --with (${givenExport}) do not list it; supply them with --tiers FILE`;
  const exported = TIER_EXPORTS[venue];
  if (exported !== null) return `supply them with --tiers FILE, or pass the venue's own with --with (${exported})`;
  const endpoint = TIER_ENDPOINTS[venue];
  return endpoint === null ? 'supply them with --tiers' : `supply them with --tiers FILE (from ${endpoint})`;
}
