// Where a command's result goes, with the all-or-nothing rule users rely on:
// - stdout: output is held in memory until the run ends, so a run that finds input problems
//   prints nothing to stdout; only past STDOUT_BUFFER_LIMIT_CHARS (a very large book) does it
//   start streaming, and a problem found after that point cuts the output short (exit code 1).
// - `--out FILE`: written to a temporary file beside FILE and renamed over it only when the run
//   succeeds, so FILE is either the complete new result or untouched; nothing else is deleted.
//   The file keeps its mode (and, where allowed, its owner). A symbolic link is written through
//   (the link stays, its target gets the result). A device, FIFO or socket (`/dev/stdout`, a pipe)
//   is written to directly, never replaced. `--out` naming one of the run's inputs (the same
//   device and inode, whatever the spelling) is refused before anything is written.

import { unlinkSync } from 'node:fs';
import { once } from 'node:events';
import { constants } from 'node:fs';
import { access, chmod, chown, lstat, open, readlink, realpath, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { environmentFailure } from './environment-failure.js';
import { QueuedFileWrites } from './queued-file-writes.js';
import { UsageError } from './usage-error.js';

/**
 * Output held back on stdout before streaming begins (characters of strings, bytes of text
 * already encoded; about 8 MB of text).
 */
const STDOUT_BUFFER_LIMIT_CHARS = 8 * 1024 * 1024;

/**
 * Text batched before a write to the `--out` file (characters, or bytes of text already encoded):
 * each write is handed to another thread, so fewer, larger ones cost the computing threads less.
 */
const FILE_BATCH_CHARS = 1 << 20;

/** Output text: a string, or its UTF-8 bytes (as worker threads hand it over; never changed once written). */
export type OutputText = string | Uint8Array;

/** Told that a text handed to a sink has been written (its bytes may then be reused). */
export type OnWritten = () => void;

export interface OutputSink {
  /**
   * Hands `text` over, to be delivered in order. `onWritten`, if given, runs once the sink no
   * longer needs `text`'s bytes (they are written; never after an abort); the caller keeps them
   * unchanged until then.
   */
  write(text: OutputText, onWritten?: OnWritten): Promise<void>;
  /** The run succeeded: deliver everything. */
  commit(): Promise<void>;
  /** The run failed: deliver nothing more (and leave `--out` untouched). */
  abort(): Promise<void>;
  /** True once some output has reached its destination (stdout streaming has begun). */
  readonly started: boolean;
}

/**
 * stdout, buffered up to `limitChars`, then streamed with back-pressure. Bytes go to the stream
 * as they are (decoding them to a string only for the stream to encode it again cost the
 * million-position CSV a tenth of the reading thread's time).
 */
export class StdoutSink implements OutputSink {
  private pending: OutputText[] = [];
  /** The `onWritten` of the texts held in `pending`. */
  private pendingWritten: OnWritten[] = [];
  private pendingChars = 0;
  private streaming = false;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly limitChars: number = STDOUT_BUFFER_LIMIT_CHARS,
  ) {}

  get started(): boolean {
    return this.streaming;
  }

  async write(text: OutputText, onWritten?: OnWritten): Promise<void> {
    if (text.length === 0) {
      onWritten?.();
      return;
    }
    if (this.streaming) return this.send(text, onWritten);
    this.pending.push(text);
    if (onWritten !== undefined) this.pendingWritten.push(onWritten);
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
    this.pending = [];
    this.pendingWritten = [];
    this.pendingChars = 0;
  }

  /** Sends what is held, in order: strings joined into one write, bytes as they are; the held texts' `onWritten` once the stream has taken the last. */
  private async flush(): Promise<void> {
    const pending = this.pending;
    const written = this.pendingWritten;
    this.pending = [];
    this.pendingWritten = [];
    this.pendingChars = 0;
    const allWritten = written.length === 0 ? undefined : () => written.forEach((done) => done());
    if (pending.every((part) => typeof part === 'string')) {
      const text = pending.join('');
      if (text !== '') await this.send(text, allWritten);
      else allWritten?.();
      return;
    }
    let ready = true;
    for (let i = 0; i < pending.length; i++) ready = i === pending.length - 1 && allWritten !== undefined ? this.stream.write(pending[i]!, allWritten) : this.stream.write(pending[i]!);
    if (!ready) await once(this.stream, 'drain');
  }

  /** Writes `text` to the stream; `onWritten` once the stream has handled it. */
  private async send(text: OutputText, onWritten?: OnWritten): Promise<void> {
    const ready = onWritten === undefined ? this.stream.write(text) : this.stream.write(text, onWritten);
    if (!ready) await once(this.stream, 'drain');
  }
}

