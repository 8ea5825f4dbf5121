// Opening the user's input files as byte streams for the importers, and turning file-system
// failures (missing, a directory, no permission) into one-line input problems, never a stack.

import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { Issue } from '../domain/issue.js';
import { STDIN_PATH } from './command-options.js';

/** What the CLI knows about an input file before reading it. */
export interface InputFile {
  /** Path as the user typed it; also the label in error lines. */
  readonly path: string;
  /** Size in bytes, when known (for the progress bar); null for standard input. */
  readonly sizeBytes: number | null;
}

/** Name of standard input in error lines and progress. */
const STDIN_LABEL = 'stdin';

/** How a file is named in error lines: as the user typed it, `stdin` for `-`. */
export function inputLabel(file: InputFile): string {
  return file.path === STDIN_PATH ? STDIN_LABEL : file.path;
}

/** Words for the file-system error codes a user can cause and fix. */
const FILE_ERROR_WORDS: Readonly<Record<string, string>> = {
  ENOENT: 'file not found',
  ENOTDIR: 'file not found (a part of the path is not a directory)',
  EISDIR: 'is a directory, not a file',
  EACCES: 'cannot be read (permission denied)',
  EPERM: 'cannot be read (operation not permitted)',
  ELOOP: 'cannot be read (too many symbolic links)',
  ENAMETOOLONG: 'file name too long',
  EMFILE: 'cannot be opened (too many open files)',
};

/** The Node error code of `error`, if it is a file-system error. */
export function fileErrorCode(error: unknown): string | null {
  if (typeof error !== 'object' || error === null || !('code' in error)) return null;
  const code = (error as { code: unknown }).code;
  return typeof code === 'string' && code in FILE_ERROR_WORDS ? code : null;
}

/** An Issue for a file-system failure on `path`: `PATH: file not found`. */
export function fileIssue(path: string, code: string): Issue {
  return { code: 'missing-file', file: path, line: 0, column: '', message: FILE_ERROR_WORDS[code] ?? 'cannot be read' };
}

/**
 * The input problem for a file that vanished or became unreadable in the middle of a run (the
 * path the error names, else `fallbackPath`); null when `error` is not a file-system failure,
 * which the caller rethrows as the bug it is.
 */
export function midRunFileIssue(error: unknown, fallbackPath: string): Issue | null {
  const code = fileErrorCode(error);
  if (code === null) return null;
  const path = typeof (error as { path?: unknown }).path === 'string' ? String((error as { path: string }).path) : fallbackPath;
  return fileIssue(path, code);
}

/**
 * Checks that `path` is a readable regular file (or `-`, standard input). Returns the file, or
 * an Issue saying in plain words what is wrong with it.
 */
export async function checkInputFile(path: string): Promise<{ file: InputFile } | { issue: Issue }> {
  if (path === STDIN_PATH) return { file: { path, sizeBytes: null } };
  try {
    const info = await stat(path);
    if (info.isDirectory()) return { issue: fileIssue(path, 'EISDIR') };
    return { file: { path, sizeBytes: info.isFile() ? info.size : null } };
  } catch (error) {
    const code = fileErrorCode(error);
    if (code === null) throw error;
    return { issue: fileIssue(path, code) };
  }
}

/** The file's bytes as an async stream of chunks (standard input for `-`). */
export function openChunks(file: InputFile, stdin: NodeJS.ReadableStream): AsyncIterable<Uint8Array | string> {
  if (file.path === STDIN_PATH) return stdin as AsyncIterable<Uint8Array | string>;
  return createReadStream(file.path, { highWaterMark: 1 << 16 }) as AsyncIterable<Uint8Array>;
}

/** Counts of what has flowed through a stream so far. */
export interface StreamCounts {
  bytes: number;
  lines: number;
}

/** Passes `chunks` through unchanged, counting bytes and line breaks into `counts`. */
export async function* countChunks(
  chunks: AsyncIterable<Uint8Array | string>,
  counts: StreamCounts,
  onChunk: () => void,
): AsyncGenerator<Uint8Array | string> {
  for await (const chunk of chunks) {
    if (typeof chunk === 'string') {
      counts.bytes += Buffer.byteLength(chunk);
      for (let i = chunk.indexOf('\n'); i !== -1; i = chunk.indexOf('\n', i + 1)) counts.lines++;
    } else {
      counts.bytes += chunk.byteLength;
      const buffer = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      for (let i = buffer.indexOf(10); i !== -1; i = buffer.indexOf(10, i + 1)) counts.lines++;
    }
    onChunk();
    yield chunk;
  }
}

/** A whole input file's text, or null with an Issue (`PATH: file not found`…) when it cannot be read. */
export async function readInputText(path: string, issues: Issue[]): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = fileErrorCode(error);
    if (code === null) throw error;
    issues.push(fileIssue(path, code));
    return null;
  }
}
