// Test helper: runs the built `marginscope` binary as a user would, from the repository root,
// and returns its exit code and output. Builds first when the build is missing or older than src.

import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';

/** The repository root (where package.json is). */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The built entry point, relative to the root, as package.json's `bin` names it. */
export const CLI_ENTRY = 'dist/src/cli/main.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function newestMtimeMs(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtimeMs(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Builds the project unless dist is newer than every source file (`npm test` builds in
 * `pretest`; a direct `vitest run test/cli` may not have). Type errors elsewhere in a work
 * in progress do not stop tsc from emitting, so only a missing entry point is fatal.
 */
export function ensureBuilt(): void {
  const entry = join(REPO_ROOT, CLI_ENTRY);
  if (existsSync(entry) && statSync(entry).mtimeMs >= newestMtimeMs(join(REPO_ROOT, 'src'))) return;
  try {
    execFileSync('npm', ['run', '-s', 'build'], { cwd: REPO_ROOT, stdio: 'ignore' });
  } catch {
    // Reported below if nothing was emitted.
  }
  if (!existsSync(entry)) throw new Error(`ensureBuilt: ${CLI_ENTRY} was not built`);
}

/** Runs `marginscope ...args` with stdout and stderr captured (neither is a terminal). */
export function runCli(args: readonly string[], options: { stdin?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [CLI_ENTRY, ...args],
      { cwd: REPO_ROOT, env: { ...process.env, NO_COLOR: '1', ...options.env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error !== null && typeof error.code !== 'number') {
          reject(error);
          return;
        }
        resolve({ code: error === null ? 0 : (error.code as number), stdout, stderr });
      },
    );
    if (options.stdin !== undefined) child.stdin?.end(options.stdin);
    else child.stdin?.end();
  });
}

/** The lines of a stream's text, without the final empty one. */
export function lines(text: string): string[] {
  return text.split('\n').filter((line, k, all) => !(line === '' && k === all.length - 1));
}

/**
 * A scratch folder for one test file's input files: built (and the CLI with it) before the file's
 * tests, removed after them. Returns `file(name, text)`, which writes a file there and gives its path.
 */
export function useScratchFiles(prefix: string): (name: string, text: string) => string {
  let dir = '';
  beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  return (name, text) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
}
