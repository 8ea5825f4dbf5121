// Worker-thread entry of the parallel evaluate flow (compiled build only:
// dist/src/flows/evaluate-worker.js, and dist/src/cli/chunks/evaluate-worker.js in the command's
// bundle). It builds one renderer from its init, then answers each batch of account books (in the
// compact form of book-batch-codec.ts) with their problems and their texts, written as UTF-8 into
// one buffer (rendered-batch.ts), and counts the batch as finished in the memory it shares with
// the caller. When the caller recycles texts (`slots`), the batch is rendered into one buffer the
// worker keeps and its texts copied into a shared-memory slot the caller frees once they are
// written (worker-text-slots.ts); else, or when every slot is held, the buffer is moved, not
// copied, to the caller.

import { parentPort, workerData } from 'node:worker_threads';
import { decodeBooks, type EncodedBooks } from './book-batch-codec.js';
import { createAccountRenderer, type EvaluateRenderSpec } from './evaluate-render.js';
import { renderBatch, type RenderedBatch } from './rendered-batch.js';
import { WorkerTextSlots } from './worker-text-slots.js';
import { Utf8TextBuffer } from '../report/format/utf8-text-buffer.js';

/** What a worker starts from: the renderer's spec, and where it counts the batches it has finished. */
export interface RenderWorkerInit {
  readonly spec: EvaluateRenderSpec;
  /** Batches finished, per worker (over a SharedArrayBuffer); this worker adds to `finished[slot]`. */
  readonly finished: Int32Array;
  readonly slot: number;
  /** Every worker's text slots' states (worker-text-slots.ts), or null when texts are not recycled. */
  readonly textSlots: Int32Array | null;
}

/** A batch of books to render; null tells the worker to stop. */
export interface RenderJob {
  readonly id: number;
  readonly books: EncodedBooks;
}

/** A rendered batch; `textSlot`: the slot its text is in (a view of shared memory), or -1 when the text's buffer was moved. */
export type RenderReply =
  | ({ readonly id: number; readonly ok: true; readonly textSlot: number } & RenderedBatch)
  | { readonly id: number; readonly ok: false; readonly error: string };

const port = parentPort;
if (port === null) throw new Error('evaluate worker: must run in a worker thread');
const init = workerData as RenderWorkerInit;
const render = createAccountRenderer(init.spec);
const slots = init.textSlots === null ? null : new WorkerTextSlots(init.textSlots, init.slot);
/** The buffer every batch is rendered into when its texts go over in a slot. */
const rendering = new Utf8TextBuffer(1 << 20);

/** `books` rendered, their texts in a slot when one is free, else in a buffer of their own. */
function renderReply(id: number, books: EncodedBooks): RenderReply {
  if (slots === null) return { id, ok: true, textSlot: -1, ...renderBatch(decodeBooks(books), render) };
  rendering.clear();
  const batch = renderBatch(decodeBooks(books), render, rendering);
  const placed = slots.place(batch.text);
  if (placed === null) return { id, ok: true, textSlot: -1, accounts: batch.accounts, text: batch.text.slice() };
  return { id, ok: true, textSlot: placed.slot, accounts: batch.accounts, text: placed.text };
}

port.on('message', (job: RenderJob | null) => {
  if (job === null) {
    port.close();
    return;
  }
  let reply: RenderReply;
  try {
    reply = renderReply(job.id, job.books);
  } catch (error) {
    reply = { id: job.id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply, reply.ok && reply.textSlot < 0 ? [reply.text.buffer as ArrayBuffer] : []);
  Atomics.add(init.finished, init.slot, 1);
});
