import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEventIndexJson } from '../../../src/scenarios/events/event-index.js';
import { EventLibrary } from '../../../src/scenarios/events/event-library.js';
import { eventReplayPath } from '../../../src/scenarios/events/event-replay-path.js';
import { parseEventCsv, type HistoricalEvent } from '../../../src/scenarios/events/historical-event.js';
import { isIssue, resolveEventPath } from '../../../src/scenarios/events/proxy-rule.js';
import type { ReplayPricePath } from '../../../src/scenarios/events/replay-path.js';

const eventsFile = (name: string): string => readFileSync(new URL(`../../../data/events/${name}`, import.meta.url), 'utf8');
const library = new EventLibrary(parseEventIndexJson(eventsFile('index.json'), 'index.json').index!);
function load(name: string): HistoricalEvent {
  const entry = library.find(name)!;
  return parseEventCsv(eventsFile(entry.file), entry, entry.file).event!;
}

function assertRangeInvariant(path: ReplayPricePath): void {
  const n = path.assets.length;
  for (let s = 0; s < path.nSteps; s++) {
    for (let a = 0; a < n; a++) {
      const before = s === 0 ? path.marks[a]! : path.close[(s - 1) * n + a]!;
      const after = path.close[s * n + a]!;
      expect(path.low[s * n + a]).toBeLessThanOrEqual(Math.min(before, after));
      expect(path.high[s * n + a]).toBeGreaterThanOrEqual(Math.max(before, after));
    }
  }
}

describe('proxy rule', () => {
  const available = ['BTC', 'ETH', 'SOL'];
  it.each([
    ['BTCUSDT', { kind: 'own', series: 'BTC' }],
    ['BTCUSD_PERP', { kind: 'own', series: 'BTC' }],
    ['ETH-USDT-SWAP', { kind: 'own', series: 'ETH' }],
    ['WBTCUSDT', { kind: 'alias', series: 'BTC' }],
    ['STETHUSDT', { kind: 'alias', series: 'ETH' }],
    ['USDCUSDT', { kind: 'stable', series: null }],
    ['PEPEUSDT', { kind: 'proxy', series: 'ETH' }],
    ['ARBUSDC', { kind: 'proxy', series: 'ETH' }],
    ['SOL', { kind: 'own', series: 'SOL' }],
    ['WBTC', { kind: 'alias', series: 'BTC' }],
    ['1000PEPEUSDT', { kind: 'proxy', series: 'ETH' }],
  ])('%s → %o', (symbol, expected) => {
    expect(resolveEventPath(symbol, available, 'e')).toEqual(expected);
  });

  it('names a symbol it cannot serve', () => {
    const cross = resolveEventPath('ETHBTC', ['BTC', 'ETH'], '2020-03-12');
    expect(isIssue(cross) && cross.message).toMatch(/no price path for ETHBTC .* its quote BTC is not USD/);
    const disabled = resolveEventPath('PEPEUSDT', available, 'e', { proxyAsset: null });
    expect(isIssue(disabled) && disabled.value).toBe('PEPEUSDT');
    expect(resolveEventPath('PEPEUSDT', available, 'e', { proxyAsset: 'sol' })).toEqual({ kind: 'proxy', series: 'SOL' });
  });
});

describe('eventReplayPath', () => {
  const event = load('2025-10-10');

  it('rebases each path to its mark and keeps 30-minute steps for BTC and ETH', () => {
    const { path, issues } = eventReplayPath(event, ['BTCUSDT', 'ETHUSDT'], [60_000, 3_000]);
    expect(issues).toEqual([]);
    expect(path!.nSteps).toBe(3 * 48);
    expect(path!.stepEndMs[0]).toBe(Date.parse('2025-10-09T00:30:00Z'));
    const btcLow = Math.min(...path!.low.filter((_, k) => k % 2 === 0));
    expect(btcLow / 60_000).toBeCloseTo(102000 / 123306.01, 9);
    expect(path!.sources).toEqual([{ kind: 'own', series: 'BTC' }, { kind: 'own', series: 'ETH' }]);
    assertRangeInvariant(path!);
  });

  it('aggregates 30-minute bars exactly into the hourly steps that SOL needs', () => {
    const { path } = eventReplayPath(event, ['BTCUSDT', 'SOLUSDT'], [1, 1]);
    expect(path!.nSteps).toBe(72);
    const btc = event.bars.get('BTC')!;
    // Step 45 (the 21:00Z hour of 10 October) = 30m bars 90 and 91.
    expect(path!.low[45 * 2]).toBe(Math.min(btc.low[90]!, btc.low[91]!));
    expect(path!.close[45 * 2]).toBe(btc.close[91]);
    assertRangeInvariant(path!);
  });

  it('flags proxies and holds stablecoins flat', () => {
    const { path } = eventReplayPath(event, ['PEPEUSDT', 'USDCUSDT'], [0.00001, 1]);
    expect(path!.sources).toEqual([{ kind: 'proxy', series: 'ETH' }, { kind: 'stable', series: null }]);
    for (let s = 0; s < path!.nSteps; s++) expect(path!.close[s * 2 + 1]).toBe(1);
  });

  it('returns issues for unknown symbols, bad marks and a step that does not fit', () => {
    expect(eventReplayPath(event, ['ETHBTC'], [0.05]).issues[0]!.value).toBe('ETHBTC');
    expect(eventReplayPath(event, ['BTCUSDT'], [0]).issues[0]!.code).toBe('not-positive');
    expect(eventReplayPath(event, ['BTCUSDT', 'SOLUSDT'], [1, 1], { stepMinutes: 90 }).issues[0]!.message).toMatch(/not a multiple/);
    expect(eventReplayPath(event, ['BTCUSDT'], [1], { stepMinutes: 240 }).path!.nSteps).toBe(18);
  });
});
