// Issues about a file as a whole (line 0): missing, empty, header without rows, wrong encoding.
// The CLI uses `missingFileIssue` when it cannot open a file; the readers use the others.

import type { Issue } from '../domain/issue.js';

/** The file named by the user does not exist or cannot be read (`reason`: e.g. the OS error). */
export function missingFileIssue(fileLabel: string, reason?: string): Issue {
  return {
    code: 'missing-file',
    file: fileLabel,
    line: 0,
    column: '',
    message: reason === undefined || reason === '' ? 'file not found' : `cannot read the file: ${reason}`,
  };
}

/** No header and no rows (nothing, only blank lines, or only a byte-order mark). */
export function emptyFileIssue(fileLabel: string): Issue {
  return { code: 'empty-file', file: fileLabel, line: 0, column: '', message: 'the file is empty: expected a header line and data rows' };
}

/** A header and no data rows. */
export function headerOnlyIssue(fileLabel: string): Issue {
  return { code: 'header-only', file: fileLabel, line: 0, column: '', message: 'the file has a header but no data rows' };
}

/** UTF-16 text (a spreadsheet's "Unicode text" export); only UTF-8 is read. */
export function utf16Issue(fileLabel: string): Issue {
  return {
    code: 'unsupported',
    file: fileLabel,
    line: 0,
    column: '',
    message: 'the file is UTF-16 encoded; save it as CSV UTF-8',
  };
}
