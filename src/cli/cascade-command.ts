// `marginscope cascade`: reads the book files, the crowd, the depths and the fund, runs the
// cascade flow (a replay with --event/--prices, else Monte Carlo) and writes the document.
// Input problems (a symbol with no depth, a negative fund, a crowd in another settlement asset)
// are one located line each, exit 1, nothing written. Monte Carlo shows a progress line.

import { parseDepthCsv, parseDepthEntry } from '../cascade/depth-table.js';
import type { MarketDepth } from '../cascade/cascade-market.js';
import type { Balance } from '../domain/balance.js';
import type { Issue } from '../domain/issue.js';
import { runCascade, type CascadeRequest, type CascadeScenarios } from '../flows/cascade.js';
import { readBalancesCsv } from '../import/index.js';
import { writeCascadeReport, type CascadeReportInputs } from '../report/cascade/formats.js';
import { openBookInputs, openSink, printIssues, printRunNotes } from './book-inputs.js';
import { SILENT_PROGRESS, terminalProgress, type Progress } from './progress.js';
import type { CascadeOptions } from './cascade-options.js';
import type { CliStreams } from './cli-streams.js';
import type { CommonOptions } from './command-options.js';
import { EXIT_INPUT_PROBLEMS, EXIT_OK, type ExitCode } from './exit-codes.js';
import { checkInputFile, inputLabel, openChunks, readInputText, type StreamCounts } from './input-files.js';
import { loadReplaySettings } from './replay-inputs.js';
import { loadSimulationSettings } from './shock-inputs.js';
import type { ShockOptions } from './shock-options.js';

const COMMAND = 'cascade';

/** `--depth` values: SYMBOL=AMOUNT entries, anything else a file. */
async function readDepth(entries: readonly string[], issues: Issue[]): Promise<{ depth: Map<string, MarketDepth>; label: string }> {
  const depth = new Map<string, MarketDepth>();
  let label = '--depth';
  for (const entry of entries) {
    if (/^[^=/\\]+=/.test(entry)) parseDepthEntry(entry, depth, issues);
    else {
      const text = await readInputText(entry, issues);
      if (text !== null) parseDepthCsv(text, entry, depth, issues);
      label = entry;
    }
  }
  return { depth, label };
}

/** `--insurance-fund` amounts: a number >= 0 each, else an Issue naming the asset. */
function insuranceFund(options: CascadeOptions, issues: Issue[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const [asset, text] of options.insuranceFund) {
    const value = Number(text.replace(/_/g, ''));
    if (!(value >= 0) || !Number.isFinite(value)) {
      issues.push({ code: 'negative', file: '--insurance-fund', line: 0, column: asset, message: 'the insurance fund must be an amount >= 0', value: text });
      continue;
    }
    out.set(asset, value);
  }
  return out;
}

async function crowdBalances(path: string | null, options: CommonOptions, issues: Issue[]): Promise<Balance[]> {
  if (path === null) return [];
  const text = await readInputText(path, issues);
  if (text === null) return [];
  const { balances, issues: found } = await readBalancesCsv((async function* () {
    yield text;
  })(), path, options.delimiter === null ? {} : { delimiter: options.delimiter });
  issues.push(...found);
  return balances;
}

/** The request of `cascade` (also `report --crowd/--depth`), or null with Issues in `issues`. */
export async function buildCascadeRequest(
  options: CommonOptions,
  shock: ShockOptions,
  cascade: CascadeOptions,
  io: CliStreams,
  issues: Issue[],
): Promise<{ request: CascadeRequest; simulation: CascadeReportInputs['simulation']; depth: Map<string, MarketDepth>; counts: StreamCounts } | null> {
  const inputs = await openBookInputs(options, [cascade.crowd, cascade.crowdBalances, shock.prices], io, issues, () => undefined);
  if (inputs === null) return null;
  const { depth, label } = await readDepth(cascade.depth, issues);
  const fund = insuranceFund(cascade, issues);
  const balances = await crowdBalances(cascade.crowdBalances, options, issues);
  let crowd: CascadeRequest['crowd'] = null;
  if (cascade.crowd !== null) {
    const checked = await checkInputFile(cascade.crowd);
    if ('issue' in checked) issues.push(checked.issue);
    else crowd = { chunks: openChunks(checked.file, io.stdin), label: inputLabel(checked.file), balances };
  }
  let scenarios: CascadeScenarios | null = null;
  let simulation: CascadeReportInputs['simulation'] = null;
  if (cascade.kind === 'replay') {
    const settings = await loadReplaySettings(shock, COMMAND, issues);
    if (settings !== null) scenarios = { kind: 'replay', scenarios: settings.scenarios, proxyAsset: settings.proxyAsset ?? null };
  } else {
    const loaded = await loadSimulationSettings(shock, COMMAND, options.delimiter ?? undefined, issues);
    if (loaded !== null) {
      scenarios = { kind: 'monte-carlo', settings: loaded.settings };
      simulation = { paths: shock.paths, horizon: shock.horizon, steps: shock.steps, seed: shock.seed, model: shock.model };
    }
  }
  if (issues.length > 0 || scenarios === null) return null;
  const request: CascadeRequest = {
    ...inputs.request,
    crowd,
    market: { depth, depthLabel: label, insuranceFund: fund, resilienceHalfLifeHours: cascade.resilienceHours },
    scenarios,
  };
  return { request, simulation, depth, counts: inputs.counts };
}

/** Runs `cascade` end to end; returns the exit code. */
export async function runCascadeCommand(options: CommonOptions, shock: ShockOptions, cascade: CascadeOptions, io: CliStreams): Promise<ExitCode> {
  const issues: Issue[] = [];
  const sink = await openSink(options, io);
  const fail = async (): Promise<ExitCode> => {
    await sink.abort();
    printIssues(issues, io);
    return EXIT_INPUT_PROBLEMS;
  };
  const built = await buildCascadeRequest(options, shock, cascade, io, issues);
  if (built === null) return fail();
  const { simulation, depth } = built;
  // Monte Carlo: one progress line over the paths (terminal only, not with --quiet).
  const progress: Progress = built.request.scenarios.kind === 'monte-carlo' && !options.quiet && io.stderr.isTTY === true ? terminalProgress(io.stderr, built.request.positions.label, built.counts, { verb: 'in the market' }) : SILENT_PROGRESS;
  const request: CascadeRequest = { ...built.request, onProgress: (done, total) => progress.paths('cascade', done, total) };
  let result: Awaited<ReturnType<typeof runCascade>>;
  try {
    result = await runCascade(request, issues);
  } finally {
    progress.finish();
  }
  if (result === null || issues.length > 0) return fail();
  const reportInputs: CascadeReportInputs = {
    venue: options.venue,
    files: { positions: options.positions, crowd: cascade.crowd, balances: options.balances, depth: cascade.depth.filter((d) => !d.includes('=')), prices: shock.prices },
    depth: [...depth].map(([symbol, d]) => ({ symbol, bid1pct: d.bid1pct, ask1pct: d.ask1pct })),
    resilienceHours: cascade.resilienceHours,
    simulation,
  };
  await sink.write(writeCascadeReport(options.format, result, reportInputs));
  await sink.commit();
  if (!options.quiet) for (const note of result.notes) io.stderr.write(`marginscope: note: ${note}\n`);
  printRunNotes(options, issues, io);
  return EXIT_OK;
}
