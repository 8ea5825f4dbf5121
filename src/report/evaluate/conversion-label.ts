// The unit of an account's totals as a label says it: "Equity (USDT; USDC at 1.0000)" when the
// totals count another asset (a USDC pool beside USDT ones, BTC collateral in a USDT wallet) at a
// price, so the reader sees what was converted and at what rate. Shared by the summary and the
// what-if views (terminal table and Markdown).

import type { ModeEvaluation } from '../../margin/evaluation.js';

function priceText(price: number): string {
  return price >= 1000 ? price.toLocaleString('en-US', { maximumFractionDigits: 2 }) : price.toFixed(4);
}

/** `USDC at 1.0000, BTC at 91,250 less 5 %`: each converted asset once, in order; '' when none. */
export function conversionsText(modes: readonly ModeEvaluation[]): string {
  const seen = new Map<string, string>();
  for (const mode of modes) {
    for (const c of mode.conversions ?? []) {
      if (seen.has(c.asset)) continue;
      const haircut = c.haircut > 0 ? ` less ${(c.haircut * 100).toLocaleString('en-US', { maximumFractionDigits: 2 })} %` : '';
      seen.set(c.asset, `${c.asset} at ${priceText(c.price)}${haircut}`);
    }
  }
  return [...seen.values()].join(', ');
}

/** A row label with its unit and the conversions: `Equity (USDT; USDC at 1.0000)`. */
export function labelWithConversions(label: string, unit: string, modes: readonly ModeEvaluation[]): string {
  const conversions = conversionsText(modes);
  if (conversions === '') return unit === '' ? label : `${label} (${unit})`;
  return unit === '' ? `${label} (${conversions})` : `${label} (${unit}; ${conversions})`;
}
