// Which assets a mode's totals (equity, maintenance margin, free balance) convert into the totals'
// asset, and at what price: pools and free balances settled in another asset (USDC beside USDT)
// and collateral held in a non-settlement asset (BTC in a USDT wallet, at its haircut). The
// reports name them beside the totals, so "Equity (USDT)" never silently includes USDC.

import type { AssetCollateral } from './pool.js';

/** One asset counted in a mode's totals at a price. */
export interface TotalConversion {
  readonly asset: string;
  /** Units of the totals' asset per unit of `asset`, before the haircut. */
  readonly price: number;
  /** Fraction of the value not counted (0 for settlement assets). */
  readonly haircut: number;
}

/**
 * The conversions into `totalAsset`: each asset of `amountAssets` (pools' and free balances'
 * settlement assets) other than it, at `rate(asset) / rate(totalAsset)`, then each collateral asset
 * (priced in its pool's asset `collateralAsset`), once per asset, in order of appearance.
 */
export function totalConversions(
  totalAsset: string,
  amountAssets: Iterable<string>,
  collateral: readonly AssetCollateral[],
  collateralAsset: string | null,
  rate: (asset: string) => number | null,
): TotalConversion[] {
  const totalRate = rate(totalAsset) ?? 1;
  const out = new Map<string, TotalConversion>();
  for (const asset of amountAssets) {
    const r = rate(asset);
    if (asset !== totalAsset && r !== null && !out.has(asset)) out.set(asset, { asset, price: r / totalRate, haircut: 0 });
  }
  for (const c of collateral) {
    if (out.has(c.asset) || c.asset === totalAsset || collateralAsset === null) continue;
    const poolRate = collateralAsset === totalAsset ? 1 : (rate(collateralAsset) ?? 1) / totalRate;
    out.set(c.asset, { asset: c.asset, price: c.priceSettlement * poolRate, haircut: c.haircut });
  }
  return [...out.values()];
}
