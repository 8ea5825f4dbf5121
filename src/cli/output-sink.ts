// Where a command's result goes, with the all-or-nothing rule users rely on:
// - stdout: output is held in memory until the run ends, so a run that finds input problems
//   prints nothing to stdout; only past STDOUT_BUFFER_LIMIT_CHARS (a very large book) does it
//   start streaming, and a problem found after that point cuts the output short (exit code 1).
// - `--out FILE`: written to a temporary file beside FILE and renamed over it only when the run
//   succeeds, so FILE is either the complete new result or untouched; nothing else is deleted.

import { randomBytes } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { once } from 'node:events';
import { open, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UsageError } from './usage-error.js';

/** Output held back on stdout before streaming begins (characters, about 8 MB of text). */
const STDOUT_BUFFER_LIMIT_CHARS = 8 * 1024 * 1024;

/** Text batched before a write to the `--out` file. */
const FILE_BATCH_CHARS = 1 << 16;

export interface OutputSink {
  write(text: string): Promise<void>;
  /** The run succeeded: deliver everything. */
  commit(): Promise<void>;
  /** The run failed: deliver nothing more (and leave `--out` untouched). */
  abort(): Promise<void>;
  /** True once some output has reached its destination (stdout streaming has begun). */
  readonly started: boolean;
}

/** stdout, buffered up to `limitChars`, then streamed with back-pressure. */
export class StdoutSink implements OutputSink {
  private readonly pending: string[] = [];
  private pendingChars = 0;
  private streaming = false;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly limitChars: number = STDOUT_BUFFER_LIMIT_CHARS,
  ) {}

  get started(): boolean {
    return this.streaming;
  }

  async write(text: string): Promise<void> {
    if (text === '') return;
    if (this.streaming) return this.send(text);
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars > this.limitChars) {
      this.streaming = true;
      await this.flush();
    }
  }

  async commit(): Promise<void> {
    await this.flush();
  }

  async abort(): Promise<void> {
    this.pending.length = 0;
    this.pendingChars = 0;
  }

  private async flush(): Promise<void> {
    const text = this.pending.join('');
    this.pending.length = 0;
    this.pendingChars = 0;
    if (text !== '') await this.send(text);
  }

  private async send(text: string): Promise<void> {
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }
}

/** Checks `--out` before any work: its directory exists and it is not itself a directory. */
export async function checkOutputPath(path: string): Promise<void> {
  const directory = dirname(path);
  try {
    const info = await stat(directory);
    if (!info.isDirectory()) throw new UsageError(`--out: ${JSON.stringify(directory)} is not a directory`, 'evaluate');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--out: directory ${JSON.stringify(directory)} does not exist`, 'evaluate');
  }
  try {
    if ((await stat(path)).isDirectory()) throw new UsageError(`--out: ${JSON.stringify(path)} is a directory`, 'evaluate');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    // Not there yet: fine, it will be created.
  }
}

/** A temporary file beside the target, renamed over it on commit. */
export class AtomicFileSink implements OutputSink {
  private batch: string[] = [];
  private batchChars = 0;
  private closed = false;

  private constructor(
    private readonly handle: FileHandle,
    private readonly tempPath: string,
    private readonly targetPath: string,
  ) {}

  /** Creates the temporary file (exclusively, so it never clobbers anything). */
  static async create(targetPath: string): Promise<AtomicFileSink> {
    const tempPath = join(dirname(targetPath), `.${basename(targetPath)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      const handle = await open(tempPath, 'wx', 0o666);
      return new AtomicFileSink(handle, tempPath, targetPath);
    } catch (error) {
      const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
      const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EROFS' ? 'read-only file system' : code;
      throw new UsageError(`--out: cannot write in ${JSON.stringify(dirname(targetPath))} (${why || 'unknown error'})`, 'evaluate');
    }
  }

  /** Removes the temporary file at once (for an interrupt, when there is no time to await). */
  discardSync(): void {
    try {
      unlinkSync(this.tempPath);
    } catch {
      // Already gone.
    }
  }

  get started(): boolean {
    return false;
  }

  async write(text: string): Promise<void> {
    this.batch.push(text);
    this.batchChars += text.length;
    if (this.batchChars >= FILE_BATCH_CHARS) await this.flush();
  }

  async commit(): Promise<void> {
    await this.flush();
    await this.handle.sync();
    await this.close();
    await rename(this.tempPath, this.targetPath);
  }

  async abort(): Promise<void> {
    this.batch = [];
    await this.close();
    await unlink(this.tempPath).catch(() => undefined);
  }

  private async flush(): Promise<void> {
    if (this.batchChars === 0) return;
    const text = this.batch.join('');
    this.batch = [];
    this.batchChars = 0;
    await this.handle.writeFile(text, 'utf8');
  }

  private async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.handle.close();
  }
}
