// Which event path drives a symbol that has no history of its own in an event: the documented
// proxy rule. Every substitution is reported, so output can flag it.

import type { Issue } from '../../domain/issue.js';
import { symbolAssets } from '../../domain/symbol-assets.js';

/**
 * How a symbol's replay path is obtained:
 * - `own`: the event has its base asset (BTCUSDT, BTCUSD_PERP, BTC-USDT-SWAP → BTC);
 * - `alias`: a wrapped or liquid-staked form of an event asset (WBTC → BTC, STETH → ETH);
 * - `stable`: a USD stablecoin base (USDCUSDT): held flat at its mark;
 * - `proxy`: any other asset quoted in USD or a USD stablecoin follows the proxy asset (default ETH).
 */
type EventPathKind = 'own' | 'alias' | 'stable' | 'proxy';

export interface EventPathSource {
  readonly kind: EventPathKind;
  /** The event asset whose path is used; null for `stable`. */
  readonly series: string | null;
}

/** Default proxy: ETH, the large-cap asset with the deeper drawdown than BTC in every library event. */
export const DEFAULT_PROXY_ASSET = 'ETH';

/** Wrapped and staked forms that move with an underlying asset. */
const ALIASES: Readonly<Record<string, string>> = {
  WBTC: 'BTC',
  BTCB: 'BTC',
  CBBTC: 'BTC',
  TBTC: 'BTC',
  WETH: 'ETH',
  STETH: 'ETH',
  WSTETH: 'ETH',
  CBETH: 'ETH',
  RETH: 'ETH',
  WEETH: 'ETH',
  WBNB: 'BNB',
  WSOL: 'SOL',
};

/**
 * Quotes of cross pairs that symbolAssets does not split off (`ETHBTC`, `SOLETH`, `BTCEUR`): a
 * symbol ending in one of these, with no USD quote recognised, is a cross pair, not a USD market.
 */
const NON_USD_QUOTES = ['BTC', 'ETH', 'BNB', 'EUR', 'GBP', 'TRY', 'BRL', 'JPY', 'AUD'];

/** USD stablecoins (as bases: held flat; as quotes: the symbol is priced in USD). */
const USD_STABLES = new Set(['USDT', 'USDC', 'BUSD', 'FDUSD', 'TUSD', 'USDE', 'DAI', 'USDP', 'PYUSD', 'USDD', 'USD1']);

export interface ProxyOptions {
  /** Asset that drives symbols without their own path; null disables proxies (they become issues). */
  readonly proxyAsset?: string | null;
}

/**
 * The path source for `symbol` in an event offering `available` assets, or an `unknown-symbol`
 * issue naming it. Event paths are USD(T) prices, so only symbols quoted in USD or a USD stablecoin
 * can use them (ETHBTC cannot); among those, no path of its own and no proxy (disabled, or the
 * proxy asset missing from the event) is also an issue.
 *
 * The proxy is a stated, flagged approximation: in these events small-cap altcoins often fell far
 * more than ETH (2025-10-10: ETH -22 %, XRP -55 %, DOGE -62 % from the window's start to the low),
 * so an ETH proxy can understate an altcoin's crash; choose a harsher proxy (e.g. DOGE) to stress.
 */
export function resolveEventPath(symbol: string, available: readonly string[], eventName: string, options: ProxyOptions = {}): EventPathSource | Issue {
  const { baseAsset, quoteAsset } = marketAssets(symbol);
  const has = (asset: string): boolean => available.includes(asset);
  const usdQuoted = quoteAsset === 'USD' || USD_STABLES.has(quoteAsset);
  const proxy = options.proxyAsset === undefined ? DEFAULT_PROXY_ASSET : options.proxyAsset;
  if (usdQuoted) {
    if (has(baseAsset)) return { kind: 'own', series: baseAsset };
    const alias = ALIASES[baseAsset] ?? (/^1000+(.+)$/.exec(baseAsset)?.[1] ?? /^1M(.+)$/.exec(baseAsset)?.[1]);
    if (alias !== undefined && has(alias)) return { kind: 'alias', series: alias };
    if (USD_STABLES.has(baseAsset)) return { kind: 'stable', series: null };
    if (proxy !== null && has(proxy.toUpperCase())) return { kind: 'proxy', series: proxy.toUpperCase() };
  }
  const why = !usdQuoted ? `its quote ${quoteAsset} is not USD (event paths are USD prices)` : proxy === null ? 'proxies are disabled' : `the proxy ${proxy} has no path in this event`;
  return {
    code: 'unknown-symbol',
    file: '--event',
    line: 0,
    column: 'symbol',
    message: `event ${eventName} has no price path for ${symbol} (base ${baseAsset}) and no proxy applies: ${why}`,
    value: symbol,
  };
}

/**
 * Base and quote of a symbol. A symbol with no recognised quote is either a cross pair ending in a
 * non-USD quote (`ETHBTC` → ETH / BTC) or a bare base asset, USD-quoted (Hyperliquid's `BTC`;
 * also the known wrapped names such as `WBTC`, which end in BTC but are not cross pairs).
 */
function marketAssets(symbol: string): { baseAsset: string; quoteAsset: string } {
  const { baseAsset, quoteAsset } = symbolAssets(symbol, 'linear', '');
  if (quoteAsset !== '') return { baseAsset, quoteAsset };
  if (ALIASES[baseAsset] !== undefined || USD_STABLES.has(baseAsset)) return { baseAsset, quoteAsset: 'USD' };
  const cross = NON_USD_QUOTES.find((q) => baseAsset.length > q.length && baseAsset.endsWith(q));
  return cross === undefined ? { baseAsset, quoteAsset: 'USD' } : { baseAsset: baseAsset.slice(0, -cross.length), quoteAsset: cross };
}

/** True when `value` is an Issue rather than a path source. */
export function isIssue(value: EventPathSource | Issue): value is Issue {
  return 'code' in value;
}
