// The plain evaluate flow, optionally on worker threads: this thread reads the positions file into account
// books (src/import) and hands them, in batches, to workers that evaluate and write them
// (evaluate-render.ts); the texts come back and are yielded strictly in file order, so the output
// is byte for byte the in-process one whatever the number of threads. At most a few batches are
// in flight, so memory stays flat in the size of the file. With one thread (or when running from
// TypeScript sources, as under vitest, where the compiled worker file does not exist) the same
// renderer runs in process.

import { Worker } from 'node:worker_threads';
import type { AccountBook } from '../domain/account-book.js';
import type { Issue } from '../domain/issue.js';
import { readRequestBooks, type EvaluateRequest } from './book-request.js';
import { createAccountRenderer, type EvaluateRenderSpec, type RenderedAccount } from './evaluate-render.js';
import type { RenderJob, RenderReply } from './evaluate-worker.js';

/**
 * Positions per batch sent to a worker (an account of more goes alone). Small: a batch's books
 * live until its texts are written, and larger batches outlived the worker's young generation
 * (4,096 positions a batch doubled the time in the garbage collector).
 */
const BATCH_POSITIONS = 512;
/** Accounts per batch at most (many small accounts). */
const BATCH_ACCOUNTS = 512;
/** Batches in flight per worker: one being worked on, one waiting. */
const IN_FLIGHT_PER_WORKER = 2;

export interface ParallelEvaluateHooks {
  /** One more account read. */
  readonly onAccount?: () => void;
  /** True to leave an account out (its problems are still reported). */
  readonly skip?: (account: string) => boolean;
  /** True once the problems found so far stop the run (nothing more is evaluated). */
  readonly stopped?: () => boolean;
}

function compiledBuild(): boolean {
  return import.meta.url.endsWith('.js');
}

/** The workers, each answering its jobs in order; a job's promise settles with its reply. */
class RenderPool {
  readonly #workers: Worker[] = [];
  readonly #waiting = new Map<number, { resolve: (accounts: readonly RenderedAccount[]) => void; reject: (error: Error) => void }>();
  #nextId = 0;
  #failure: Error | null = null;

  constructor(spec: EvaluateRenderSpec, threads: number) {
    for (let t = 0; t < threads; t++) {
      // execArgv []: the worker must not inherit flags meant for the parent's entry (--input-type, -e).
      const worker = new Worker(new URL('./evaluate-worker.js', import.meta.url), { workerData: spec, execArgv: [] });
      worker.on('message', (reply: RenderReply) => {
        const waiting = this.#waiting.get(reply.id);
        this.#waiting.delete(reply.id);
        if (reply.ok) waiting?.resolve(reply.accounts);
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

  /** Renders `books` on the next worker in turn. */
  render(books: readonly AccountBook[]): Promise<readonly RenderedAccount[]> {
    if (this.#failure !== null) return Promise.reject(this.#failure);
    const id = this.#nextId++;
    const worker = this.#workers[id % this.#workers.length]!;
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      const job: RenderJob = { id, books };
      worker.postMessage(job);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((w) => w.terminate()));
  }
}

/**
 * The text of every account of the request's positions file, in file order: evaluated and
 * written by `spec` on `threads` worker threads, or on this thread when `threads` is 1 (the
 * default). Input problems and the evaluation's are appended to `issues`; an account with
 * problems is left out.
 *
 * Why one thread by default: measured on a 2-core machine shared with other work, the workers
 * cost about 1.3x the CPU of the in-process road (each book structured-cloned in, each text
 * copied out, a garbage collector per thread) and the run took 1.16x the wall time (1,000,000
 * positions, 1,000 accounts). Pass `availableParallelism()` where cores are idle.
 */
export async function* renderAccountsInParallel(
  request: EvaluateRequest,
  spec: EvaluateRenderSpec,
  issues: Issue[],
  hooks: ParallelEvaluateHooks = {},
  threads = 1,
): AsyncGenerator<string> {
  const books = readRequestBooks(request, issues);
  const keep = (book: AccountBook): boolean => {
    hooks.onAccount?.();
    // A stopped run keeps reading, so that every problem in the file is listed at once.
    return hooks.stopped?.() !== true && hooks.skip?.(book.account) !== true;
  };
  if (threads <= 1 || !compiledBuild()) {
    const render = createAccountRenderer(spec);
    for await (const book of books) {
      if (!keep(book)) continue;
      const rendered = render(book);
      issues.push(...rendered.issues);
      if (rendered.evaluated && hooks.stopped?.() !== true) yield rendered.text;
    }
    return;
  }
  const pool = new RenderPool(spec, threads);
  const inFlight: Promise<readonly RenderedAccount[]>[] = [];
  try {
    let batch: AccountBook[] = [];
    let batchPositions = 0;
    // Settles the oldest batch and yields its texts (issues in file order, as in process).
    async function* drainOldest(): AsyncGenerator<string> {
      const rendered = await inFlight.shift()!;
      for (const account of rendered) {
        issues.push(...account.issues);
        if (account.evaluated && hooks.stopped?.() !== true && account.text !== '') yield account.text;
      }
    }
    for await (const book of books) {
      if (!keep(book)) continue;
      batch.push(book);
      batchPositions += book.positions.length;
      if (batchPositions < BATCH_POSITIONS && batch.length < BATCH_ACCOUNTS) continue;
      const sent = pool.render(batch);
      // A rejection is taken when the batch's turn comes; never left unhandled meanwhile.
      sent.catch(() => undefined);
      inFlight.push(sent);
      batch = [];
      batchPositions = 0;
      while (inFlight.length >= threads * IN_FLIGHT_PER_WORKER) yield* drainOldest();
    }
    if (batch.length > 0) {
      const sent = pool.render(batch);
      sent.catch(() => undefined);
      inFlight.push(sent);
    }
    while (inFlight.length > 0) yield* drainOldest();
  } finally {
    await pool.close();
  }
}
