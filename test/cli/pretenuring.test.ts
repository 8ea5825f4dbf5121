// `evaluate` turns V8's allocation-site pretenuring off before reading (a flag of the engine's
// heuristics): the call is safe to repeat, and a process with the flag off writes the same bytes.

import { describe, expect, it } from 'vitest';
import { nodeScriptOutput } from '../support/node-script-output.js';
import { turnPretenuringOff } from '../../src/cli/pretenuring.js';

describe('turnPretenuringOff', () => {
  it('can be called again (once per process does the work)', () => {
    expect(() => {
      turnPretenuringOff();
      turnPretenuringOff();
    }).not.toThrow();
  });

  it('leaves what a script computes unchanged', () => {
    // A script whose objects survive young collections (the shape of the reader's window), run with
    // pretenuring on and off: the same output.
    const script =
      "const kept = []; for (let i = 0; i < 200000; i++) kept.push({ id: 'p' + i, size: i / 7, source: { line: i } });" +
      'let sum = 0; for (const k of kept) sum += k.size + k.source.line; console.log(kept.length, sum);';
    expect(nodeScriptOutput(['--no-allocation-site-pretenuring'], script)).toBe(nodeScriptOutput([], script));
  });
});
