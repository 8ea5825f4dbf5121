// A batch of rendered accounts as the parallel evaluate flow holds and passes it: each account's
// problems and whether it was evaluated, and the texts of all of them encoded once as UTF-8 into
// one buffer of their own (off the JavaScript heap, and transferable from a worker thread without
// a copy). Held texts that waited as strings for earlier batches outlived the young generation.

import type { Issue } from '../domain/issue.js';
import type { RenderedAccount } from './evaluate-render.js';

/** One account of a batch: its problems, whether it was evaluated, its text's length in the batch's bytes. */
export interface RenderedAccountBytes {
  readonly issues: readonly Issue[];
  readonly evaluated: boolean;
  readonly bytes: number;
}

export interface RenderedBatch {
  readonly accounts: readonly RenderedAccountBytes[];
  /** The accounts' texts one after the other, UTF-8; its buffer holds nothing else. */
  readonly text: Uint8Array;
}

/** `rendered` as one batch. */
export function encodeRenderedBatch(rendered: readonly RenderedAccount[]): RenderedBatch {
  const accounts = rendered.map(({ issues, evaluated, text }) => ({ issues, evaluated, bytes: Buffer.byteLength(text, 'utf8') }));
  // Its own ArrayBuffer (never a slice of Buffer's shared pool), so it can be transferred.
  const text = Buffer.from(new ArrayBuffer(accounts.reduce((sum, a) => sum + a.bytes, 0)));
  let offset = 0;
  for (const account of rendered) offset += text.write(account.text, offset, 'utf8');
  return { accounts, text };
}

/** Each account of `batch` with its text as a view of the batch's bytes. */
export function batchAccountTexts(batch: RenderedBatch): { readonly text: Uint8Array; readonly issues: readonly Issue[]; readonly evaluated: boolean }[] {
  let offset = 0;
  return batch.accounts.map(({ issues, evaluated, bytes }) => ({ text: batch.text.subarray(offset, (offset += bytes)), issues, evaluated }));
}
