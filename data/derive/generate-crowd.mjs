// Generates the synthetic sample market for `marginscope cascade` (data/samples/crowd*.csv,
// data/samples/depth.csv, data/samples/cascade-own*.csv). SYNTHETIC: no real account is in it.
// Run from the repository root:
//
//   node data/derive/generate-crowd.mjs [ACCOUNTS] [SEED]
//
// Assumptions (stated in data/README.md): per symbol an open interest (USDT notional, per side)
// and the share of it held long; the order-book depth per 1 % move
// (depth per 1 % = 5 % of the open interest, about Binance's ratio on majors in 2025);
// leverage drawn from a mixture (40 % 2–5x, 35 % 5–20x, 20 % 20–50x, 5 % 50–100x, capped at the bracket's max leverage of
// data/tiers/binance-usdm.json); position notionals log-normal (sigma 1.2) scaled so each side
// sums to its open interest; entry prices within ±4 % of the mark. 80 % of accounts hold one
// isolated position, 15 % one cross position on a wallet of notional / leverage, 5 % a cross
// basket of 2–3 symbols. Every account starts healthy: margin is max(notional / leverage,
// 2.5 x maintenance) plus any unrealised loss, so equity is at least 2.5 x maintenance. Deterministic for a given ACCOUNTS and SEED.

import { readFileSync, writeFileSync } from 'node:fs';

const ACCOUNTS = Number(process.argv[2] ?? 3000);
const SEED = Number(process.argv[3] ?? 20251010);

/** symbol, mark (late-2025 levels, as data/samples/positions.csv), open interest per side, long share, depth per 1 %. */
export const MARKET = [
  { symbol: 'BTCUSDT', mark: 91250, openInterest: 80e6, longShare: 0.55, depth1pct: 4e6 },
  { symbol: 'ETHUSDT', mark: 3015, openInterest: 50e6, longShare: 0.57, depth1pct: 2.5e6 },
  { symbol: 'SOLUSDT', mark: 135.2, openInterest: 20e6, longShare: 0.6, depth1pct: 1e6 },
  { symbol: 'BNBUSDT', mark: 880, openInterest: 8e6, longShare: 0.55, depth1pct: 0.4e6 },
  { symbol: 'XRPUSDT', mark: 2.05, openInterest: 10e6, longShare: 0.6, depth1pct: 0.5e6 },
  { symbol: 'DOGEUSDT', mark: 0.15, openInterest: 6e6, longShare: 0.62, depth1pct: 0.3e6 },
];

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = mulberry32(SEED);
const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
const tiers = JSON.parse(readFileSync('data/tiers/binance-usdm.json', 'utf8')).symbols;

function bracket(symbol, notional) {
  const table = tiers[symbol];
  let b = table[0];
  for (const t of table) if (notional >= t.floor) b = t;
  return b;
}

function maintenance(symbol, notional) {
  const b = bracket(symbol, notional);
  return Math.max(0, notional * b.maintenanceMarginRate - b.maintenanceAmount);
}

function leverage() {
  const u = rand();
  const [lo, hi] = u < 0.4 ? [2, 5] : u < 0.75 ? [5, 20] : u < 0.95 ? [20, 50] : [50, 100];
  return lo * Math.pow(hi / lo, rand());
}

const round = (x, d) => Number(x.toFixed(d));

// Draw accounts and their legs, then scale notionals so each side sums to its open interest.
const accounts = [];
for (let a = 0; a < ACCOUNTS; a++) {
  const u = rand();
  const kind = u < 0.8 ? 'isolated' : u < 0.95 ? 'cross' : 'basket';
  const legs = kind === 'basket' ? 2 + Math.floor(rand() * 2) : 1;
  const symbols = [...MARKET].sort(() => rand() - 0.5).slice(0, legs);
  accounts.push({
    name: `c${String(a + 1).padStart(6, '0')}`,
    kind,
    lev: leverage(),
    legs: symbols.map((m) => ({ m, long: rand() < m.longShare, weight: Math.exp(1.2 * normal()), entry: m.mark * (1 + 0.04 * (2 * rand() - 1)) })),
  });
}
const sums = new Map();
for (const acc of accounts) for (const leg of acc.legs) {
  const key = `${leg.m.symbol}:${leg.long}`;
  sums.set(key, (sums.get(key) ?? 0) + leg.weight);
}

const positions = ['account,symbol,side,size,entry_price,mark_price,margin_mode,isolated_margin,leverage,venue'];
const balances = ['account,asset,amount'];
for (const acc of accounts) {
  let wallet = 0;
  for (const leg of acc.legs) {
    const m = leg.m;
    const share = leg.long ? m.longShare : 1 - m.longShare;
    const notional = (leg.weight / sums.get(`${m.symbol}:${leg.long}`)) * m.openInterest * share * 2;
    const size = notional / m.mark;
    const lev = Math.min(acc.lev, bracket(m.symbol, notional).maxLeverage);
    const pnl = (leg.long ? 1 : -1) * size * (m.mark - leg.entry);
    const margin = Math.max(notional / lev, 2.5 * maintenance(m.symbol, notional)) + Math.max(0, -pnl);
    const decimals = m.mark > 1000 ? 4 : m.mark > 10 ? 2 : 0;
    const row = [acc.name, m.symbol, leg.long ? 'long' : 'short', round(size, decimals), round(leg.entry, m.mark > 10 ? 2 : 5), m.mark];
    if (acc.kind === 'isolated') positions.push([...row, 'isolated', round(margin, 2), round(lev, 1), 'binance-usdm'].join(','));
    else {
      positions.push([...row, 'cross', '', round(lev, 1), 'binance-usdm'].join(','));
      wallet += margin;
    }
  }
  if (acc.kind !== 'isolated') balances.push(`${acc.name},USDT,${round(wallet, 2)}`);
}

writeFileSync('data/samples/crowd.csv', `${positions.join('\n')}\n`);
writeFileSync('data/samples/crowd-balances.csv', `${balances.join('\n')}\n`);
writeFileSync('data/samples/depth.csv', `symbol,depth_1pct\n${MARKET.map((m) => `${m.symbol},${m.depth1pct}`).join('\n')}\n`);
writeFileSync(
  'data/samples/cascade-own.csv',
  [
    'account,symbol,side,size,entry_price,mark_price,margin_mode,isolated_margin,leverage,venue',
    'desk,BTCUSDT,long,2,90100,91250,cross,,5,binance-usdm',
    'desk,ETHUSDT,short,40,3060,3015,cross,,5,binance-usdm',
    'desk,SOLUSDT,long,400,131.5,135.2,isolated,4500,12,binance-usdm',
    'desk,DOGEUSDT,long,300000,0.152,0.15,isolated,2600,17,binance-usdm',
    'hedger,ETHUSDT,long,60,2990,3015,cross,,4,binance-usdm',
    'hedger,BTCUSDT,short,2,92000,91250,cross,,4,binance-usdm',
  ].join('\n') + '\n',
);
writeFileSync('data/samples/cascade-own-balances.csv', 'account,asset,amount\ndesk,USDT,30000\nhedger,USDT,40000\n');
process.stdout.write(`wrote ${accounts.length} synthetic accounts (${positions.length - 1} positions)\n`);
