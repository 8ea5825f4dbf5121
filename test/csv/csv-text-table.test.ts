// A whole CSV text read into header and rows: the same records and line numbers as the streamed
// reader, cells trimmed, the delimiter reported, and CSV problems located with the rows kept.

import { describe, expect, it } from 'vitest';
import { readCsvText } from '../../src/csv/csv-text-table.js';
import type { Issue } from '../../src/domain/issue.js';

describe('readCsvText', () => {
  it('gives the trimmed header and rows with their physical lines', () => {
    const issues: Issue[] = [];
    const table = readCsvText('\n a ; b \r\n1;2\n\n ;  \n3;"x\ny"\n', 'f.csv', issues);
    expect(issues).toEqual([]);
    expect(table).toEqual({
      header: ['a', 'b'],
      headerLine: 2,
      delimiter: ';',
      rows: [
        { line: 3, fields: ['1', '2'] },
        { line: 6, fields: ['3', 'x\ny'] },
      ],
    });
  });

  it('uses a given delimiter and honours a sep= line', () => {
    expect(readCsvText('a;b\n', 'f.csv', [], { delimiter: ',' })!.header).toEqual(['a;b']);
    expect(readCsvText('sep=;\na,b;c\n', 'f.csv', [])).toMatchObject({ header: ['a,b', 'c'], headerLine: 2, delimiter: ';' });
  });

  it('locates CSV problems and keeps the rows around them', () => {
    const issues: Issue[] = [];
    const table = readCsvText('a,b\n1,x"y\n2,3\n', 'f.csv', issues);
    expect(issues).toEqual([
      {
        code: 'malformed-csv',
        file: 'f.csv',
        line: 2,
        column: '',
        message: 'double quote inside an unquoted field (quote the whole field and double the quotes inside it)',
        value: '1,x"y',
      },
    ]);
    expect(table!.rows).toEqual([{ line: 3, fields: ['2', '3'] }]);
  });

  it('is null without a header record', () => {
    const issues: Issue[] = [];
    expect(readCsvText('', 'f.csv', issues)).toBeNull();
    expect(readCsvText(' \n,,\n', 'f.csv', issues)).toBeNull();
    expect(issues).toEqual([]);
    expect(readCsvText('"a,b\n', 'f.csv', issues)).toBeNull();
    expect(issues.map((i) => i.line)).toEqual([1]);
  });
});
