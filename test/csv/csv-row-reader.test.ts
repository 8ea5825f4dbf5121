// The streaming record splitter: line numbers, line breaks, blank lines, quoting, delimiter
// detection, and a differential check of the hand-written quote-free fast path against
// csv-parse on random files cut into random chunks.

import { parse as parseCsvSync } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvRecordReader } from '../../src/csv/csv-record-reader.js';
import { CsvRowReader } from '../../src/csv/csv-row-reader.js';
import type { CsvRow } from '../../src/csv/csv-row.js';
import type { CsvDelimiter } from '../../src/csv/detect-delimiter.js';
import type { Issue } from '../../src/domain/issue.js';

interface Split {
  records: { line: number; fields: string[] }[];
  problems: Issue[];
  delimiter: CsvDelimiter | undefined;
  /** Records that went through the hand-written split (no quote on their line). */
  fastRecords: number;
}

function split(pieces: readonly string[], delimiter?: CsvDelimiter, maxRecordChars?: number): Split {
  const out: Split = { records: [], problems: [], delimiter: undefined, fastRecords: 0 };
  const reader = new CsvRecordReader(
    {
      record(fields, line) {
        out.records.push({ line, fields });
        return true;
      },
      problem(issue) {
        out.problems.push(issue);
      },
    },
    'f.csv',
    { delimiter, maxRecordChars },
  );
  for (const piece of pieces) reader.push(piece);
  reader.end();
  // The same input through the row reader, which counts the records its fast path split.
  const rowReader = new CsvRowReader(
    {
      record(row: CsvRow) {
        expect(row.cells()).toEqual(out.records[seen++]!.fields);
        return true;
      },
      problem() {},
    },
    'f.csv',
    { delimiter, maxRecordChars },
  );
  let seen = 0;
  for (const piece of pieces) rowReader.push(piece);
  rowReader.end();
  out.delimiter = rowReader.delimiter;
  out.fastRecords = rowReader.fastPathRecords;
  return out;
}

describe('CsvRowReader: lines and breaks', () => {
  it('numbers records by physical line, counting blank lines, and skips blank and all-empty records', () => {
    const { records } = split(['a,b\n\n1,2\n   \n,,\n3,4\n']);
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['1', '2'] },
      { line: 6, fields: ['3', '4'] },
    ]);
  });

  it('drops the CR of CRLF, keeps a bare CR as data, and reads a last line without a break', () => {
    expect(split(['a,b\r\n1,2\r\n3,x\ry']).records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      { line: 3, fields: ['3', 'x\ry'] },
    ]);
  });

  it('gives a record spanning lines the line it starts on, and counts its lines for the next record', () => {
    const { records } = split(['id,note\r\n1,"two\r\nlines, ""quoted"""\r\n2,plain\r\n']);
    expect(records).toEqual([
      { line: 1, fields: ['id', 'note'] },
      { line: 2, fields: ['1', 'two\r\nlines, "quoted"'] },
      { line: 4, fields: ['2', 'plain'] },
    ]);
  });

  it('reads a line split across chunks at any point, including between CR and LF', () => {
    const text = 'symbol;size\r\nBTCUSDT;1\r\n"ETH;USDT";2\r\n';
    const whole = split([text]).records;
    for (let cut = 0; cut <= text.length; cut++) {
      expect(split([text.slice(0, cut), text.slice(cut)]).records).toEqual(whole);
    }
  });
});

describe('CsvRowReader: delimiter', () => {
  it.each([
    ['symbol,size,entry_price', ','],
    ['symbol;size;entry_price', ';'],
    ['symbol\tsize\tentry_price', '\t'],
    ['"a;b",c', ','],
    ['symbol', ','],
  ] as const)('detects %j as %j from the header line', (header, expected) => {
    expect(split([`${header}\n`]).delimiter).toBe(expected);
  });

  it('detects from the first non-blank line, not from a line of empty fields before it', () => {
    const { records, delimiter } = split([';;;\nsymbol,size\nBTC,1\n']);
    expect(delimiter).toBe(',');
    expect(records[0]).toEqual({ line: 2, fields: ['symbol', 'size'] });
    const quoted = split(['"",""\n\nsymbol;size\nBTC;1\n']);
    expect(quoted.delimiter).toBe(';');
    expect(quoted.records).toEqual([
      { line: 3, fields: ['symbol', 'size'] },
      { line: 4, fields: ['BTC', '1'] },
    ]);
  });

  it('takes the delimiter from an Excel `sep=` line before the header, and skips that line', () => {
    const { records, delimiter } = split(['sep=;\r\nsymbol;size\r\nBTC;1,5\r\n']);
    expect(delimiter).toBe(';');
    expect(records).toEqual([
      { line: 2, fields: ['symbol', 'size'] },
      { line: 3, fields: ['BTC', '1,5'] },
    ]);
  });

  it('uses a given delimiter over detection', () => {
    expect(split(['a;b,c\n1;2,3\n'], ',').records[1]!.fields).toEqual(['1;2', '3']);
  });
});

