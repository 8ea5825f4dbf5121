// The words positions.csv accepts in its side, margin_mode and instrument cells, in any case and
// with spaces around: `long`/`buy`, `short`/`sell`, `both` (Binance one-way mode); `cross`
// (also `crossed`), `isolated`; `linear`, `inverse`. The row parser compares the usual exact
// spellings in place first and comes here only for the rest.

import type { InstrumentKind, MarginMode } from '../domain/position.js';

/** +1 long, -1 short, 0 not given (blank, or Binance `BOTH`: the size's sign decides), NaN unknown. */
export function sideCode(cell: string): number {
  switch (cell.trim().toLowerCase()) {
    case 'long':
    case 'buy':
      return 1;
    case 'short':
    case 'sell':
      return -1;
    case '':
    case 'both':
      return 0;
  }
  return NaN;
}

/** `cross` (also `crossed`) or `isolated` in any case; '' for blank; null when unknown. */
export function marginModeOfCell(cell: string): MarginMode | '' | null {
  switch (cell.trim().toLowerCase()) {
    case 'cross':
    case 'crossed':
      return 'cross';
    case 'isolated':
      return 'isolated';
    case '':
      return '';
  }
  return null;
}

/** `linear` or `inverse` in any case; '' for blank; null when unknown. */
export function instrumentOfCell(cell: string): InstrumentKind | '' | null {
  switch (cell.trim().toLowerCase()) {
    case 'linear':
      return 'linear';
    case 'inverse':
      return 'inverse';
    case '':
      return '';
  }
  return null;
}
