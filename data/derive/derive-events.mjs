// Derives the historical crash library (data/events/*.csv and data/events/index.json) from
// Binance OHLC bar files. Run by hand, from the repository root:
//
//   node data/derive/derive-events.mjs PRICES_DIR
//
// PRICES_DIR holds the source bar files (`BTCUSDT_30m.csv`, `ETHUSDT_1h.csv`, `BTCUSDT-PERP_1h.csv`,
// …; header `timestamp,open,high,low,close,volume`, timestamp = bar open, ISO-8601 UTC), described
// with their provenance in data/README.md. For each event and symbol the finest spot series that
// covers the window is used (30m, else 1h; the USDⓈ-M perpetual only where no spot hourly exists),
// and every bar is written as ratios to the symbol's first open in the window. The script checks
// that each window is complete (no missing bar) and fails otherwise. Output is deterministic.

import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const SYMBOLS = ['BTC', 'ETH', 'SOL', 'BNB', 'XRP', 'DOGE'];
/** Significant digits of the ratios written (relative rounding error below 5e-11). */
const RATIO_DIGITS = 10;

/** The crash library: window [start, end) in UTC. */
const EVENTS = [
  {
    name: '2020-03-12',
    aliases: ['covid', 'black-thursday'],
    title: 'COVID crash ("Black Thursday")',
    description: 'Global risk-off as COVID-19 lockdowns began; BTC fell about 40 % on 12 March and wicked lower in the early hours of 13 March amid a cascade of liquidations (BitMEX went offline).',
    start: '2020-03-11T00:00:00Z',
    end: '2020-03-14T00:00:00Z',
  },
  {
    name: '2021-05-19',
    aliases: ['china-ban', 'may-2021'],
    title: 'May 2021 leverage flush',
    description: 'China reiterated its ban on crypto services and mining while leverage peaked; BTC fell from about 43k to 30k intraday on 19 May.',
    start: '2021-05-18T00:00:00Z',
    end: '2021-05-21T00:00:00Z',
  },
  {
    name: '2022-05-12',
    aliases: ['luna', 'terra'],
    title: 'Terra/LUNA collapse',
    description: 'The UST stablecoin lost its peg from 7 May and LUNA went to zero; the Luna Foundation Guard sold its BTC reserve. Lows on 12 May.',
    start: '2022-05-07T00:00:00Z',
    end: '2022-05-13T00:00:00Z',
  },
  {
    name: '2022-06-13',
    aliases: ['2022-06-18', '3ac', 'celsius'],
    title: 'Celsius freeze and Three Arrows Capital insolvency',
    description: 'Celsius froze withdrawals on 12 June and 3AC failed margin calls; BTC fell 15 % on 13 June and made its cycle low of the period on 18 June.',
    start: '2022-06-12T00:00:00Z',
    end: '2022-06-19T00:00:00Z',
  },
  {
    name: '2022-11-09',
    aliases: ['ftx'],
    title: 'FTX collapse',
    description: 'The run on FTX after the Alameda balance-sheet report; Binance walked away from the rescue on 9 November. SOL, tied to FTX/Alameda, fell more than 60 %.',
    start: '2022-11-07T00:00:00Z',
    end: '2022-11-11T00:00:00Z',
  },
  {
    name: '2024-08-05',
    aliases: ['yen-carry', 'august-2024'],
    title: 'Yen carry-trade unwind',
    description: 'A Bank of Japan hike and weak US jobs data unwound yen carry trades across markets; crypto sold off over the weekend of 3-4 August and crashed in Asian hours on Monday 5 August.',
    start: '2024-08-03T00:00:00Z',
    end: '2024-08-07T00:00:00Z',
  },
  {
    name: '2025-10-10',
    aliases: ['tariff-shock', 'october-2025'],
    title: 'October 2025 tariff-shock liquidation cascade',
    description: 'A US announcement of 100 % tariffs on China on Friday 10 October set off the largest liquidation day on record; altcoins fell 50-60 % within an hour around 21:00Z before rebounding.',
    start: '2025-10-09T00:00:00Z',
    end: '2025-10-12T00:00:00Z',
  },
];

/**
 * Candidate source files per symbol, finest first. `market` says spot or perpetual; `provenance`
 * maps a bar time to the key of the repository it came from (see data/README.md).
 */
const CANDIDATES = {
  BTC: [
    { file: 'BTCUSDT_30m.csv', minutes: 30, market: 'spot', provenance: () => 'E' },
    { file: 'BTCUSDT_1h.csv', minutes: 60, market: 'spot', provenance: (t) => (t < '2022-01-01' ? 'M' : t <= '2025-12-02T04:00:00Z' ? 'H' : 'E') },
    { file: 'BTCUSDT-PERP_1h.csv', minutes: 60, market: 'usdm-perpetual', provenance: () => 'P' },
  ],
  ETH: [
    { file: 'ETHUSDT_30m.csv', minutes: 30, market: 'spot', provenance: () => 'E' },
    { file: 'ETHUSDT_1h.csv', minutes: 60, market: 'spot', provenance: (t) => (t <= '2025-11-02T12:00:00Z' ? 'W' : 'E') },
    { file: 'ETHUSDT-PERP_1h.csv', minutes: 60, market: 'usdm-perpetual', provenance: () => 'P' },
  ],
  SOL: [{ file: 'SOLUSDT_1h.csv', minutes: 60, market: 'spot', provenance: () => 'Y' }],
  BNB: [{ file: 'BNBUSDT_1h.csv', minutes: 60, market: 'spot', provenance: () => 'Y' }],
  XRP: [{ file: 'XRPUSDT_1h.csv', minutes: 60, market: 'spot', provenance: () => 'Y' }],
  DOGE: [{ file: 'DOGEUSDT_1h.csv', minutes: 60, market: 'spot', provenance: () => 'Y' }],
};

