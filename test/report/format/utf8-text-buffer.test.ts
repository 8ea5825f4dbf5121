// The UTF-8 buffer report writers append to: its bytes are TextEncoder's of the text appended,
// piece by piece, whatever the scripts (ASCII fast path, then any non-ASCII rest) and however
// often it has to grow.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Utf8TextBuffer } from '../../../src/report/format/utf8-text-buffer.js';

const piece = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('счёт-7', 'desk-é', '🚀BTC', 'a,b', ''),
);

describe('Utf8TextBuffer', () => {
  it('holds the UTF-8 bytes of the text and characters appended', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.integer({ min: 0, max: 127 })), { maxLength: 30 }), fc.integer({ min: 1, max: 64 }), (pieces, capacity) => {
        const out = new Utf8TextBuffer(capacity);
        let text = '';
        for (const p of pieces) {
          if (typeof p === 'number') {
            out.ascii(p);
            text += String.fromCharCode(p);
          } else {
            out.text(p);
            text += p;
          }
        }
        const expected = new TextEncoder().encode(text);
        expect(out.length).toBe(expected.length);
        expect(out.view()).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('grows past its first capacity, keeping what was written', () => {
    const out = new Utf8TextBuffer(16);
    for (let k = 0; k < 1000; k++) out.text(`${k},`);
    out.ascii(10);
    expect(new TextDecoder().decode(out.view())).toBe(`${Array.from({ length: 1000 }, (_, k) => `${k},`).join('')}\n`);
  });
});
