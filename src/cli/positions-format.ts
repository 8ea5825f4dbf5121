// `--format-in auto`: which road a positions file takes, decided from its first bytes without
// reading it whole. JSON (first non-blank character `{` or `[`) is always a venue export; a CSV
// is one when its header line is an export's (`detectExportFormat`), else it is the canonical
// positions CSV and streams through the canonical pipeline. A header naming the canonical
// `position_id` column (no export has one) is canonical at once, without loading the importers.
// The bytes read to decide are handed back in front of the rest, so the file (or standard input)
// is still read exactly once.

import type { ExportFormatName } from '../import/exports/export-format.js';
import { FORMAT_IN_AUTO, FORMAT_IN_CANONICAL } from './export-input-options.js';

/** Most bytes read to find the header line; a longer first line is not an export header. */
const PEEK_LIMIT_BYTES = 1 << 20;

/** The road of a positions file. */
export type PositionsRoad =
  | { readonly kind: 'canonical' }
  /** `format`: forced by `--format-in`, or `auto` (every file detected by the importer). */
  | { readonly kind: 'export'; readonly format: ExportFormatName | 'auto'; readonly detected: ExportFormatName | null };

interface PeekedPositions {
  readonly road: PositionsRoad;
  /** The whole file: the peeked chunks, then the rest. Iterate once. */
  readonly chunks: AsyncIterable<Uint8Array | string>;
}

function toBuffer(chunk: Uint8Array | string): Buffer {
  return typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/** `held` then whatever `rest` still yields. */
async function* replay(held: readonly Buffer[], rest: AsyncIterator<Uint8Array | string>): AsyncGenerator<Uint8Array | string> {
  yield* held;
  for (;;) {
    const next = await rest.next();
    if (next.done === true) return;
    yield next.value;
  }
}

/** A header line with the canonical `position_id` column, as written (no venue export has one). */
function canonicalHeader(header: string): boolean {
  return header.split(/[,;\t]/).some((cell) => cell.trim().replace(/^"|"$/g, '') === 'position_id');
}

/** The road `text` (the start of the file) points to under `--format-in auto`. */
async function autoRoad(text: string, label: string): Promise<PositionsRoad> {
  const start = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const first = /\S/.exec(start);
  if (first !== null && (first[0] === '{' || first[0] === '[')) return { kind: 'export', format: 'auto', detected: null };
  if (first === null) return { kind: 'canonical' };
  const body = start.slice(first.index);
  const newline = body.search(/\r?\n/);
  const header = newline === -1 ? body : body.slice(0, newline);
  if (canonicalHeader(header)) return { kind: 'canonical' };
  const { detectExportFormat } = await import('../import/exports/index.js');
  const detected = detectExportFormat({ label, text: header });
  return detected === null ? { kind: 'canonical' } : { kind: 'export', format: 'auto', detected };
}

/**
 * Decides the road of a positions file from `--format-in` and, for `auto`, its first bytes.
 * Example: a file starting `symbol,positionAmt,entryPrice,markPrice,…` →
 * `{ kind: 'export', detected: 'binance-usdm-position-risk' }`.
 */
export async function peekPositions(chunks: AsyncIterable<Uint8Array | string>, label: string, formatIn: string): Promise<PeekedPositions> {
  const iterator = chunks[Symbol.asyncIterator]();
  if (formatIn === FORMAT_IN_CANONICAL) return { road: { kind: 'canonical' }, chunks: replay([], iterator) };
  if (formatIn !== FORMAT_IN_AUTO) {
    const format = formatIn as ExportFormatName;
    return { road: { kind: 'export', format, detected: format }, chunks: replay([], iterator) };
  }
  const held: Buffer[] = [];
  let bytes = 0;
  let text = '';
  for (;;) {
    const next = await iterator.next();
    if (next.done === true) break;
    const buffer = toBuffer(next.value);
    held.push(buffer);
    bytes += buffer.byteLength;
    text = Buffer.concat(held).toString('utf8');
    const first = /\S/.exec(text);
    if (first !== null && (first[0] === '{' || first[0] === '[')) break;
    if (first !== null && /\n/.test(text.slice(first.index))) break;
    if (bytes >= PEEK_LIMIT_BYTES) break;
  }
  return { road: await autoRoad(text, label), chunks: replay(held, iterator) };
}

/** The whole of `chunks` as text (venue exports are small: one account's positions). */
export async function readAllText(chunks: AsyncIterable<Uint8Array | string>): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(toBuffer(chunk));
  return Buffer.concat(parts).toString('utf8');
}
