// `--shock-file FILE`: named scenarios, one asset's move per row, as CSV with a header
//   scenario,asset,move
//   crash,BTC,-20%
//   crash,*,-35%
//   alt-season,ETH,+25%
// (`name` is accepted for `scenario`; the delimiter is detected). Rows of one scenario need not
// be adjacent; scenarios come in the order they first appear. Every bad row is a located Issue
// (file, line, column, value); the text is given by the caller, never a path.

import type { Issue } from '../../domain/issue.js';
import { columnIndex, parseDelimitedTable } from '../text/delimited-table.js';
import { addMove, shockAsset, shockMoveValue } from './parse-shock-text.js';
import type { AssetMove, ShockScenario } from './shock-scenario.js';

/** The scenarios of a shock file, with every problem located. */
export function parseShockFile(text: string, file: string): { scenarios: ShockScenario[]; issues: Issue[] } {
  const { table, issues } = parseDelimitedTable(text, file);
  if (issues.length > 0) return { scenarios: [], issues };
  if (table === null) return { scenarios: [], issues: [{ code: 'empty-file', file, line: 0, column: '', message: 'the shock file is empty: expected a header scenario,asset,move' }] };
  const columns = { scenario: columnIndex(table, 'scenario', 'name'), asset: columnIndex(table, 'asset', 'symbol'), move: columnIndex(table, 'move', 'change') };
  for (const [name, k] of Object.entries(columns)) {
    if (k < 0) issues.push({ code: 'missing-column', file, line: 1, column: name, message: `no ${name} column: expected a header scenario,asset,move` });
  }
  if (issues.length > 0) return { scenarios: [], issues };
  if (table.rows.length === 0) return { scenarios: [], issues: [{ code: 'header-only', file, line: 1, column: '', message: 'the shock file has a header but no scenario' }] };
  const built = new Map<string, { moves: AssetMove[]; others: { move: number | null } }>();
  for (const row of table.rows) {
    const field = (k: number): string => (row.fields[k] ?? '').trim();
    const name = field(columns.scenario);
    const at = (column: string, code: Issue['code'], message: string, value: string): void => {
      issues.push({ code, file, line: row.line, column, message, value });
    };
    if (name === '') {
      at('scenario', 'missing-value', 'the scenario has no name', name);
      continue;
    }
    const asset = shockAsset(field(columns.asset));
    if (!asset.ok) {
      at('asset', field(columns.asset) === '' ? 'missing-value' : 'unknown-value', asset.error, field(columns.asset));
      continue;
    }
    const move = shockMoveValue(field(columns.move));
    if (!move.ok) {
      at('move', 'not-a-number', move.error, field(columns.move));
      continue;
    }
    let scenario = built.get(name);
    if (scenario === undefined) built.set(name, (scenario = { moves: [], others: { move: null } }));
    const duplicate = addMove(scenario.moves, scenario.others, asset.value, move.value, row.line);
    if (duplicate !== null) at('asset', 'duplicate-id', `scenario ${JSON.stringify(name)}: ${duplicate}`, field(columns.asset));
  }
  const scenarios = [...built].map(([name, s]) => ({ name, moves: s.moves, otherAssets: s.others.move, source: file }));
  return { scenarios, issues };
}