/** Where `--out` writes: a regular file (atomically, by rename) or a device written directly. */
type OutputTarget =
  | { readonly kind: 'file'; readonly path: string; readonly mode: number | null; readonly uid: number | null; readonly gid: number | null }
  | { readonly kind: 'device'; readonly path: string };

/**
 * Checks `--out` before any work and says how to write it: its directory exists, it is not a
 * directory, it is not one of `inputs` (same device and inode), and an existing file is writable.
 * A symbolic link resolves to its target; a character device, FIFO or socket is a device.
 */
export async function resolveOutputTarget(path: string, inputs: readonly (string | null)[] = [], command = 'evaluate'): Promise<OutputTarget> {
  const directory = dirname(path);
  try {
    const info = await stat(directory);
    if (!info.isDirectory()) throw new UsageError(`--out: ${JSON.stringify(directory)} is not a directory`, command);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--out: directory ${JSON.stringify(directory)} does not exist`, command);
  }
  let target = path;
  const link = await lstat(path).catch(() => null);
  if (link?.isSymbolicLink() === true) {
    // Written through: the link stays, its target (which may not exist yet) gets the result.
    target = await realpath(path).catch(async () => resolve(dirname(path), await readlink(path)));
  }
  const info = await stat(target).catch(() => null);
  if (info === null) return { kind: 'file', path: target, mode: null, uid: null, gid: null };
  if (info.isDirectory()) throw new UsageError(`--out: ${JSON.stringify(path)} is a directory`, command);
  for (const input of inputs) {
    if (input === null) continue;
    const other = await stat(input).catch(() => null);
    if (other !== null && other.dev === info.dev && other.ino === info.ino) {
      throw new UsageError(`--out ${JSON.stringify(path)} is the input file ${JSON.stringify(input)}; writing there would destroy it (choose another --out; nothing was written)`, command);
    }
  }
  if (info.isCharacterDevice() || info.isFIFO() || info.isSocket() || info.isBlockDevice()) return { kind: 'device', path: target };
  // Write-protected (no write bit for anyone) counts as a refusal even for root, as `rm` asks.
  const writable = (info.mode & 0o222) !== 0 && (await access(target, constants.W_OK).then(() => true, () => false));
  if (!writable) throw new UsageError(`--out: ${JSON.stringify(path)} is write-protected or not writable by you (nothing was written)`, command);
  return { kind: 'file', path: target, mode: info.mode & 0o7777, uid: info.uid, gid: info.gid };
}

/** Checks `--out` before any work (see resolveOutputTarget). */
export async function checkOutputPath(path: string, inputs: readonly (string | null)[] = []): Promise<void> {
  await resolveOutputTarget(path, inputs);
}

/** A device (`/dev/stdout`, a FIFO) written directly as the run goes; nothing to commit or undo. */
export class DeviceSink implements OutputSink {
  private wrote = false;

  private constructor(
    private readonly handle: FileHandle,
    private readonly path: string,
  ) {}

  static async create(path: string): Promise<DeviceSink> {
    try {
      return new DeviceSink(await open(path, 'w'), path);
    } catch (error) {
      throw environmentFailure(`cannot write ${JSON.stringify(path)}`, error);
    }
  }

  get started(): boolean {
    return this.wrote;
  }

  async write(text: OutputText, onWritten?: OnWritten): Promise<void> {
    if (text.length === 0) {
      onWritten?.();
      return;
    }
    this.wrote = true;
    try {
      await this.handle.writeFile(text, 'utf8');
    } catch (error) {
      await this.handle.close().catch(() => undefined);
      throw environmentFailure(`cannot write ${JSON.stringify(this.path)}`, error);
    }
    onWritten?.();
  }

  async commit(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }

  async abort(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }
}

/** Removes `path` at once, if it is there (for an interrupt, when there is no time to await). */
function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Not there (yet, or any more).
  }
}

/**
 * A temporary file beside the target, renamed over it on commit. Its writes are queued
 * (queued-file-writes.ts): the run goes on computing while they are done.
 */
export class AtomicFileSink implements OutputSink {
  private batch: OutputText[] = [];
  /** The `onWritten` of the texts in `batch`. */
  private batchWritten: OnWritten[] = [];
  private batchChars = 0;
  private closed = false;
  private readonly writes: QueuedFileWrites;

  private constructor(
    private readonly handle: FileHandle,
    private readonly tempPath: string,
    private readonly targetPath: string,
    private readonly keep: { readonly mode: number | null; readonly uid: number | null; readonly gid: number | null },
  ) {
    this.writes = new QueuedFileWrites(handle);
  }

  /**
   * Creates the temporary file (exclusively, so it never clobbers anything). `keep`: the mode and
   * owner of the file it will replace, given to the result. `onDiscard` is handed the function
   * that removes the temporary file at once before the file is opened: an interrupt that comes
   * while the file is being created (it exists, the sink does not yet) still removes it.
   */
  static async create(
    targetPath: string,
    keep: { readonly mode: number | null; readonly uid: number | null; readonly gid: number | null } = { mode: null, uid: null, gid: null },
    onDiscard: (discardSync: () => void) => void = () => undefined,
  ): Promise<AtomicFileSink> {
    // node:crypto is loaded here, not with the module: it costs every command's start-up some 5 ms.
    const { randomBytes } = await import('node:crypto');
    const tempPath = join(dirname(targetPath), `.${basename(targetPath)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    onDiscard(() => removeQuietly(tempPath));
    try {
      const handle = await open(tempPath, 'wx', 0o666);
      return new AtomicFileSink(handle, tempPath, targetPath, keep);
    } catch (error) {
      throw environmentFailure(`--out: cannot write in ${JSON.stringify(dirname(targetPath))}`, error);
    }
  }

  get started(): boolean {
    return false;
  }

  async write(text: OutputText, onWritten?: OnWritten): Promise<void> {
    this.batch.push(text);
    if (onWritten !== undefined) this.batchWritten.push(onWritten);
    this.batchChars += text.length;
    if (this.batchChars >= FILE_BATCH_CHARS) await this.guarded(() => this.flush());
  }

  async commit(): Promise<void> {
    await this.guarded(async () => {
      await this.flush();
      await this.writes.finish();
      await this.handle.sync();
      await this.close();
      if (this.keep.mode !== null) await chmod(this.tempPath, this.keep.mode);
      if (this.keep.uid !== null && this.keep.gid !== null) await chown(this.tempPath, this.keep.uid, this.keep.gid).catch(() => undefined);
      await rename(this.tempPath, this.targetPath);
    });
  }

  /** Runs `step`; on a failure of the file system the temporary file is removed and the failure named. */
  private async guarded(step: () => Promise<void>): Promise<void> {
    try {
      await step();
    } catch (error) {
      await this.abort();
      throw environmentFailure(`cannot write ${JSON.stringify(this.targetPath)}`, error);
    }
  }

  async abort(): Promise<void> {
    this.batch = [];
    this.batchWritten = [];
    await this.writes.settle();
    await this.close().catch(() => undefined);
    await unlink(this.tempPath).catch(() => undefined);
  }

  /** Queues the batch as one write: strings joined, or every part as bytes, in order. */
  private async flush(): Promise<void> {
    const batch = this.batch;
    const written = this.batchWritten;
    this.batch = [];
    this.batchWritten = [];
    const chars = this.batchChars;
    this.batchChars = 0;
    const allWritten = written.length === 0 ? undefined : () => written.forEach((done) => done());
    if (chars === 0) allWritten?.();
    else if (batch.every((part) => typeof part === 'string')) await this.writes.write([Buffer.from(batch.join(''), 'utf8')], allWritten);
    else await this.writes.write(batch.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : part)), allWritten);
  }

  private async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.handle.close();
  }
}
