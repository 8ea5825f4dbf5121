// The plain evaluate flow, on this thread and worker threads: this thread reads the positions file
// into account books (src/import) and cuts them into batches; each batch goes to a worker, in
// the compact form of book-batch-codec.ts, when one has room, else this thread evaluates and
// writes it itself (evaluate-render.ts), so both cores stay busy while reading costs this thread
// little. The texts are yielded strictly in file order, so the output is byte for byte the
// in-process one whatever the number of threads. At most a few batches are in flight, so memory
// stays flat in the size of the file. When the caller reports the texts written (text-recycling.ts),
// their buffers are rendered into again: this thread's from its pool, the workers' from their
// shared-memory slots (worker-text-slots.ts). With one thread (or when running from TypeScript sources,
// as under vitest, where the compiled worker file does not exist) everything runs in process.
// While the reader may still hold accounts back (its any-order window, the first 100,000
// positions), a large account whose rows another account's follow is shown provisionally
// (src/import/account-book-assembler.ts) and a worker with room renders it at once; when the
// reader hands out that same book, the render is taken, else it is dropped unread.

import { Worker } from 'node:worker_threads';
import type { AccountBook } from '../domain/account-book.js';
import type { Issue } from '../domain/issue.js';
import { plainTierBook } from '../venues/tier-book.js';
import type { Utf8TextBuffer } from '../report/format/utf8-text-buffer.js';
import { readRequestBooks, type EvaluateRequest } from './book-request.js';
import { encodeBooks } from './book-batch-codec.js';
import { createAccountRenderer, type EvaluateRenderSpec } from './evaluate-render.js';
import { batchAccountTexts, batchBytes, renderBatch, sharedBatchBuffer } from './rendered-batch.js';
import type { TextOwner, TextRecycling } from './text-recycling.js';
import { freeSlot, sharedSlotStates } from './worker-text-slots.js';
import type { RenderJob, RenderReply, RenderWorkerInit } from './evaluate-worker.js';

/** An account's text (UTF-8, a view of its batch's bytes), with its problems. */
interface AccountText {
  readonly text: Uint8Array;
  readonly issues: readonly Issue[];
  readonly evaluated: boolean;
}

/** A batch's account texts, and what gives their buffer back once they are written (null: nothing, it is let go). */
interface BatchTexts {
  readonly accounts: readonly AccountText[];
  readonly free: (() => void) | null;
}

/**
 * Positions per batch sent to a worker (an account of more goes alone). Small: a batch's books
 * live until its texts are written, and larger batches outlived the worker's young generation
 * (4,096 positions a batch doubled the time in the garbage collector).
 */
const BATCH_POSITIONS = 512;
/** Accounts per batch at most (many small accounts). */
const BATCH_ACCOUNTS = 512;
/** Batches in flight per worker: one being worked on, two waiting (this thread renders the rest). */
const IN_FLIGHT_PER_WORKER = 3;
/** Batches held at most (sent or rendered, not yet yielded), beyond the workers' in flight. */
const HELD_HERE = 4;
/**
 * Characters of input after which the workers are started even before a batch is ready: the
 * reader's any-order window holds 100,000 positions (about 8 MB) before it hands out the first
 * account, and a worker started here is up and compiled by then.
 */
const INPUT_FOR_WORKERS_CHARS = 6_000_000;
/**
 * Positions an account holds at least to be rendered provisionally (one job each): smaller ones
 * would make many small jobs, and are batched once handed out as before.
 */
const PROVISIONAL_MIN_POSITIONS = BATCH_POSITIONS;
/** Young-generation size of a worker (MiB): a batch's garbage dies young instead of being promoted. */
const WORKER_YOUNG_GENERATION_MIB = 64;

export interface ParallelEvaluateHooks {
  /** One more account read. */
  readonly onAccount?: () => void;
  /** True to leave an account out (its problems are still reported). */
  readonly skip?: (account: string) => boolean;
  /** True once the problems found so far stop the run (nothing more is evaluated). */
  readonly stopped?: () => boolean;
}

