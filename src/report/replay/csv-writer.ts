// `--format csv` for replay: per event, account and mode one row for the account (empty
// positionId) and one per position. RFC 4180 quoting, LF line endings, numbers in full
// precision, ISO-8601 UTC times, empty cells where a figure does not apply. On every row of an
// account: `saferInEvent` (the mode that lost less in this event: isolated, cross or tie) and
// `verdict` (over all its events: isolated, cross, tie or depends).

import { MODE_NAMES } from '../../margin/evaluation.js';
import { formatTimestampMs } from '../../scenarios/text/parse-timestamp.js';
import type { ScenarioReplay } from '../../results/shock-results.js';
import { csvLine, csvNumberCell, csvTextCell } from '../format/csv-cell.js';
import { assertAllFinite } from '../format/find-non-finite.js';
import { liquidationWindow, type ReplayDocument } from './replay-document.js';
import { replayVerdicts } from './replay-verdicts.js';

/** Header of the replay CSV, in column order. */
const REPLAY_CSV_COLUMNS = [
  'event',
  'account',
  'mode',
  'positionId',
  'symbol',
  'side',
  'asset',
  'liquidated',
  'liquidatedAt',
  'liquidatedBy',
  'loss',
  'badDebt',
  'minEquity',
  'victim',
  'rescue',
  'saferInEvent',
  'verdict',
] as const;

function timeCells(replay: ScenarioReplay, step: number | null): string[] {
  const window = liquidationWindow(replay, step);
  return window === null ? ['', ''] : [formatTimestampMs(window.at), formatTimestampMs(window.by)];
}

export function replayCsv(document: ReplayDocument): string {
  const lines: string[] = [REPLAY_CSV_COLUMNS.join(',')];
  const verdicts = new Map(replayVerdicts(document).map((v) => [v.account, v.verdict]));
  for (const event of document.events) {
    for (const { account, positions, replay } of event.accounts) {
      const verdict = verdicts.get(account)!;
      const inEvent = verdict.lenses.find((l) => l.event === event.info.event)?.safer ?? '';
      const tail = [csvTextCell(inEvent), csvTextCell(verdict.safer)];
      assertAllFinite(replay.modes, `account ${JSON.stringify(account)}`);
      const victims = new Set(replay.contagion.victims.map((v) => v.positionId));
      const rescues = new Set(replay.contagion.rescues.map((r) => r.positionId));
      const head = [csvTextCell(event.info.event), csvTextCell(account)];
      for (const name of MODE_NAMES) {
        const m = replay.modes[name];
        lines.push(
          csvLine([...head, csvTextCell(name), '', '', '', csvTextCell(m.asset), String(m.liquidated), ...timeCells(replay, m.liquidatedStep), csvNumberCell(m.loss), csvNumberCell(m.badDebt), csvNumberCell(m.minEquity), '', '', ...tail]),
        );
        m.positions.forEach((p, j) => {
          const contagion = name === 'cross' ? [String(victims.has(p.positionId)), String(rescues.has(p.positionId))] : ['', ''];
          lines.push(
            csvLine([
              ...head, csvTextCell(name), csvTextCell(p.positionId), csvTextCell(p.symbol), csvTextCell(positions[j]!.side), csvTextCell(p.asset),
              String(p.liquidated), ...timeCells(replay, p.liquidatedStep), csvNumberCell(p.loss), '', '', ...contagion, ...tail,
            ]),
          );
        });
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
