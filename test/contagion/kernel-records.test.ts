// The accumulator fed by the path kernel's own records: a BTC crash drags an unrelated ETH long
// down in cross (victim, cause BTC), and a profitable ETH short keeps the BTC long alive in cross
// (rescue, helper the short); the same record shape also carries a replay.

import { describe, expect, it } from 'vitest';
import { ContagionAccumulator } from '../../src/contagion/contagion-accumulator.js';
import { contagionLayoutOfBook } from '../../src/contagion/contagion-layout.js';
import { compileBook } from '../../src/kernel/compile-book.js';
import { runBlocksInProcess } from '../../src/kernel/run-blocks.js';
import { runReplay } from '../../src/kernel/run-replay.js';
import type { Position } from '../../src/domain/position.js';
import type { PathModel } from '../../src/scenarios/models/path-model.js';
import { prepareAccountOrThrow } from '../../src/margin/prepared-account.js';
import { bookOf, btcLong, contextFor, ethLong, ethShort, scriptedModel } from './support/fixtures.js';

function compiled(positions: readonly Position[], wallet: number) {
  const account = prepareAccountOrThrow(bookOf(positions, wallet), contextFor(positions), 'test');
  return compileBook(account.resolved, account.collateral, account.policy);
}

describe('contagion from kernel path records', () => {
  it('a BTC crash makes the unrelated ETH long a victim in cross, caused by BTC alone', () => {
    const book = compiled([btcLong, ethLong], 12_000);
    const accumulator = new ContagionAccumulator(contagionLayoutOfBook(book));
    runBlocksInProcess({
      book,
      model: scriptedModel([[0, 0], [Math.log(0.7), 0], [0, 0]]),
      modelAssets: ['BTC', 'ETH'],
      correlation: null,
      seed: 7,
      paths: 3,
      blockSize: 2,
      observer: (record) => accumulator.add(record),
    });
    const result = accumulator.finish();
    expect(result.paths).toBe(3);
    expect(result.victims).toEqual([{ positionId: 'eth', probability: 1, standardError: 0, causes: [{ positionId: 'btc', share: 1 }], collateralShare: 0 }]);
    expect(result.rescues).toEqual([]);
    expect(result.matrix).toEqual({ causeIds: ['btc'], victimIds: ['eth'], probability: [[1]] });
  });

  it('counts the crash paths only: every other path crashes, probability 1/2 with its Bernoulli error', () => {
    const book = compiled([btcLong, ethLong], 12_000);
    const accumulator = new ContagionAccumulator(contagionLayoutOfBook(book));
    let path = 0;
    const alternating: PathModel = {
      kind: 'gbm',
      nAssets: 2,
      nSteps: 1,
      dtYears: 1 / 8760,
      stepVariance: new Float64Array(2),
      fillPath(_rng, logReturns, scale) {
        logReturns[0] = path++ % 2 === 0 ? Math.log(0.7) : 0;
        logReturns[1] = 0;
        scale.fill(1);
      },
    };
    runBlocksInProcess({ book, model: alternating, modelAssets: ['BTC', 'ETH'], correlation: null, seed: 3, paths: 8, blockSize: 4, observer: (r) => accumulator.add(r) });
    const [victim] = accumulator.finish().victims;
    expect(victim).toEqual({ positionId: 'eth', probability: 0.5, standardError: Math.sqrt(0.25 / 8), causes: [{ positionId: 'btc', share: 1 }], collateralShare: 0 });
    expect(accumulator.finish().matrix.probability).toEqual([[0.5]]);
  });

  it('a profitable ETH short rescues the BTC long in cross; a replay gives probability 1', () => {
    const book = compiled([btcLong, ethShort], 12_000);
    const layout = contagionLayoutOfBook(book);
    const drop = Math.log(0.88);
    const accumulator = new ContagionAccumulator(layout);
    runBlocksInProcess({
      book,
      model: scriptedModel([[0, 0], [drop, drop]]),
      modelAssets: ['BTC', 'ETH'],
      correlation: null,
      seed: 1,
      paths: 2,
      observer: (record) => accumulator.add(record),
    });
    const expected = { positionId: 'btc', probability: 1, standardError: 0, causes: [{ positionId: 'eth-short', share: 1 }], collateralShare: 0 };
    expect(accumulator.finish().rescues).toEqual([expected]);
    expect(accumulator.finish().victims).toEqual([]);

    const replay = runReplay(book, { assets: ['BTC', 'ETH'], nSteps: 2, logReturns: Float64Array.from([0, 0, drop, drop]), barLow: null, barHigh: null });
    const fromReplay = new ContagionAccumulator(layout);
    fromReplay.add(replay.record);
    expect(fromReplay.finish().rescues).toEqual([expected]);
  });
});
