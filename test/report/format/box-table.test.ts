// The box-drawn terminal table: columns line up in terminal columns, whatever the characters.

import { describe, expect, it } from 'vitest';
import { drawBoxTable, type BoxCell } from '../../../src/report/format/box-table.js';
import { displayWidth } from '../../../src/report/format/display-width.js';

const plain = (text: string): BoxCell => ({ text, paint: (padded) => padded });

describe('drawBoxTable', () => {
  it('draws a header, a rule and aligned rows', () => {
    const text = drawBoxTable({
      header: [plain('Symbol'), plain('Size')],
      align: ['left', 'right'],
      rows: [[plain('BTCUSDT'), plain('1.5')], [plain('SOL'), plain('300')]],
    });
    expect(text).toBe(
      [
        '┌─────────┬──────┐',
        '│ Symbol  │ Size │',
        '├─────────┼──────┤',
        '│ BTCUSDT │  1.5 │',
        '│ SOL     │  300 │',
        '└─────────┴──────┘',
        '',
      ].join('\n'),
    );
  });

  it('measures wide characters in terminal columns and neutralises control characters', () => {
    const text = drawBoxTable({
      header: [plain('Account')],
      align: ['left'],
      rows: [[plain('台灣')], [plain('evil\u001b[2Jname')]],
    });
    const widths = text.trimEnd().split('\n').map(displayWidth);
    expect(new Set(widths).size).toBe(1);
    expect(text).not.toContain('\u001b');
  });

  it('paints after padding, so colour codes do not shift columns', () => {
    const red: BoxCell = { text: 'x', paint: (padded) => `\u001b[31m${padded}\u001b[0m` };
    const text = drawBoxTable({ header: [plain('Col')], align: ['left'], rows: [[red]] });
    expect(text.split('\n')[3]).toBe('│ \u001b[31mx  \u001b[0m │');
  });
});
