// The warm-up of a worker started ahead of its run: it runs blocks until told to stop (checked
// before each one), at most WARM_UP_BLOCKS_MAX, and a failure only ends it.

import { describe, expect, it } from 'vitest';
import { warmUpKernel } from '../../src/kernel/worker-warm-up.js';

describe('warmUpKernel', () => {
  it('runs blocks until stopped, checking before each one', async () => {
    let checks = 0;
    const blocks = await warmUpKernel(() => ++checks > 3);
    expect(blocks).toBe(3);
    expect(checks).toBe(4);
  });

  it('runs none when stopped before it starts (a message came first)', async () => {
    expect(await warmUpKernel(() => true)).toBe(0);
  });
});
