// Test helpers for the import layer: feed text as chunks, read fixtures as byte streams, and
// collect the formatted issue lines a user would see.

import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AccountBook } from '../../src/domain/account-book.js';
import type { Balance } from '../../src/domain/balance.js';
import { formatIssue, type Issue } from '../../src/domain/issue.js';
import { readAccountBooks, type PositionReadOptions } from '../../src/import/index.js';

/** `text` as an async stream of string chunks of `chunkChars` characters. */
export async function* textChunks(text: string, chunkChars = 64 * 1024): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += chunkChars) yield text.slice(i, i + chunkChars);
}

/** `text` as UTF-8 byte chunks of `chunkBytes` bytes (splitting multi-byte characters). */
export async function* byteChunks(text: string, chunkBytes = 7): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += chunkBytes) yield bytes.subarray(i, i + chunkBytes);
}

/** Absolute path of a fixture under test/fixtures. */
export function fixturePath(relative: string): string {
  return fileURLToPath(new URL(`../fixtures/${relative}`, import.meta.url));
}

/** A fixture file's bytes as `fs.createReadStream` yields them. */
export function fixtureChunks(relative: string): AsyncIterable<Uint8Array> {
  return createReadStream(fixturePath(relative)) as AsyncIterable<Uint8Array>;
}

export interface ReadResult {
  readonly books: AccountBook[];
  readonly issues: Issue[];
  /** Issues as the CLI prints them. */
  readonly lines: string[];
}

/** Read a whole positions stream; books in yield order. */
export async function readAll(
  chunks: AsyncIterable<string | Uint8Array>,
  options: Partial<PositionReadOptions> = {},
  balances: readonly Balance[] = [],
  fileLabel = 'positions.csv',
): Promise<ReadResult> {
  const issues: Issue[] = [];
  const books: AccountBook[] = [];
  for await (const book of readAccountBooks(chunks, fileLabel, balances, { defaultVenue: 'generic', ...options }, issues)) books.push(book);
  return { books, issues, lines: issues.map(formatIssue) };
}

/** Read positions given as text (one chunk per 64 KiB). */
export function readText(text: string, options: Partial<PositionReadOptions> = {}, balances: readonly Balance[] = []): Promise<ReadResult> {
  return readAll(textChunks(text), options, balances);
}
