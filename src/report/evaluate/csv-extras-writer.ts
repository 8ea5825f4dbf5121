// `evaluate --format csv` with extras: the rows of csv-evaluate-writer.ts (one per position per
// mode, same columns in the same order) with columns added at the end for what the options
// asked for:
//   venueLiquidationPrice   (venue exports)  the venue's own figure, `exported` rows only; `none`
//                                            when the venue says there is none
//   stressPrice, stressMove, stressCrossLiquidated, stressVictims,
//   stressCrossLiquidationPrice, stressCrossMove, stressVictimsAtCrossLiquidation   (--stress)
//                                            the position's stress (see stress-account.ts); ids
//                                            separated by spaces
//   book                    (--what-if, --transfer)  `as-is`, or `what-if` for the rows of the
//                                            changed book, written after the account's own rows
// Without any of these the output is exactly the plain writer's.

import type { AccountStress, StressEntry } from '../../contagion/stress-account.js';
import { MODE_NAMES, type AccountEvaluation, type PositionEvaluation } from '../../margin/evaluation.js';
import { csvLine, csvNumberCell, csvTextCell } from '../format/csv-cell.js';
import { EVALUATE_CSV_COLUMNS, createCsvEvaluateWriter, positionCsvCells } from './csv-writer.js';
import type { AccountExtras, EvaluateExtrasWriter, ExtrasInputs } from './evaluate-extras.js';
import { assertAllFinite } from '../format/find-non-finite.js';

const VENUE_COLUMNS = ['venueLiquidationPrice'] as const;
const STRESS_COLUMNS = [
  'stressPrice',
  'stressMove',
  'stressCrossLiquidated',
  'stressVictims',
  'stressCrossLiquidationPrice',
  'stressCrossMove',
  'stressVictimsAtCrossLiquidation',
] as const;
const BOOK_COLUMNS = ['book'] as const;

function stressCells(entry: StressEntry | undefined): string[] {
  if (entry === undefined) return STRESS_COLUMNS.map(() => '');
  const ids = (entries: readonly { positionId: string }[]): string => csvTextCell(entries.map((e) => e.positionId).join(' '));
  return [
    csvNumberCell(entry.price),
    csvNumberCell(entry.move),
    entry.price === null ? '' : String(entry.crossLiquidated),
    ids(entry.victims),
    csvNumberCell(entry.crossLiquidationPrice),
    csvNumberCell(entry.crossMove),
    ids(entry.victimsAtCrossLiquidation),
  ];
}

/** Which groups of columns are written (fixed at `begin`, from the options). */
interface Columns {
  readonly venue: boolean;
  readonly stress: boolean;
  readonly book: boolean;
}

function rows(evaluation: AccountEvaluation, extras: AccountExtras, columns: Columns, book: 'as-is' | 'what-if', stress: AccountStress | undefined): string[] {
  assertAllFinite(evaluation.modes, `account ${JSON.stringify(evaluation.account)}`);
  const stressById = new Map((stress?.stress ?? []).map((entry) => [entry.shockedPositionId, entry]));
  const lines: string[] = [];
  for (const mode of MODE_NAMES) {
    for (const p of evaluation.modes[mode].positions) {
      const cells = positionCsvCells(evaluation, mode, p);
      if (columns.venue) {
        const venue = mode === 'exported' && book === 'as-is' ? (extras.venueLiquidationPrices?.get(p.positionId) ?? null) : null;
        cells.push(venue === 'none' ? 'none' : csvNumberCell(venue));
      }
      if (columns.stress) cells.push(...stressCells(stressById.get(p.positionId)));
      if (columns.book) cells.push(book);
      lines.push(csvLine(cells));
    }
  }
  return lines;
}

/** The plain CSV writer when no extra column applies; else its rows with the extra columns. */
export function createCsvExtrasWriter(): EvaluateExtrasWriter {
  const plain = createCsvEvaluateWriter();
  let columns: Columns = { venue: false, stress: false, book: false };
  const extended = (): boolean => columns.venue || columns.stress || columns.book;
  return {
    begin(inputs, extras: ExtrasInputs): string {
      columns = { venue: extras.venueReported, stress: extras.stress, book: extras.changes };
      if (!extended()) return plain.begin(inputs);
      const header = [
        ...EVALUATE_CSV_COLUMNS,
        ...(columns.venue ? VENUE_COLUMNS : []),
        ...(columns.stress ? STRESS_COLUMNS : []),
        ...(columns.book ? BOOK_COLUMNS : []),
      ];
      return `${csvLine(header)}\n`;
    },
    account(evaluation, extras): string {
      if (!extended()) return plain.account(evaluation);
      const lines = rows(evaluation, extras, columns, 'as-is', extras.stress);
      const after = extras.whatIf?.comparison.after;
      if (after !== undefined && after !== null) lines.push(...rows(after, extras, columns, 'what-if', undefined));
      return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
    },
    end: (summary) => plain.end(summary),
  };
}
