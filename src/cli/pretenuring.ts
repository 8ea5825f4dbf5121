// Garbage-collector tuning for `evaluate`: V8's allocation-site pretenuring turned off for the
// process before the positions are read. Pretenuring watches which allocation sites' objects
// survive young-generation collections and from then on allocates them straight in the old
// generation. `evaluate` may hold up to 100,000 positions before it hands out the first account
// (accounts may come in any order until then: src/import/account-book-assembler.ts), so at the
// start nearly everything the reader makes survives and its sites, and those of the objects around
// them, get pretenured; afterwards the same sites make objects that die within one account, now
// in the old generation: more mark-compact collections and slower scavenges. Measured on a book of
// 200,000 positions (1,000 an account, one thread): 0.87 of the CPU time, peak memory 160 MiB
// instead of 260. A flag of the engine's heuristics: no effect on any result.

import { setFlagsFromString } from 'node:v8';

let pretenuringOff = false;

/** Turns V8's allocation-site pretenuring off for this process (and its worker threads started later); once. */
export function turnPretenuringOff(): void {
  if (pretenuringOff) return;
  pretenuringOff = true;
  setFlagsFromString('--no-allocation-site-pretenuring');
}
