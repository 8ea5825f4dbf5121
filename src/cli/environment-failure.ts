// A failure of the machine around the run, not of its input or of marginscope: the disk is full,
// a path cannot be written, standard output is closed. Reported as one line naming the path,
// exit code 2, with nothing left behind.

export class EnvironmentFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvironmentFailure';
  }

  /** `marginscope: MESSAGE`, one line. */
  toLine(): string {
    return `marginscope: ${this.message}`;
  }
}

/** Node's error code of `error` (`ENOSPC`, `EACCES`…), or '' when it has none. */
export function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
}

const REASONS: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  EIO: 'input/output error',
  EFBIG: 'file too large',
  EXDEV: 'not on the same file system',
  EISDIR: 'is a directory',
  ENOENT: 'no such file or directory',
};

/** `EnvironmentFailure` for `error` met while doing `what` (e.g. `cannot write "out.json"`). */
export function environmentFailure(what: string, error: unknown): EnvironmentFailure {
  const code = errorCode(error);
  return new EnvironmentFailure(`${what}: ${REASONS[code] ?? (code || (error instanceof Error ? error.message : String(error)))}${code ? ` (${code})` : ''}`);
}
