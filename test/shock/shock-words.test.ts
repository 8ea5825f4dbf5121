// The shock outputs for people: contagion sentences naming positions by symbol and side, and
// the progress line drawn only when asked to and erased before anything else is printed.

import { describe, expect, it } from 'vitest';
import { terminalProgress } from '../../src/cli/progress.js';
import type { AccountContagion } from '../../src/contagion/contagion-summary.js';
import { contagionSentences, positionNames } from '../../src/report/simulate/contagion-text.js';
import { durationText, probabilityText } from '../../src/report/simulate/account-view.js';

const labels = [
  { positionId: 'a:ETHUSDT:short', symbol: 'ETHUSDT', side: 'short' as const },
  { positionId: 'a:SOLUSDT:long', symbol: 'SOLUSDT', side: 'long' as const },
  { positionId: 'a:BTCUSDT:long', symbol: 'BTCUSDT', side: 'long' as const },
];

const contagion: AccountContagion = {
  paths: 1000,
  victims: [
    {
      positionId: 'a:ETHUSDT:short',
      probability: 0.031,
      standardError: 0.005,
      causes: [
        { positionId: 'a:SOLUSDT:long', share: 0.82 },
        { positionId: 'a:BTCUSDT:long', share: 0.18 },
      ],
      collateralShare: 0,
    },
  ],
  rescues: [{ positionId: 'a:BTCUSDT:long', probability: 0.05, standardError: 0.007, causes: [{ positionId: 'a:ETHUSDT:short', share: 0.6 }], collateralShare: 0.4 }],
  matrix: { causeIds: [], victimIds: [], probability: [] },
};

describe('contagionSentences', () => {
  it('says who is dragged down and who is held up, how often, and by whom', () => {
    expect(contagionSentences(contagion, labels, false)).toEqual([
      'ETHUSDT short is liquidated in cross but survives isolated on 3.10% of paths; causes: SOLUSDT long 82.00%, BTCUSDT long 18.00%',
      'BTCUSDT long survives in cross but is liquidated isolated on 5.00% of paths; held up by: ETHUSDT short 60.00%, the shared collateral 40.00%',
    ]);
  });

  it('leaves out the probability for one replayed path', () => {
    expect(contagionSentences(contagion, labels, true)[0]).toBe('ETHUSDT short is liquidated in cross but survives isolated; causes: SOLUSDT long 82.00%, BTCUSDT long 18.00%');
  });

  it('adds the id when two positions read the same', () => {
    const names = positionNames([
      { positionId: 'one', symbol: 'BTCUSDT', side: 'long' },
      { positionId: 'two', symbol: 'BTCUSDT', side: 'long' },
    ]);
    expect([...names.values()]).toEqual(['BTCUSDT long (one)', 'BTCUSDT long (two)']);
  });
});

describe('numbers in words', () => {
  it('shows a probability with its standard error and durations in their unit', () => {
    expect(probabilityText(0.031, 0.0017)).toBe('3.10% ±0.17%');
    expect(probabilityText(0, 0)).toBe('0.00%');
    expect(durationText(0.75)).toBe('45 min');
    expect(durationText(5)).toBe('5.0 h');
    expect(durationText(72)).toBe('3.0 d');
    expect(durationText(null)).toBe('—');
  });
});

describe('terminalProgress over paths', () => {
  it('draws the current account’s paths and erases the line at the end', () => {
    const written: string[] = [];
    const stream = { write: (text: string) => written.push(text) } as unknown as NodeJS.WritableStream;
    let now = 0;
    const progress = terminalProgress(stream, 'book.csv', { bytes: 0, lines: 12 }, { verb: 'simulated', now: () => (now += 1000) });
    progress.paths('desk', 5000, 10000);
    expect(written.at(-1)).toBe('\r\u001b[Kbook.csv: desk [############............] 5,000/10,000 paths; 12 rows read, 0 accounts simulated');
    progress.accountDone();
    expect(written.at(-1)).toMatch(/1 account simulated$/);
    progress.finish();
    expect(written.at(-1)).toBe('\r\u001b[K');
  });
});
