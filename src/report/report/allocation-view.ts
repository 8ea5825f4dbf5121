// The allocation behind the `isolated` mode as a table (the contract asks it be shown): the
// margin each position had as exported, the margin it holds when every position is isolated,
// the margin that keeps it above maintenance at the marks (what it gets first), whether it stands,
// the policy that sized the rest and any pro-rata scale-down.

import type { AccountEvaluation } from '../../margin/evaluation.js';
import type { TableView, ViewCell } from '../format/table-view.js';
import { MISSING_VALUE, formatMoney } from '../format/number-format.js';

function cell(text: string, tone: ViewCell['tone'] = 'plain'): ViewCell {
  return { text, tone };
}

/** One row per allocation entry, in the evaluation's order. */
export function allocationView(evaluation: AccountEvaluation): TableView {
  return {
    header: ['Position', 'Asset', 'Margin as exported', 'Margin when isolated', 'Keeps it above maintenance', 'Stands', 'Sized by', 'Scale'],
    align: ['left', 'left', 'right', 'right', 'right', 'left', 'left', 'right'],
    rows: evaluation.allocation.map((a) => [
      cell(a.positionId),
      cell(a.asset),
      cell(a.exportedMargin === null ? `${MISSING_VALUE} (cross)` : formatMoney(a.exportedMargin, a.asset)),
      cell(formatMoney(a.margin, a.asset)),
      cell(formatMoney(a.maintenanceFloor, a.asset)),
      cell(a.standing ? 'yes' : 'no: liquidatable at once', a.standing ? 'plain' : 'warning'),
      cell(a.policy),
      cell(a.scale === 1 ? '1' : a.scale.toFixed(4), a.scale < 1 ? 'warning' : 'plain'),
    ]),
  };
}
