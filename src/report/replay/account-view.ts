// What a person reads about one account's replay of one event, as rows of formatted text: the
// three modes side by side (liquidated and when, loss, bad debt, lowest equity), each position's
// fate per mode, and the contagion of that path in plain words. The terminal table and the
// Markdown output both render this view; the event's header and proxy lines are shared too.

import { MODE_NAMES } from '../../margin/evaluation.js';
import type { ScenarioReplay } from '../../results/shock-results.js';
import type { TableView, Tone, ViewCell } from '../format/table-view.js';
import { formatMoney } from '../format/number-format.js';
import { liquidationWindow, proxyUses, stepMinutesOf, type ReplayAccountEntry, type ReplayEventEntry } from './replay-document.js';
import { NO_CONTAGION_TEXT, contagionSentences, positionNames } from '../simulate/contagion-text.js';

interface ReplayAccountView {
  readonly headline: string;
  readonly notes: readonly string[];
  readonly summary: TableView;
  readonly positions: TableView;
  readonly contagion: readonly string[];
}

function cell(text: string, tone: Tone = 'plain'): ViewCell {
  return { text, tone };
}

/** `2025-10-10 21:00Z` (seconds only when not zero). */
export function shortTimestamp(ms: number): string {
  const iso = new Date(ms).toISOString();
  const seconds = iso.slice(17, 19);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}${seconds === '00' ? '' : `:${seconds}`}Z`;
}

function liquidationText(replay: ScenarioReplay, step: number | null): ViewCell {
  const window = liquidationWindow(replay, step);
  if (window === null) return cell('no');
  return cell(step === 0 ? 'at the start' : shortTimestamp(window.at), 'danger');
}

/** The event's first lines: name, title, window, then each substitution in plain words. */
export function eventHeaderLines(entry: ReplayEventEntry): { title: string; proxies: string[] } {
  const { info } = entry;
  const title = `${info.event === 'prices' ? 'Your price paths' : `Event ${info.event}`}: ${info.title} (${shortTimestamp(info.startMs)} to ${shortTimestamp(info.endMs)})`;
  const proxies = proxyUses(entry).map((use) => {
    const who = `accounts ${use.accounts.join(', ')}`;
    if (use.kind === 'stable') return `${use.asset} has no path in this event: held flat at its mark as a USD stablecoin (${who})`;
    const why = use.kind === 'alias' ? `as a wrapped or staked form of ${use.series}` : `as a proxy: the event has no path of its own for ${use.asset}`;
    return `${use.asset} follows ${use.series}'s path ${why} (${who})`;
  });
  return { title, proxies };
}

/** The view of one account's replay. */
export function replayAccountView(entry: ReplayAccountEntry): ReplayAccountView {
  const { replay } = entry;
  const modes = MODE_NAMES.map((name) => replay.modes[name]);
  const asset = replay.modes.cross.asset;
  const minutes = stepMinutesOf(replay);
  const steps = replay.stepEndMs.length;
  const names = positionNames(entry.positions);
  const money = (label: string, pick: (m: (typeof modes)[number]) => number): ViewCell[] => [cell(`${label} (${asset})`), ...modes.map((m) => cell(formatMoney(pick(m), asset)))];
  const sentences = contagionSentences(replay.contagion, entry.positions, true);
  return {
    headline: `Account ${entry.account}: ${entry.positions.length} position${entry.positions.length === 1 ? '' : 's'}, ${steps} step${steps === 1 ? '' : 's'}${minutes === null ? '' : ` of ${minutes} min`}`,
    notes: entry.notes,
    summary: {
      header: ['Measure', ...MODE_NAMES],
      align: ['left', 'right', 'right', 'right'],
      rows: [
        [cell('First liquidation'), ...modes.map((m) => liquidationText(replay, m.liquidatedStep))],
        money('Loss', (m) => m.loss),
        money('Bad debt', (m) => m.badDebt),
        money('Lowest equity', (m) => m.minEquity),
      ],
    },
    positions: {
      header: ['Position', 'Asset', ...MODE_NAMES.map((m) => `Liquidated ${m}`), ...MODE_NAMES.map((m) => `Loss ${m}`)],
      align: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right'],
      rows: entry.positions.map((label, j) => {
        const perMode = modes.map((m) => m.positions[j]!);
        return [
          cell(names.get(label.positionId)!),
          cell(perMode[0]!.asset),
          ...perMode.map((p) => liquidationText(replay, p.liquidatedStep)),
          ...perMode.map((p) => cell(formatMoney(p.loss, p.asset))),
        ];
      }),
    },
    contagion: sentences.length === 0 ? [NO_CONTAGION_TEXT] : sentences,
  };
}

/** Read once under the tables. */
export const REPLAY_LEGEND: readonly string[] = [
  'Each path starts at today\'s marks and moves as the event did. Liquidation times are the start of the bar (step) it happened in; ' +
    'losses are positive (equity at the start minus equity at the end); bad debt is a liquidated pool\'s deficit beyond the liquidation fees its remaining margin could not pay (those are waived, not bad debt), borne by the venue.',
];
