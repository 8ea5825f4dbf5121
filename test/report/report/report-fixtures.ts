// Test fixtures for the HTML and Markdown reports: real evaluations of small books (Binance USDⓈ-M
// rules and bundled tiers) wrapped with hand-made simulation, contagion, joint-boundary and replay
// sections, plus a book whose names are hostile HTML.

import type { AccountBook } from '../../../src/domain/account-book.js';
import type { Balance } from '../../../src/domain/balance.js';
import type { Position } from '../../../src/domain/position.js';
import { loadBundledTierBook } from '../../../src/io/bundled-tiers.js';
import { evaluateAccount } from '../../../src/margin/evaluate-account.js';
import type { AccountEvaluation } from '../../../src/margin/evaluation.js';
import type {
  AccountReport,
  ContagionSection,
  JointBoundarySection,
  ReplaySeries,
  ReportInputs,
  SimulationSection,
} from '../../../src/report/report/report-model.js';
import { makePosition } from '../../support/make-position.js';

/** The name used wherever a test needs text that must never reach the page as markup. */
export const HOSTILE = '<script>alert(1)</script>';

function usdt(account: string, amount: number): Balance {
  return { account, asset: 'USDT', amount, priceQuote: null, haircut: null, source: { file: 'balances.csv', line: 2 } };
}

function position(account: string, overrides: Partial<Position> & Pick<Position, 'symbol'>): Position {
  return makePosition({ account, venue: 'binance-usdm', ...overrides });
}

/** Evaluate a book with the bundled tier tables; throws if the book has problems. */
export function evaluateBook(book: AccountBook): AccountEvaluation {
  const { evaluation, issues } = evaluateAccount(book, { tierBook: loadBundledTierBook(), allocation: 'leverage' });
  if (evaluation === null) throw new Error(`fixture book ${book.account} did not evaluate: ${issues.map((i) => i.message).join('; ')}`);
  return evaluation;
}

/** A three-position book: BTC long (cross), ETH short (isolated), SOL long (cross). */
export function deskBook(account = 'desk', wallet = 12_000): AccountBook {
  return {
    account,
    balances: [usdt(account, wallet)],
    positions: [
      position(account, { symbol: 'BTCUSDT', side: 'long', size: 0.8, entryPrice: 88_000, markPrice: 90_250.5, leverage: 10 }),
      position(account, {
        symbol: 'ETHUSDT',
        side: 'short',
        size: 12,
        entryPrice: 3_050,
        markPrice: 3_120.4,
        marginMode: 'isolated',
        isolatedMargin: 2_100,
        leverage: 20,
      }),
      position(account, { symbol: 'SOLUSDT', side: 'long', size: 150, entryPrice: 182, markPrice: 171.35, leverage: 5 }),
    ],
  };
}

/** A book whose account name, symbol-free ids and position ids are hostile markup. */
export function hostileBook(): AccountBook {
  const account = HOSTILE;
  return {
    account,
    balances: [usdt(account, 3_000)],
    positions: [
      position(account, { symbol: 'BTCUSDT', side: 'long', size: 0.3, entryPrice: 90_000, markPrice: 89_000, positionId: `${HOSTILE}-btc` }),
      position(account, { symbol: 'ETHUSDT', side: 'long', size: 4, entryPrice: 3_000, markPrice: 3_100, positionId: `x" onmouseover="alert(2)` }),
    ],
  };
}

/** A simulation section with a loss histogram shaped like a real one (mass at zero, long tail). */
export function sampleSimulation(): SimulationSection {
  const lossBinEdges = Array.from({ length: 13 }, (_, i) => i * 500);
  const shape = (scale: number): number[] => lossBinEdges.slice(1).map((_, i) => (i === 0 ? 6_000 : Math.round((4_000 * scale) / (i + 1) ** 1.6)));
  return {
    asset: 'USDT',
    modes: {
      exported: { liquidationProbability: 0.083, expectedLoss: 412.5, valueAtRisk: { '0.95': 2_150, '0.99': 4_020 }, expectedShortfall: { '0.95': 3_100, '0.99': 4_800 }, expectedBadDebt: 3.2 },
      isolated: { liquidationProbability: 0.121, expectedLoss: 388.1, valueAtRisk: { '0.95': 1_900, '0.99': 3_300 }, expectedShortfall: { '0.95': 2_600, '0.99': 3_650 }, expectedBadDebt: 0.4 },
      cross: { liquidationProbability: 0.047, expectedLoss: 455, valueAtRisk: { '0.95': 2_400, '0.99': 5_200 }, expectedShortfall: { '0.95': 3_700, '0.99': 5_900 }, expectedBadDebt: 12.75 },
    },
    lossHistogram: { lossBinEdges, countsByMode: { exported: shape(1), isolated: shape(0.8), cross: shape(1.25) } },
  };
}