const pricesDir = process.argv[2];
if (pricesDir === undefined) {
  console.error('usage: node data/derive/derive-events.mjs PRICES_DIR');
  process.exit(2);
}
const outDir = new URL('../events/', import.meta.url);

const cache = new Map();
function readBars(file) {
  if (!cache.has(file)) {
    const text = readFileSync(join(pricesDir, file), 'utf8');
    const rows = text.trim().split('\n').slice(1).map((line) => {
      const [timestamp, open, high, low, close] = line.split(',');
      return { timestamp, ms: Date.parse(timestamp), open: Number(open), high: Number(high), low: Number(low), close: Number(close) };
    });
    cache.set(file, rows);
  }
  return cache.get(file);
}

/** The bars of `candidate` in [start, end), or null unless every bar of the window is there. */
function windowBars(candidate, startMs, endMs) {
  if (!existsSync(join(pricesDir, candidate.file))) return null;
  const bars = readBars(candidate.file).filter((b) => b.ms >= startMs && b.ms < endMs);
  const expected = (endMs - startMs) / (candidate.minutes * 60_000);
  if (bars.length !== expected) return null;
  for (let k = 0; k < bars.length; k++) if (bars[k].ms !== startMs + k * candidate.minutes * 60_000) return null;
  return bars;
}

function ratio(value, start) {
  return Number((value / start).toPrecision(RATIO_DIGITS)).toString();
}

const index = [];
for (const event of EVENTS) {
  const startMs = Date.parse(event.start);
  const endMs = Date.parse(event.end);
  const lines = ['offset_minutes,symbol,open,high,low,close'];
  const entry = { ...event, file: `${event.name}.csv`, symbols: [], resolutionMinutes: {}, startPrice: {}, sources: {}, notes: [] };
  for (const symbol of SYMBOLS) {
    let chosen = null;
    for (const candidate of CANDIDATES[symbol]) {
      const bars = windowBars(candidate, startMs, endMs);
      if (bars !== null) {
        chosen = { candidate, bars };
        break;
      }
    }
    if (chosen === null) {
      entry.notes.push(`${symbol}: no complete bar series covers the window (not listed yet, or data missing); left out.`);
      continue;
    }
    const { candidate, bars } = chosen;
    const start = bars[0].open;
    for (const bar of bars) {
      const offset = (bar.ms - startMs) / 60_000;
      lines.push([offset, symbol, ratio(bar.open, start), ratio(bar.high, start), ratio(bar.low, start), ratio(bar.close, start)].join(','));
    }
    const keys = [...new Set(bars.map((b) => candidate.provenance(b.timestamp)))];
    entry.symbols.push(symbol);
    entry.resolutionMinutes[symbol] = candidate.minutes;
    entry.startPrice[symbol] = start;
    entry.sources[symbol] = { file: candidate.file, market: candidate.market, provenance: keys };
    if (candidate.market !== 'spot') {
      entry.notes.push(
        `${symbol}: Binance USDⓈ-M perpetual bars (no spot hourly history exists for this window); perpetual last-trade wicks can be deeper than spot and than the mark price that drives liquidations.`,
      );
    }
  }
  writeFileSync(new URL(entry.file, outDir), `${lines.join('\n')}\n`);
  index.push(entry);
  console.error(`${event.name}: ${entry.symbols.join(' ')} (${lines.length - 1} bars)`);
}

const document = {
  schema: 'marginscope/events@1',
  format:
    'One CSV per event: offset_minutes (bar open, minutes after the window start), symbol (base asset of the Binance XXXUSDT market), open, high, low, close as ratios to the symbol\'s first open in the window (startPrice). Windows are [start, end) in UTC.',
  provenanceKeys: {
    Y: 'yanniedog/binance-historical-OHLCV-data @ 1a00f0748cc41ff0e476285ad927ce3bbc133893 (Binance spot klines)',
    M: 'misrori/binance_startegy @ dbfa7fe7fdd3ffeb898a7e34030bb2811d04e451, data/BTCUSDT_1h.csv (Binance spot klines)',
    H: 'hopeffy/economics-project-algorithmic-trading-algorithms @ d47d8be0a6e0af23b0bf96f61e8a8c81ed4aea2d, data/BTCUSDT_1h.csv (Binance spot klines)',
    E: 'ElvisTV/backtestingbots_s1 @ 043c8c499bd47b33ca0d0fd2eb021fe992a2cfa4, data/ and data_30m/ (Binance spot klines)',
    W: 'wanglz111/martingale-multi-spot-bot @ 4c46a096014c574960b6f5ceba12be950faa7855, data/ETHUSDT_1h.csv (Binance spot klines)',
    P: 'PixelAlpha-ai/MarketTrend @ b29ecb078dca8ab133229a6887f801d8f161a05c, data/crypto/ (Binance USDⓈ-M perpetual klines)',
  },
  events: index,
};
writeFileSync(new URL('index.json', outDir), `${JSON.stringify(document, null, 2)}\n`);