describe('CsvRowReader: malformed input', () => {
  it('reports an unterminated quote at the line it opens, at end of file', () => {
    const { records, problems } = split(['a,b\n1,"open\nmore\n']);
    expect(records).toEqual([{ line: 1, fields: ['a', 'b'] }]);
    expect(problems).toMatchObject([{ code: 'malformed-csv', line: 2, message: 'unterminated quoted field: a double quote opened here is never closed', value: '1,"open' }]);
  });

  it('reports text after a closing quote and goes on', () => {
    const { records, problems } = split(['a,b\n"x"y,1\n2,3\n']);
    expect(records.map((r) => r.line)).toEqual([1, 3]);
    expect(problems).toMatchObject([{ line: 2, message: 'text after the closing quote of a quoted field' }]);
  });

  it('stops with one issue when a record exceeds the size limit', () => {
    const { problems } = split(['a,b\n1,"', 'x'.repeat(100), '\n', 'y'.repeat(100)], undefined, 150);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 2, message: 'record longer than 150 characters (an unclosed quote, or not a CSV file); reading stopped' });
  });

  it('stops when the header itself is malformed (no row can be read without it)', () => {
    const { records, problems } = split(['a,b"c\n1,2\n']);
    expect(records).toEqual([]);
    expect(problems).toHaveLength(1);
  });
});

/** Serialise `records` as CSV: quote fields that need it (and some that do not), random breaks. */
function serialise(records: string[][], delimiter: CsvDelimiter, quoteAll: boolean[], breaks: string[], blanks: number[]): { text: string; lines: number[] } {
  let text = '';
  const lines: number[] = [];
  let line = 1;
  records.forEach((fields, r) => {
    for (let b = 0; b < blanks[r]!; b++) {
      text += breaks[r]!;
      line++;
    }
    lines.push(line);
    const cells = fields.map((f) =>
      quoteAll[r] || f.includes(delimiter) || f.includes('"') || f.includes('\n') || f.includes('\r') ? `"${f.replaceAll('"', '""')}"` : f,
    );
    const body = cells.join(delimiter);
    text += body + breaks[r]!;
    line += (body.match(/\n/g)?.length ?? 0) + 1;
  });
  return { text, lines };
}

function isBlankRecord(fields: readonly string[]): boolean {
  return fields.every((f) => f.trim() === '');
}

describe('CsvRowReader: differential check against csv-parse', () => {
  it('gives csv-parse’s fields and the true start line for random files fed in random chunks', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'B', '1', '.', ' ', ',', ';', '\t', '"', '\n', '\r\n', '-'), maxLength: 6 });
    fc.assert(
      fc.property(
        fc.constantFrom<CsvDelimiter>(',', ';', '\t'),
        fc.array(fc.tuple(fc.array(cell, { minLength: 1, maxLength: 5 }), fc.boolean(), fc.constantFrom('\n', '\r\n'), fc.nat(2)), { minLength: 1, maxLength: 12 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 8 }),
        (delimiter, spec, cuts) => {
          const records = spec.map((s) => s[0]);
          const { text, lines } = serialise(records, delimiter, spec.map((s) => s[1]), spec.map((s) => s[2]), spec.map((s) => s[3]));
          const pieces: string[] = [];
          for (let i = 0, k = 0; i < text.length; k++) {
            const n = cuts[k % cuts.length]!;
            pieces.push(text.slice(i, i + n));
            i += n;
          }
          const expected = records.map((fields, r) => ({ line: lines[r]!, fields })).filter((r) => !isBlankRecord(r.fields));
          const reference = (parseCsvSync(text, { delimiter, record_delimiter: ['\r\n', '\n'], relax_column_count: true, skip_empty_lines: true }) as string[][]).filter(
            (fields) => !isBlankRecord(fields),
          );
          const got = split(pieces, delimiter);
          expect(got.problems).toEqual([]);
          const quoteFree = expected.filter((r) => !text.split(/\r?\n/)[r.line - 1]!.includes('"')).length;
          expect(got.fastRecords).toBe(quoteFree);
          expect(got.records).toEqual(expected);
          expect(got.records.map((r) => r.fields)).toEqual(reference);
        },
      ),
      { numRuns: 250 },
    );
  });

  it('takes the fast path for quote-free lines (and only for them)', () => {
    const text = 'a,b\n1,2\n"3",4\n5,6\n7,"8\n9"\n';
    const got = split([text]);
    expect(got.records).toHaveLength(5);
    expect(got.fastRecords).toBe(3);
  });
});
