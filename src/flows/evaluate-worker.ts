// Worker-thread entry of the parallel evaluate flow (compiled build only:
// dist/src/flows/evaluate-worker.js, and dist/src/cli/chunks/evaluate-worker.js in the command's
// bundle). It builds one renderer from its init, then answers each batch of account books (in the
// compact form of book-batch-codec.ts) with their problems and their texts, written as UTF-8 into
// one buffer that is moved, not copied, to the caller (rendered-batch.ts), and counts the batch
// as finished in the memory it shares with the caller.

import { parentPort, workerData } from 'node:worker_threads';
import { decodeBooks, type EncodedBooks } from './book-batch-codec.js';
import { createAccountRenderer, type EvaluateRenderSpec } from './evaluate-render.js';
import { renderBatch, type RenderedBatch } from './rendered-batch.js';

/** What a worker starts from: the renderer's spec, and where it counts the batches it has finished. */
export interface RenderWorkerInit {
  readonly spec: EvaluateRenderSpec;
  /** Batches finished, per worker (over a SharedArrayBuffer); this worker adds to `finished[slot]`. */
  readonly finished: Int32Array;
  readonly slot: number;
}

/** A batch of books to render; null tells the worker to stop. */
export interface RenderJob {
  readonly id: number;
  readonly books: EncodedBooks;
}

export type RenderReply =
  | ({ readonly id: number; readonly ok: true } & RenderedBatch)
  | { readonly id: number; readonly ok: false; readonly error: string };

const port = parentPort;
if (port === null) throw new Error('evaluate worker: must run in a worker thread');
const init = workerData as RenderWorkerInit;
const render = createAccountRenderer(init.spec);
port.on('message', (job: RenderJob | null) => {
  if (job === null) {
    port.close();
    return;
  }
  let reply: RenderReply;
  try {
    reply = { id: job.id, ok: true, ...renderBatch(decodeBooks(job.books), render) };
  } catch (error) {
    reply = { id: job.id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply, reply.ok ? [reply.text.buffer as ArrayBuffer] : []);
  Atomics.add(init.finished, init.slot, 1);
});
