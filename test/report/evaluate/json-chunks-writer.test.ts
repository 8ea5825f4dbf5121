// The accounts written in pieces must be byte for byte the accounts written whole.

import { describe, expect, it } from 'vitest';
import { jsonAccountsArray } from '../../../src/report/format/json-document.js';
import type { JsonValue } from '../../../src/report/format/json-text.js';
import { jsonAccountChunks, LazyJsonArray } from '../../../src/report/evaluate/json-chunks-writer.js';

const items: JsonValue[] = [
  { positionId: 'a', price: 1.5, victims: [{ positionId: 'b', causes: [{ positionId: 'a', share: 1 }] }] },
  { positionId: 'b', price: null, victims: [] },
  { positionId: 'c', price: 3, victims: [{ positionId: 'a', causes: [] }, { positionId: 'b', causes: [{ positionId: 'c', share: 0.25 }] }] },
];

describe('jsonAccountChunks', () => {
  it('writes the same bytes as jsonAccountsArray, lazy arrays included', () => {
    const whole = jsonAccountsArray();
    const chunked = jsonAccountChunks();
    let a = '';
    let b = '';
    for (const account of ['x', 'y']) {
      const head = { account, modes: { cross: { equity: 1, pools: [{ poolId: 'p' }] } }, warnings: [] };
      a += whole.entry({ ...head, stress: items, contagion: { scenarios: 3, victims: [] } }, account);
      b += [...chunked.entry({ ...head, stress: new LazyJsonArray(items.length, (i) => items[i]!), contagion: { scenarios: 3, victims: [] } }, account)].join('');
      // An account without a lazy array is written whole.
      a += whole.entry(head, account);
      b += [...chunked.entry(head, account)].join('');
    }
    a += whole.close({ leftOut: [{ account: 'z' }] });
    b += chunked.close({ leftOut: [{ account: 'z' }] });
    expect(b).toBe(a);
  });

  it('writes the same bytes with the large pieces as UTF-8 (entryBytes)', () => {
    const asText = jsonAccountChunks();
    const asBytes = jsonAccountChunks();
    const decoder = new TextDecoder();
    let a = '';
    let b = '';
    for (const account of ['x', 'счёт "y"']) {
      const head = { account, modes: { cross: { equity: -0, pools: [{ poolId: 'p\u0001é' }] } }, warnings: ['w'] };
      for (const json of [head, { ...head, stress: new LazyJsonArray(items.length, (i) => items[i]!) }]) {
        a += [...asText.entry(json, account)].join('');
        const pieces = [...asBytes.entryBytes(json, account)];
        expect(pieces.some((piece) => piece instanceof Uint8Array)).toBe(true);
        b += pieces.map((piece) => (typeof piece === 'string' ? piece : decoder.decode(piece))).join('');
      }
    }
    expect(b).toBe(a);
    expect(() => [...asBytes.entryBytes({ account: 'x', stress: new LazyJsonArray(1, () => ({ price: NaN })) }, 'x')]).toThrow(/account "x" holds a non-finite number at price/);
  });

  it('names the account when a lazy item holds a non-finite number', () => {
    const chunked = jsonAccountChunks();
    expect(() => [...chunked.entry({ account: 'x', stress: new LazyJsonArray(1, () => ({ price: NaN })) }, 'x')]).toThrow(/account "x"/);
  });
});
