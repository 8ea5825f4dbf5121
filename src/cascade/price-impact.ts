// Linear log-price impact of one netted market order, and the mean fill price along the move
// (cascade.md, rule 3).
//
//   k    = 0.01 x N / D        N: order notional (units x price before the order), D: depth per 1 %
//   p1   = p0 x exp(±k)        up for a buy, down for a sell
//   fill = p0 x (exp(k) - 1) / k    (buy)      p0 x (1 - exp(-k)) / k    (sell)      p0 when k = 0
//
// An infinite depth gives k = 0: no impact, the fill is p0.

/**
 * Log-price move (signed: + for a buy) of an order of `units` (signed: + buy, − sell) at `priceBefore`
 * on a book with `bidDepth1pct` / `askDepth1pct` of quote notional per 1 % (sells use the bid).
 */
export function logImpact(units: number, priceBefore: number, bidDepth1pct: number, askDepth1pct: number): number {
  if (units === 0) return 0;
  const depth = units > 0 ? askDepth1pct : bidDepth1pct;
  const k = (0.01 * Math.abs(units) * priceBefore) / depth;
  return units > 0 ? k : -k;
}

/** Mean price along a log move of `signedK` from `priceBefore` (see the file header). */
export function meanFillPrice(priceBefore: number, signedK: number): number {
  if (signedK === 0) return priceBefore;
  return (priceBefore * Math.expm1(signedK)) / signedK;
}
