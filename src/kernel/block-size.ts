// The number of Monte Carlo paths in a block, the unit of seeding, scheduling and merging: a leaf,
// so the worker prestart (simulation-workers.ts) needs none of the kernel.

/** Paths per block: the unit of seeding, scheduling and merging. */
export const DEFAULT_BLOCK_SIZE = 1024;
