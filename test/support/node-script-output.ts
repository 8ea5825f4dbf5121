// What a one-line Node.js script prints, run in a fresh process with the given engine flags: for
// the tests that hold an engine flag the CLI sets at run time to leave results unchanged.

import { execFileSync } from 'node:child_process';

/** stdout of `node FLAGS -e script`. */
export function nodeScriptOutput(flags: readonly string[], script: string): string {
  return execFileSync(process.execPath, [...flags, '-e', script], { encoding: 'utf8' });
}
