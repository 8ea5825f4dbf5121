// Where results go: stdout held back until the run succeeds (up to a limit), `--out` replaced
// atomically and left untouched on failure.

import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AtomicFileSink, StdoutSink, checkOutputPath } from '../../src/cli/output-sink.js';
import { UsageError } from '../../src/cli/usage-error.js';

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

describe('StdoutSink', () => {
  it('holds output until commit', async () => {
    const out = capture();
    const sink = new StdoutSink(out.stream, 100);
    await sink.write('hello ');
    await sink.write('world');
    expect(out.text()).toBe('');
    expect(sink.started).toBe(false);
    await sink.commit();
    expect(out.text()).toBe('hello world');
  });

  it('prints nothing when the run is aborted', async () => {
    const out = capture();
    const sink = new StdoutSink(out.stream, 100);
    await sink.write('partial');
    await sink.abort();
    await sink.commit();
    expect(out.text()).toBe('');
  });

  it('takes UTF-8 bytes beside strings, in order', async () => {
    const out = capture();
    const sink = new StdoutSink(out.stream, 100);
    await sink.write('a,');
    await sink.write(new TextEncoder().encode('счёт,é\n'));
    await sink.write('b\n');
    await sink.commit();
    expect(out.text()).toBe('a,счёт,é\nb\n');
  });

  it('starts streaming once the output passes the limit', async () => {
    const out = capture();
    const sink = new StdoutSink(out.stream, 10);
    await sink.write('0123456789');
    expect(sink.started).toBe(false);
    await sink.write('X');
    expect(sink.started).toBe(true);
    expect(out.text()).toBe('0123456789X');
    await sink.write('Y');
    await sink.commit();
    expect(out.text()).toBe('0123456789XY');
  });

  it('streams UTF-8 bytes as they are, counting bytes towards the limit', async () => {
    const out = capture();
    const sink = new StdoutSink(out.stream, 9);
    const bytes = (text: string) => new TextEncoder().encode(text);
    await sink.write(bytes('é,1\n'));
    await sink.write('a,2\n');
    expect(sink.started).toBe(false);
    await sink.write(bytes('b,3\n'));
    expect(sink.started).toBe(true);
    expect(out.text()).toBe('é,1\na,2\nb,3\n');
    await sink.write(bytes('счёт\n'));
    await sink.write(new Uint8Array(0));
    await sink.commit();
    expect(out.text()).toBe('é,1\na,2\nb,3\nсчёт\n');
  });
});

describe('a sink tells when it no longer needs a text', () => {
  it('stdout: once the stream has taken it, held or streamed; never after an abort', async () => {
    const out = capture();
    const sink = new StdoutSink(out.stream, 5);
    const written: string[] = [];
    await sink.write(new TextEncoder().encode('abc'), () => written.push('abc'));
    expect(written).toEqual([]);
    await sink.write(new TextEncoder().encode('defg'), () => written.push('defg'));
    await sink.write('h', () => written.push('h'));
    await sink.commit();
    await new Promise((resolve) => setImmediate(resolve));
    expect(written).toEqual(['abc', 'defg', 'h']);
    expect(out.text()).toBe('abcdefgh');
    const aborted = new StdoutSink(capture().stream, 100);
    await aborted.write('x', () => written.push('x'));
    await aborted.abort();
    expect(written).toEqual(['abc', 'defg', 'h']);
  });

  it('--out: once its batch is in the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'marginscope-written-'));
    const target = join(dir, 'written.csv');
    const sink = await AtomicFileSink.create(target);
    const written: string[] = [];
    await sink.write(new TextEncoder().encode('a,1\n'), () => written.push('a'));
    await sink.write('b,2\n', () => written.push('b'));
    await sink.commit();
    expect(written).toEqual(['a', 'b']);
    expect(readFileSync(target, 'utf8')).toBe('a,1\nb,2\n');
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('AtomicFileSink', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'marginscope-sink-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('replaces the target only on commit, leaving no temporary file', async () => {
    const target = join(dir, 'out.json');
    writeFileSync(target, 'old');
    const sink = await AtomicFileSink.create(target);
    await sink.write('{"new":');
    await sink.write('true}');
    expect(readFileSync(target, 'utf8')).toBe('old');
    await sink.commit();
    expect(readFileSync(target, 'utf8')).toBe('{"new":true}');
    expect(readdirSync(dir)).toEqual(['out.json']);
  });

  it('writes UTF-8 bytes and strings in the order given, across batches', async () => {
    const target = join(dir, 'mixed.csv');
    const sink = await AtomicFileSink.create(target);
    let expected = '';
    for (let k = 0; k < 50; k++) {
      const line = `row ${k},счёт-${k},${'x'.repeat(k * 997)}\n`;
      expected += line;
      await sink.write(k % 3 === 0 ? line : new TextEncoder().encode(line));
    }
    await sink.commit();
    expect(readFileSync(target, 'utf8')).toBe(expected);
  });

  it('leaves the target as it was on abort and removes its temporary file', async () => {
    const target = join(dir, 'out.csv');
    writeFileSync(target, 'old');
    writeFileSync(join(dir, 'neighbour.txt'), 'keep');
    const sink = await AtomicFileSink.create(target);
    await sink.write('x'.repeat(200_000));
    await sink.abort();
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(readdirSync(dir).sort()).toEqual(['neighbour.txt', 'out.csv']);
  });

  it('creates the target when it did not exist', async () => {
    const target = join(dir, 'fresh.md');
    const sink = await AtomicFileSink.create(target);
    await sink.write('# ok\n');
    await sink.commit();
    expect(existsSync(target)).toBe(true);
  });
});

describe('checkOutputPath', () => {
  it('refuses a missing directory and a directory as the target', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'marginscope-out-'));
    try {
      await expect(checkOutputPath(join(dir, 'missing', 'x.json'))).rejects.toThrow(UsageError);
      await expect(checkOutputPath(dir)).rejects.toThrow(/is a directory/);
      await expect(checkOutputPath(join(dir, 'ok.json'))).resolves.toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