/** Contagion: ETH short dragged down by BTC and SOL; SOL rescued by the ETH hedge. */
export function sampleContagion(account = 'desk'): ContagionSection {
  const id = (symbol: string, side: string): string => `${account}:${symbol}:${side}`;
  return {
    victims: [
      { positionId: id('ETHUSDT', 'short'), probability: 0.062, causes: [{ positionId: id('BTCUSDT', 'long'), share: 0.7 }, { positionId: id('SOLUSDT', 'long'), share: 0.3 }] },
      { positionId: id('BTCUSDT', 'long'), probability: 0.018, causes: [{ positionId: id('SOLUSDT', 'long'), share: 1 }] },
    ],
    rescues: [{ positionId: id('SOLUSDT', 'long'), probability: 0.094, causes: [{ positionId: id('ETHUSDT', 'short'), share: 1 }] }],
  };
}

/** A 21 × 21 grid of BTC and SOL moves from -40 % to +40 %; liquidated when both fall far enough. */
export function sampleBoundary(): JointBoundarySection {
  const moves = Array.from({ length: 21 }, (_, i) => -0.4 + i * 0.04);
  return {
    first: { symbol: 'BTCUSDT', moves },
    second: { symbol: 'SOLUSDT', moves },
    liquidatedInCross: moves.map((a) => moves.map((b) => 0.8 * a + b < -0.3)),
  };
}

/** Two replays over a day in 15-minute steps: a crash and a squeeze. */
export function sampleReplays(): ReplaySeries[] {
  const start = Date.UTC(2020, 2, 12);
  const steps = 97;
  const timestampsMs = Array.from({ length: steps }, (_, i) => start + i * 15 * 60_000);
  const path = (depth: number, floor: number): number[] =>
    timestampsMs.map((_, i) => Math.max(floor, 14_000 - depth * Math.sin((Math.PI * i) / (steps - 1)) ** 2 - 20 * i));
  return [
    {
      event: '2020-03-12',
      asset: 'USDT',
      timestampsMs,
      equityByMode: { exported: path(9_000, 2_000), isolated: path(8_000, 6_000), cross: path(11_000, 0) },
      liquidatedAtMsByMode: { exported: null, isolated: timestampsMs[40]!, cross: timestampsMs[48]! },
    },
    {
      event: '2025-10-10',
      asset: 'USDT',
      timestampsMs: timestampsMs.map((t) => t + Date.UTC(2025, 9, 10) - start),
      equityByMode: { exported: path(3_000, 0), isolated: path(2_500, 0), cross: path(3_500, 0) },
    },
  ];
}

/** An account report with every optional section. */
export function fullReport(account = 'desk'): AccountReport {
  return {
    evaluation: evaluateBook(deskBook(account)),
    simulation: sampleSimulation(),
    contagion: sampleContagion(account),
    jointBoundary: sampleBoundary(),
    replays: sampleReplays(),
  };
}

/** Inputs echoed by the report tests. */
export function sampleInputs(): ReportInputs {
  return {
    title: 'Desk margin review',
    evaluate: {
      venue: 'binance-usdm',
      allocation: 'leverage',
      files: { positions: 'positions.csv', balances: 'balances.csv', tiers: null },
      wallet: null,
      skipInvalid: false,
    },
    simulation: { paths: 10_000, horizon: '24h', steps: 96, seed: '42', model: 'student-t' },
    replayEvents: ['2020-03-12', '2025-10-10'],
    generatedAt: '2025-11-02T09:30:00Z',
  };
}
