// The extras of one account as blocks of a text document, in reading order — venue check,
// stress, what-if, shocks — each a title, a table or a list. The terminal table and the Markdown output
// render the same blocks, so they always agree (as account-view.ts does for the evaluation).

import type { AccountEvaluation } from '../../margin/evaluation.js';
import type { TableView } from '../format/table-view.js';
import type { AccountExtras } from './evaluate-document.js';
import { STRESS_HEADING, stressSentences } from './stress-sentences.js';
import { SHOCK_NOTE, shockSummaryView, shockTitle } from './shock-view.js';
import { venueCheckView } from './venue-check-view.js';
import { whatIfHeadline, whatIfPositionsView, whatIfSummaryView } from './what-if-view.js';

export type TextBlock =
  | { readonly kind: 'title'; readonly text: string }
  | { readonly kind: 'table'; readonly view: TableView }
  | { readonly kind: 'list'; readonly items: readonly string[] }
  | { readonly kind: 'note'; readonly text: string };

/** The blocks of an account's extras; empty when there are none. */
export function extrasTextBlocks(evaluation: AccountEvaluation, extras: AccountExtras): TextBlock[] {
  const blocks: TextBlock[] = [];
  if (extras.venueLiquidationPrices !== undefined) {
    const view = venueCheckView(evaluation, extras.venueLiquidationPrices);
    if (view !== null) blocks.push({ kind: 'title', text: "Liquidation prices as held: ours and the venue's" }, { kind: 'table', view });
  }
  if (extras.stress !== undefined) {
    const sentences = stressSentences(extras.stress, evaluation);
    blocks.push({ kind: 'title', text: STRESS_HEADING });
    blocks.push(sentences.length === 0 ? { kind: 'note', text: 'No open positions to stress.' } : { kind: 'list', items: sentences });
  }
  if (extras.whatIf !== undefined) {
    blocks.push({ kind: 'title', text: whatIfHeadline(extras.whatIf) });
    const summary = whatIfSummaryView(extras.whatIf);
    if (summary !== null) blocks.push({ kind: 'table', view: summary });
    const positions = whatIfPositionsView(extras.whatIf);
    blocks.push(positions === null ? { kind: 'note', text: 'No liquidation price moved.' } : { kind: 'table', view: positions });
  }
  if (extras.shocks !== undefined && extras.shocks.length > 0) {
    for (const shock of extras.shocks) blocks.push({ kind: 'title', text: shockTitle(shock) }, { kind: 'table', view: shockSummaryView(shock, evaluation.account) });
    blocks.push({ kind: 'note', text: SHOCK_NOTE });
  }
  return blocks;
}
