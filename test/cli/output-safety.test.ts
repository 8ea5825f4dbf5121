// `--out` never destroys an input or replaces what is not a plain file, keeps a file's mode, writes
// through a symbolic link, refuses a write-protected file, leaves no temporary file behind on any
// signal, and reports a full disk as the machine's failure (exit 2, one line). Run as a user runs
// the command: the built binary, real files, real signals.

import { spawn } from 'node:child_process';
import { chmodSync, lstatSync, openSync, closeSync, readFileSync, readdirSync, readlinkSync, statSync, symlinkSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_ENTRY, REPO_ROOT, lines, runCli, useScratchFiles } from './run-cli.js';

const SAMPLES = join(REPO_ROOT, 'data', 'samples');
const file = useScratchFiles('marginscope-out-');

/** A fresh folder with copies of the sample book, for one test. */
function sampleFolder(name: string): { dir: string; positions: string; balances: string; tiers: string } {
  const positions = file(`${name}-positions.csv`, readFileSync(join(SAMPLES, 'positions.csv'), 'utf8'));
  const dir = join(dirname(positions), name);
  mkdirSync(dir, { recursive: true });
  const copy = (what: string) => {
    const path = join(dir, `${what}.csv`);
    writeFileSync(path, readFileSync(join(SAMPLES, `${what}.csv`), 'utf8'));
    return path;
  };
  return { dir, positions: copy('positions'), balances: copy('balances'), tiers: copy('tiers') };
}

const tempFilesIn = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.tmp'));

describe('--out never destroys an input', () => {
  it.each([
    ['the positions file', (f: ReturnType<typeof sampleFolder>) => f.positions],
    ['the balances file', (f: ReturnType<typeof sampleFolder>) => f.balances],
    ['the tiers file', (f: ReturnType<typeof sampleFolder>) => f.tiers],
    ['the positions file spelled ./sub/../', (f: ReturnType<typeof sampleFolder>) => join(f.dir, 'sub', '..', 'positions.csv')],
  ])('refuses %s with exit 2, leaving it byte for byte', async (_what, target) => {
    const f = sampleFolder(`in-${Math.random().toString(36).slice(2, 8)}`);
    mkdirSync(join(f.dir, 'sub'), { recursive: true });
    const out = target(f);
    const before = readFileSync(out, 'utf8');
    const run = await runCli(['evaluate', f.positions, '--balances', f.balances, '--tiers', f.tiers, '--format', 'csv', '--out', out]);
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toMatch(/is the input file .*nothing was written/);
    expect(readFileSync(out, 'utf8')).toBe(before);
    expect(tempFilesIn(f.dir)).toEqual([]);
  });

  it('refuses the same for simulate, replay and report', async () => {
    const f = sampleFolder('shock-commands');
    const before = readFileSync(f.positions, 'utf8');
    for (const args of [
      ['simulate', f.positions, '--balances', f.balances, '--paths', '100', '--out', f.positions],
      ['replay', f.positions, '--balances', f.balances, '--out', f.balances],
      ['report', f.positions, '--balances', f.balances, '--no-shocks', '--out', f.positions],
    ]) {
      const run = await runCli(args);
      expect(run.code, args[0]).toBe(2);
      expect(run.stderr).toMatch(/is the input file/);
    }
    expect(readFileSync(f.positions, 'utf8')).toBe(before);
  });
});

describe('--out writes what is there the right way', () => {
  it('writes through a symbolic link, which stays a link', async () => {
    const f = sampleFolder('symlink');
    const link = join(f.dir, 'result.json');
    symlinkSync('target.json', link);
    const run = await runCli(['evaluate', f.positions, '--balances', f.balances, '--format', 'json', '--out', link, '-q']);
    expect(run.code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('target.json');
    expect(JSON.parse(readFileSync(join(f.dir, 'target.json'), 'utf8')).schema).toBe('marginscope/evaluate@1');
  });

  it('keeps the mode of the file it replaces', async () => {
    const f = sampleFolder('mode');
    const out = join(f.dir, 'result.csv');
    writeFileSync(out, 'old\n');
    chmodSync(out, 0o640);
    const run = await runCli(['evaluate', f.positions, '--balances', f.balances, '--format', 'csv', '--out', out, '-q']);
    expect(run.code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o640);
    expect(readFileSync(out, 'utf8')).toMatch(/^account,mode,positionId/);
  });

  it('refuses a write-protected file (exit 2) and leaves it as it was', async () => {
    const f = sampleFolder('readonly');
    const out = join(f.dir, 'result.csv');
    writeFileSync(out, 'keep me\n');
    chmodSync(out, 0o444);
    const run = await runCli(['evaluate', f.positions, '--balances', f.balances, '--format', 'csv', '--out', out, '-q']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/write-protected/);
    expect(readFileSync(out, 'utf8')).toBe('keep me\n');
    expect(statSync(out).mode & 0o777).toBe(0o444);
  });

  it('writes a character device directly and never replaces it', async () => {
    const f = sampleFolder('device');
    const run = await runCli(['evaluate', f.positions, '--balances', f.balances, '--out', '/dev/null', '-q']);
    expect(run.code).toBe(0);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('says a full device is the machine failing (exit 2, one line) and leaves the device alone', async () => {
    const f = sampleFolder('full');
    const run = await runCli(['evaluate', f.positions, '--balances', f.balances, '--out', '/dev/full', '-q']);
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toEqual(['marginscope: cannot write "/dev/full": no space left on the device (ENOSPC)']);
    expect(statSync('/dev/full').isCharacterDevice()).toBe(true);
  });

  it('says so in one line, exit 2, when standard output is full', async () => {
    const f = sampleFolder('stdout-full');
    const fd = openSync('/dev/full', 'w');
    try {
      const child = spawn(process.execPath, [CLI_ENTRY, 'evaluate', f.positions, '--balances', f.balances, '-q'], { cwd: REPO_ROOT, stdio: ['ignore', fd, 'pipe'] });
      let stderr = '';
      child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(code).toBe(2);
      expect(lines(stderr)).toEqual(['marginscope: cannot write to standard output: no space left on the device (ENOSPC)']);
    } finally {
      closeSync(fd);
    }
  });
});

describe('temporary files are removed on every signal', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('%s: exit %i and no temporary file', async (signal, expected) => {
    const f = sampleFolder(`signal-${signal}`);
    const out = join(f.dir, 'result.json');
    const child = spawn(process.execPath, [CLI_ENTRY, 'simulate', f.positions, '--balances', f.balances, '--paths', '2000000', '--format', 'json', '--out', out, '-q'], {
      cwd: REPO_ROOT,
      stdio: 'ignore',
    });
    // Wait until the run has created its temporary file, then stop it.
    for (let k = 0; k < 200 && tempFilesIn(f.dir).length === 0; k++) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(tempFilesIn(f.dir)).toHaveLength(1);
    child.kill(signal);
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(code).toBe(expected);
    expect(tempFilesIn(f.dir)).toEqual([]);
    expect(existsSync(out)).toBe(false);
  });
});