/** True when this module runs from compiled JavaScript, with evaluate-worker.js beside it (tsc's dist/, or the command's bundle, whose scripts are .cjs: see scripts/bundle-cli.mjs). */
function compiledBuild(): boolean {
  return /\.c?js$/.test(import.meta.url);
}

/**
 * The workers, each answering its jobs in order; a job's promise settles with its reply. Each
 * worker also counts the jobs it has finished in shared memory, so whether it has room is known
 * the moment it finishes: its reply is a message, taken only when this thread next waits, and
 * this thread reads and renders for long stretches without waiting (counting by replies taken
 * left the worker idle while this thread believed it full and rendered the batch itself).
 */
class RenderPool {
  readonly #workers: Worker[] = [];
  readonly #waiting = new Map<number, { resolve: (batch: BatchTexts) => void; reject: (error: Error) => void }>();
  /** Jobs finished by each worker (written by the worker, read here). */
  readonly #finished: Int32Array;
  /** Jobs sent to each worker. */
  readonly #sent: number[];
  #nextId = 0;
  #failure: Error | null = null;

  /** `recycled`: the workers hand their texts over in shared-memory slots, freed once written. */
  constructor(spec: EvaluateRenderSpec, threads: number, recycled: boolean) {
    this.#finished = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT * threads));
    const textSlots = recycled ? sharedSlotStates(threads) : null;
    this.#sent = new Array<number>(threads).fill(0);
    // The bundled tier tables are read on first use: a worker gets them all, read.
    const cloneable: EvaluateRenderSpec = { ...spec, tierBook: plainTierBook(spec.tierBook) };
    for (let t = 0; t < threads; t++) {
      const init: RenderWorkerInit = { spec: cloneable, finished: this.#finished, slot: t, textSlots };
      // execArgv []: the worker must not inherit flags meant for the parent's entry (--input-type, -e).
      const worker = new Worker(new URL('./evaluate-worker.js', import.meta.url), { workerData: init, execArgv: [], resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MIB } });
      worker.on('message', (reply: RenderReply) => {
        const waiting = this.#waiting.get(reply.id);
        this.#waiting.delete(reply.id);
        if (reply.ok) {
          const slot = reply.textSlot;
          waiting?.resolve({ accounts: batchAccountTexts(reply), free: textSlots !== null && slot >= 0 ? () => freeSlot(textSlots, t, slot) : null });
        }
        else waiting?.reject(new Error(reply.error));
      });
      worker.on('error', (error) => this.#fail(error));
      worker.on('exit', (code) => {
        if (code !== 0) this.#fail(new Error(`evaluate worker exited with code ${code}`));
      });
      this.#workers.push(worker);
    }
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    for (const waiting of this.#waiting.values()) waiting.reject(error);
    this.#waiting.clear();
  }

  /** The worker with the fewest batches not yet finished, when it has fewer than IN_FLIGHT_PER_WORKER; else -1. */
  #roomiest(): number {
    let best = -1;
    let bestInFlight = IN_FLIGHT_PER_WORKER;
    for (let w = 0; w < this.#workers.length; w++) {
      const inFlight = this.#sent[w]! - Atomics.load(this.#finished, w);
      if (inFlight < bestInFlight) {
        best = w;
        bestInFlight = inFlight;
      }
    }
    return best;
  }

  /** Whether a worker can take another batch (fewer than IN_FLIGHT_PER_WORKER of its batches unfinished). */
  get hasRoom(): boolean {
    return this.#roomiest() >= 0;
  }

  /** Renders `books` on the worker with the most room (the first when none has any). */
  render(books: readonly AccountBook[]): Promise<BatchTexts> {
    if (this.#failure !== null) return Promise.reject(this.#failure);
    const id = this.#nextId++;
    const w = Math.max(0, this.#roomiest());
    this.#sent[w]!++;
    const worker = this.#workers[w]!;
    const { encoded, transfer } = encodeBooks(books);
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      const job: RenderJob = { id, books: encoded };
      worker.postMessage(job, transfer);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((w) => w.terminate()));
  }
}

/** A batch in file order: rendered (here, or by a worker that has answered) or still on a worker. */
interface HeldBatch {
  rendered: BatchTexts | null;
  readonly reply: Promise<BatchTexts> | null;
}

/**
 * The text of every account of the request's positions file as UTF-8, in file order: evaluated
 * and written by `spec` on this thread and `threads - 1` worker threads (on this thread alone when
 * `threads` is 1). Input problems and the evaluation's are appended to `issues`; an account with
 * problems is left out. `recycling`: where the caller reports each text written, once it no
 * longer needs its bytes (TextRecycling.written); its buffer is then rendered into again.
 *
 * A batch goes to a worker while one has room, else is rendered here; so with 2 threads this
 * thread reads the file and renders what the one worker cannot take. Measured on a 2-core machine
 * (1,000,000 positions, 1,000 accounts), see the README's performance section.
 */
export async function* renderAccountsInParallel(
  request: EvaluateRequest,
  spec: EvaluateRenderSpec,
  issues: Issue[],
  hooks: ParallelEvaluateHooks = {},
  threads = 1,
  recycling: TextRecycling | null = null,
): AsyncGenerator<Uint8Array> {
  // The workers start with the first batch that comes before the end of the input, or once the
  // input has proved big (INPUT_FOR_WORKERS_CHARS). A file read whole before its first batch (one
  // within the reader's any-order window, 100,000 positions) is rendered here alone: a worker
  // takes a few hundred milliseconds to come up and compile, and got too few batches to pay for
  // it (measured, one thread against two: the sample book 0.14 against 0.21 s; 50,000 positions
  // 1.00 against 1.24 s; 100,000 1.62 against 1.70 s).
  const workers: { pool: RenderPool | null } = { pool: null };
  const startWorkers = (): RenderPool => (workers.pool ??= new RenderPool(spec, threads - 1, recycling !== null));
  let inputRead = false;
  async function* watched(chunks: AsyncIterable<string | Uint8Array>): AsyncGenerator<string | Uint8Array> {
    let chars = 0;
    for await (const chunk of chunks) {
      chars += chunk.length;
      if (chars >= INPUT_FOR_WORKERS_CHARS) startWorkers();
      yield chunk;
    }
    inputRead = true;
  }
  const parallel = threads > 1 && compiledBuild();
  // Provisional renders (see the file header), by the book shown; only for a file known to be
  // large (a small one is read whole before its first book, and rendered here alone), and every
  // account wanted (with `--accounts`, most would be rendered for nothing).
  const provisional = new Map<AccountBook, HeldBatch>();
  const sizeBytes = request.positions.sizeBytes;
  const speculate = parallel && sizeBytes != null && sizeBytes >= INPUT_FOR_WORKERS_CHARS && (request.accounts ?? null) === null;
  const showProvisional = (book: AccountBook): void => {
    if (book.positions.length < PROVISIONAL_MIN_POSITIONS || hooks.stopped?.() === true) return;
    const pool = startWorkers();
    if (!pool.hasRoom) return;
    const entry: HeldBatch = { rendered: null, reply: pool.render([book]) };
    entry.reply!.then((rendered) => (entry.rendered = rendered), () => undefined);
    provisional.set(book, entry);
  };
  /** A provisional render not taken: its buffer is given back once it is there. */
  const drop = (entry: HeldBatch): void => {
    entry.reply!.then((rendered) => rendered.free?.(), () => undefined);
  };
  const books = readRequestBooks(request, issues, parallel ? watched(request.positions.chunks) : request.positions.chunks, speculate ? showProvisional : undefined);
  const keep = (book: AccountBook): boolean => {
    hooks.onAccount?.();
    // A stopped run keeps reading, so that every problem in the file is listed at once.
    return hooks.stopped?.() !== true && hooks.skip?.(book.account) !== true;
  };
  const render = createAccountRenderer(spec);
  if (!parallel) {
    let shared: Utf8TextBuffer | null = null;
    let owner: TextOwner | null = null;
    for await (const book of books) {
      if (!keep(book)) continue;
      const one = [book];
      const next = sharedBatchBuffer(shared, one, recycling);
      if (next !== shared && recycling !== null) {
        if (owner !== null) recycling.seal(owner);
        owner = recycling.owner(() => recycling.give(next));
      }
      shared = next;
      const [rendered] = batchAccountTexts(renderBatch(one, render, shared));
      issues.push(...rendered!.issues);
      if (rendered!.evaluated && hooks.stopped?.() !== true && rendered!.text.length > 0) {
        if (owner !== null) recycling!.handOut(owner, rendered!.text);
        yield rendered!.text;
      }
    }
    if (owner !== null) recycling!.seal(owner);
    return;
  }
  const held: HeldBatch[] = [];
  try {
    let batch: AccountBook[] = [];
    let batchPositions = 0;
    // The texts of the oldest batch (issues in file order, as in process), once it is rendered:
    // the texts of accounts written one after another in one view of the batch's bytes.
    async function* yieldOldest(): AsyncGenerator<Uint8Array> {
      const oldest = held.shift()!;
      const { accounts, free } = oldest.rendered ?? (await oldest.reply!);
      const owner = recycling !== null && free !== null ? recycling.owner(free) : null;
      const out = (text: Uint8Array): Uint8Array => {
        if (owner !== null) recycling!.handOut(owner, text);
        return text;
      };
      let run: Uint8Array | null = null;
      for (const account of accounts) {
        issues.push(...account.issues);
        const text = account.text;
        if (!account.evaluated || hooks.stopped?.() === true || text.length === 0) continue;
        if (run !== null && run.buffer === text.buffer && run.byteOffset + run.length === text.byteOffset) run = new Uint8Array(run.buffer, run.byteOffset, run.length + text.length);
        else {
          if (run !== null) yield out(run);
          run = text;
        }
      }
      if (run !== null) yield out(run);
      if (owner !== null) recycling!.seal(owner);
    }
    const dispatch = (books: AccountBook[]): void => {
      const pool = workers.pool ?? (inputRead ? null : startWorkers());
      if (pool !== null && pool.hasRoom) {
        const entry: HeldBatch = { rendered: null, reply: pool.render(books) };
        // A rejection is taken when the batch's turn comes; never left unhandled meanwhile.
        entry.reply!.then((rendered) => (entry.rendered = rendered), () => undefined);
        held.push(entry);
      } else if (recycling === null) {
        held.push({ rendered: { accounts: batchAccountTexts(renderBatch(books, render)), free: null }, reply: null });
      } else {
        const buffer = recycling.take(batchBytes(books));
        held.push({ rendered: { accounts: batchAccountTexts(renderBatch(books, render, buffer)), free: () => recycling.give(buffer) }, reply: null });
      }
    };
    for await (const book of books) {
      const early = provisional.get(book);
      if (early !== undefined) provisional.delete(book);
      if (!keep(book)) {
        if (early !== undefined) drop(early);
        continue;
      }
      if (early !== undefined) {
        // Rendered while it was provisional: held in its turn, after the books before it.
        if (batch.length > 0) dispatch(batch);
        batch = [];
        batchPositions = 0;
        held.push(early);
        while (held.length > 0 && (held[0]!.rendered !== null || held.length >= HELD_HERE + (threads - 1) * IN_FLIGHT_PER_WORKER)) yield* yieldOldest();
        continue;
      }
      batch.push(book);
      batchPositions += book.positions.length;
      if (batchPositions < BATCH_POSITIONS && batch.length < BATCH_ACCOUNTS) continue;
      dispatch(batch);
      batch = [];
      batchPositions = 0;
      while (held.length > 0 && (held[0]!.rendered !== null || held.length >= HELD_HERE + (threads - 1) * IN_FLIGHT_PER_WORKER)) yield* yieldOldest();
    }
    if (batch.length > 0) dispatch(batch);
    while (held.length > 0) yield* yieldOldest();
  } finally {
    for (const entry of provisional.values()) drop(entry);
    provisional.clear();
    await workers.pool?.close();
  }
}
