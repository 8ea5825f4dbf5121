// `evaluate` makes scavenges serial when its threads take every core (a flag of the engine's
// collector): not when a core is left, once per process, and a process with the flag writes the
// same bytes.

import { describe, expect, it } from 'vitest';
import { nodeScriptOutput } from '../support/node-script-output.js';
import { scavengeSeriallyWhenBusy } from '../../src/cli/serial-scavenges.js';

describe('scavengeSeriallyWhenBusy', () => {
  it('leaves scavenges parallel while a core is left, and sets the flag once threads take every core', () => {
    expect(scavengeSeriallyWhenBusy(1, 2)).toBe(false);
    expect(scavengeSeriallyWhenBusy(3, 8)).toBe(false);
    expect(scavengeSeriallyWhenBusy(2, 2)).toBe(true);
    // Set for the process: later calls say so.
    expect(scavengeSeriallyWhenBusy(1, 2)).toBe(true);
  });

  it('leaves what a script computes unchanged', () => {
    const script =
      "const kept = []; for (let i = 0; i < 200000; i++) { kept.push({ id: 'p' + i, size: i / 7 }); if (kept.length > 5000) kept.shift(); }" +
      'let sum = 0; for (const k of kept) sum += k.size; console.log(kept.length, sum);';
    expect(nodeScriptOutput(['--no-parallel-scavenge'], script)).toBe(nodeScriptOutput([], script));
  });
});
