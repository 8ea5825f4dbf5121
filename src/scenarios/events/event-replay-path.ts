// Rebases a historical event to today's marks for a book's assets: the replay of "that crash,
// starting now".

import type { Issue } from '../../domain/issue.js';
import type { HistoricalEvent } from './historical-event.js';
import { isIssue, resolveEventPath, type ProxyOptions } from './proxy-rule.js';
import { enforceRangeInvariant, type ReplayAssetSource, type ReplayPricePath } from './replay-path.js';

interface EventReplayOptions extends ProxyOptions {
  /**
   * Step length in minutes: a multiple of every used bar length. Default: the coarsest bar length
   * among the assets' series (30 when all use 30-minute bars, else 60 in the shipped library).
   */
  readonly stepMinutes?: number;
}

/**
 * The event's paths for `assets`, each rebased to its mark: price = ratio × mark, so every path
 * starts at the asset's current mark and moves by the event's relative moves. Each asset's series
 * is chosen by `resolveEventPath` (own, alias, stable, or proxy — flagged in `sources`).
 *
 * Finer bars are aggregated exactly to the step (open of the first, max high, min low, close of
 * the last); nothing is interpolated. Unknown assets become issues and the path is null.
 */
export function eventReplayPath(
  event: HistoricalEvent,
  assets: readonly string[],
  marks: readonly number[],
  options: EventReplayOptions = {},
): { path: ReplayPricePath | null; issues: Issue[] } {
  const issues: Issue[] = [];
  const n = assets.length;
  if (marks.length !== n) throw new Error(`eventReplayPath: ${marks.length} marks for ${n} assets`);
  const available = [...event.bars.keys()];
  const sources: ReplayAssetSource[] = [];
  for (const asset of assets) {
    const resolved = resolveEventPath(asset, available, event.entry.name, options);
    if (isIssue(resolved)) issues.push(resolved);
    else sources.push(resolved);
  }
  marks.forEach((m, a) => {
    if (!(m > 0) || !Number.isFinite(m)) {
      issues.push({ code: 'not-positive', file: '--event', line: 0, column: 'mark_price', message: `the mark of ${assets[a]!} must be > 0 to rebase a replay`, value: String(m) });
    }
  });
  if (issues.length > 0) return { path: null, issues };

  const used = sources.map((s) => (s.series === null ? undefined : event.bars.get(s.series)));
  const coarsest = Math.max(...used.map((b) => b?.barMinutes ?? 0));
  const stepMinutes = options.stepMinutes ?? (coarsest > 0 ? coarsest : 60);
  for (const bars of used) {
    if (bars !== undefined && stepMinutes % bars.barMinutes !== 0) {
      issues.push({ code: 'out-of-range', file: '--event', line: 0, column: '', message: `the step of ${stepMinutes} minutes is not a multiple of ${bars.symbol}'s ${bars.barMinutes}-minute bars`, value: String(stepMinutes) });
    }
  }
  const windowMinutes = (event.entry.endMs - event.entry.startMs) / 60_000;
  if (windowMinutes % stepMinutes !== 0) {
    issues.push({ code: 'out-of-range', file: '--event', line: 0, column: '', message: `the step of ${stepMinutes} minutes does not divide the event window of ${windowMinutes} minutes`, value: String(stepMinutes) });
  }
  if (issues.length > 0) return { path: null, issues };

  const nSteps = windowMinutes / stepMinutes;
  const markArray = Float64Array.from(marks);
  const close = new Float64Array(nSteps * n);
  const high = new Float64Array(nSteps * n);
  const low = new Float64Array(nSteps * n);
  const stepEndMs = new Float64Array(nSteps);
  for (let step = 0; step < nSteps; step++) stepEndMs[step] = event.entry.startMs + (step + 1) * stepMinutes * 60_000;
  for (let a = 0; a < n; a++) {
    const mark = markArray[a]!;
    const bars = used[a];
    for (let step = 0; step < nSteps; step++) {
      const k = step * n + a;
      if (bars === undefined) {
        close[k] = high[k] = low[k] = mark;
        continue;
      }
      const perStep = stepMinutes / bars.barMinutes;
      let h = -Infinity;
      let l = Infinity;
      for (let j = step * perStep; j < (step + 1) * perStep; j++) {
        h = Math.max(h, bars.high[j]!);
        l = Math.min(l, bars.low[j]!);
      }
      close[k] = bars.close[(step + 1) * perStep - 1]! * mark;
      high[k] = h * mark;
      low[k] = l * mark;
    }
  }
  enforceRangeInvariant(n, nSteps, markArray, close, high, low);
  return {
    path: { name: event.entry.name, startMs: event.entry.startMs, endMs: event.entry.endMs, assets: [...assets], sources, marks: markArray, nSteps, stepEndMs, close, high, low },
    issues,
  };
}
