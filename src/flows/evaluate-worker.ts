// Worker-thread entry of the parallel evaluate flow (compiled build only:
// dist/src/flows/evaluate-worker.js). It builds one renderer from its init, then answers each
// batch of account books with their texts and problems, in the batch's order.

import { parentPort, workerData } from 'node:worker_threads';
import type { AccountBook } from '../domain/account-book.js';
import { createAccountRenderer, type EvaluateRenderSpec, type RenderedAccount } from './evaluate-render.js';

/** A batch of books to render; null tells the worker to stop. */
export interface RenderJob {
  readonly id: number;
  readonly books: readonly AccountBook[];
}

export type RenderReply = { readonly id: number; readonly ok: true; readonly accounts: readonly RenderedAccount[] } | { readonly id: number; readonly ok: false; readonly error: string };

const port = parentPort;
if (port === null) throw new Error('evaluate worker: must run in a worker thread');
const render = createAccountRenderer(workerData as EvaluateRenderSpec);
port.on('message', (job: RenderJob | null) => {
  if (job === null) {
    port.close();
    return;
  }
  let reply: RenderReply;
  try {
    reply = { id: job.id, ok: true, accounts: job.books.map(render) };
  } catch (error) {
    reply = { id: job.id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
