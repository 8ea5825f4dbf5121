// Garbage-collector tuning for `evaluate`: young-generation collections (scavenges) done by the
// thread that needs them alone, instead of split into parallel tasks on V8's helper threads, when
// the run's JavaScript threads take every core. `evaluate --threads 2` keeps both cores of a
// two-core machine busy with JavaScript (this thread reads and renders, a worker renders), and
// the output file is written by a third; a scavenge's
// parallel tasks (up to five) then wait for a core, and the thread that started it waits for them:
// a scavenge of the same survivors took about twice as long. Measured on a book of 1,000,000
// positions (1,000 an account, two threads, two cores): the scavenges' pauses summed over both
// threads 2.0–2.6 s → 1.4–1.6 s. V8 reads the flag at every scavenge, so setting it here, after the
// command's code is loaded with its code cache (which a command-line flag would invalidate), takes
// effect for this thread and the workers started later. A flag of the engine's collector: no
// effect on any result.

import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';

let serial = false;

/**
 * Makes this process's scavenges run on the collecting thread alone when `threads` JavaScript
 * threads take every core (`cores`, this machine's by default); once. Returns whether they do.
 */
export function scavengeSeriallyWhenBusy(threads: number, cores = availableParallelism()): boolean {
  if (serial) return true;
  if (threads < cores) return false;
  serial = true;
  setFlagsFromString('--no-parallel-scavenge');
  return true;
}
