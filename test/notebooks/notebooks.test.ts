// The analyst notebooks in notebooks/ must keep working: each is checked as committed (format,
// Deno kernel, opening markdown, saved with its outputs: every cell run, no error, no paths of the
// machine), then its code cells, in order, are type-checked against the library's sources and run
// as one TypeScript module with Deno (read-only access to the repository) against the built
// library; a few of the figures it prints are compared, and the outputs of the run must equal the
// ones saved in the file (`npm run notebooks` saves them). Where Python's nbclient is installed,
// the notebooks are also executed in the real Deno Jupyter kernel.

import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../cli/run-cli.js';
import { notebookWithOutputs, outputsFromRecording, printedText, recordingModule, storedOutputs } from './notebook-outputs.js';
import {
  checkNotebookModule,
  findDenoBinary,
  findNbclientPython,
  NBCLIENT_SCRIPT,
  NOTEBOOKS_DIR,
  notebookCheckModule,
  machinePathsIn,
  notebookModule,
  notebookProblems,
  parseKernelRuns,
  readNotebook,
  runNotebookModule,
  runProcess,
  denoEnv,
  type Notebook,
} from './notebook-runner.js';

const NOTEBOOK_FILES = readdirSync(NOTEBOOKS_DIR)
  .filter((name) => name.endsWith('.ipynb'))
  .sort();

/**
 * Lines each notebook prints (console.log) that must be there: the claims its text makes about the
 * data. Figures that depend on the random generator or on tier tables are matched loosely.
 */
const EXPECTED_OUTPUT: Readonly<Record<string, readonly RegExp[]>> = {
  '01-cross-vs-isolated.ipynb': [
    /^accounts: hedged-desk, degen-50x, miner-hedge, mixed; input problems: 0$/m,
    /^degen-50x: all marks down to liquidation — exported -2\.02 %, isolated -2\.02 %, cross -3\.87 %$/m,
    /^positions: 13$/m,
    /^saved by cross: hedged-desk SOLUSDT long \(isolated -23\.60 %, cross —\)$/m,
    /^saved by cross: miner-hedge BTCUSD_PERP short \(isolated \+\d+\.\d\d %, cross —\)$/m,
    /^degen-50x BTCUSDT long: in cross also liquidated when DOGEUSDT -\d+\.\d\d % or SOLUSDT \+\d+\.\d\d %$/m,
    /^hedged-desk isolated with leverage: all marks down -23\.60 %, pools liquidatable now 0$/m,
    /^hedged-desk isolated with equal-risk: all marks down -34\.97 %, pools liquidatable now 0$/m,
    /^verdict hedged-desk: cross \(distance cross, stress cross\)$/m,
    /^verdict degen-50x: cross \(distance cross, stress cross\)$/m,
    /^verdict mixed: cross \(distance cross, stress cross\)$/m,
    /^allocation: 8 positions allocated from cross wallets, 0 cannot stand; floors 2 above 0$/m,
    /^degen-50x DOGEUSDT long: maintenance floor 1,158\.76 USDT, isolated margin 2,106\.76 USDT, standing true$/m,
    /^shock BTC=-20%,\*=-35%, hedged-desk: exported loss -639 \(0 liquidated\), isolated loss -5,091 \(1 liquidated\), cross loss -639 \(0 liquidated\)$/m,
    /^shock BTC=-20%,\*=-35%, degen-50x: exported loss -2,518 \(2 liquidated\), isolated loss -2,812 \(2 liquidated\), cross loss 3,584 \(3 liquidated\)$/m,
    /^shock BTC=-20%,\*=-35%, mixed: .*, cross loss 24,216 \(6 liquidated\)$/m,
  ],
  '02-calibration-and-stress.ipynb': [
    /^returns: 17543 hours of BTC, ETH, SOL, BNB, XRP, DOGE, 2024-01-06T02:00Z to 2026-01-06T00:00Z$/m,
    /^BTC: vol 0\.4847 \(built-in 0\.4847\), excess kurtosis 9\.67, nu 4\.62$/m,
    /^XRP: vol 0\.8700 \(built-in 0\.8700\), excess kurtosis 25\.95, nu 4\.23$/m,
    /^correlation: lowest pair 0\.\d\d, highest 0\.\d\d$/m,
    /^simple checks: pass$/m,
    /^Cholesky: choleskyLower: matrix is not positive semi-definite/m,
    /^smallest eigenvalue before repair -0\.1316; repaired in \d+ iterations/m,
    /^BTC in one week \(GBM\): 5 % [\d,]+, median [\d,]+, 95 % [\d,]+$/m,
    /^student-t: P\(BTC touches -15 % within a week\) = \d+\.\d %; hours down 2 % or more: \d+ of 336000$/m,
    /^mixed at -20 %: exported [\d,]+ \(\d liquidated\), isolated [\d,]+ \(\d liquidated\), cross 0 \(6 liquidated\)$/m,
    /^mixed at -10 %: .*, cross [\d,]+ \(0 liquidated\)$/m,
    /^Monte Carlo, degen-50x: P\(liquidation\) exported \d+\.\d %, isolated 9\d\.\d %, cross 1\d\.\d %; lightest 99 % tail: isolated$/m,
    /^Monte Carlo, mixed: P\(liquidation\) .*; lightest 99 % tail: isolated$/m,
  ],
  '03-contagion-deep-dive.ipynb': [
    /^positions at today's marks: together 2, apart 2$/m,
    /^DOGE liquidation: isolated -\d\.\d\d %, cross -\d\d\.\d\d %$/m,
    /^BTC dragged into liquidation in cross at DOGE -\d+ %; BTC liquidated in isolated at any step: no$/m,
    /^BTC less safe in cross than isolated from DOGE -\d+ %; contagion at DOGE -\d+\.\d\d %: together 0, apart 10,050$/m,
    /^grid of 72: open in both \d+, liquidated in cross only [1-9]\d*, /m,
    /^Monte Carlo, together: BTC a contagion victim on [1-9]\d*\.\d % of paths, main cause together:DOGEUSDT:long; DOGE rescued on [1-9]\d*\.\d %$/m,
  ],
  '04-liquidation-cascade.ipynb': [
    /^crowd: 3000 accounts, 3205 positions; own: 6 positions; input problems: 0$/m,
    /^2025-10-10: 72 hourly bars, 2025-10-09 00:00Z to 2025-10-12 00:00Z; market 3002 accounts, 3211 positions$/m,
    /^fund 3,000,000: BTCUSDT exogenous -10\.27 %, realised -19\.72 %, amplification 2\.03$/m,
    /^fund 0: BTCUSDT exogenous -10\.27 %, realised -12\.28 %, amplification 1\.21$/m,
    /^BTCUSDT amplification: fund 3,000,000 2\.03, no fund 1\.21$/m,
    /^fund 3,000,000: paid [\d,]+, received [\d,]+, end [\d,]+, lowest [\d,]+, ADL fills [1-9]\d*$/m,
    /^ADL fills: fund 3,000,000 (\d+), no fund (\d+)$/m,
    /^fund 3,000,000: own legs ADL'd none; ADL exposed none$/m,
    /^fund 0: own legs ADL'd desk:ETHUSDT:short 40\.0000, hedger:BTCUSDT:short 2\.0000; ADL exposed /m,
    /^Monte Carlo, vol 1x, fund 3,000,000: P\(fund exhausted\) 0\.0 %; /m,
    /^Monte Carlo, vol 1x, fund 1,000,000: P\(fund exhausted\) [1-9]\d\.\d %; /m,
    /^Monte Carlo, vol 3x, fund 1,000,000: P\(fund exhausted\) (9\d|100)\.\d %; /m,
  ],
};

/** How many charts (SVG displays) each notebook shows at least. */
const EXPECTED_CHARTS: Readonly<Record<string, number>> = {
  '01-cross-vs-isolated.ipynb': 4,
  '02-calibration-and-stress.ipynb': 4,
  '03-contagion-deep-dive.ipynb': 2,
  '04-liquidation-cascade.ipynb': 2,
};

/**
 * Wall time allowed for one notebook, type check included. They take 2–10 s (the first type check
 * of a run is the slowest); the margin is for a loaded machine.
 */
const NOTEBOOK_TIMEOUT_MS = 45_000;

describe('notebooks as committed', () => {
  it('has the analyst notebooks, each with expectations here', () => {
    expect(NOTEBOOK_FILES).toEqual(Object.keys(EXPECTED_OUTPUT).sort());
  });

  it.each(NOTEBOOK_FILES)('%s: nbformat 4, Deno kernel, opening markdown, every code cell run and saved, no paths of the machine', (file) => {
    expect(notebookProblems(readNotebook(join(NOTEBOOKS_DIR, file)))).toEqual([]);
  });

  it('turns code cells into one module with Deno.jupyter replaced by the shim', () => {
    const notebook: Notebook = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { kernelspec: { name: 'deno', language: 'typescript' } },
      cells: [
        { cell_type: 'markdown', source: ['# Title\n', 'Deno.jupyter in prose stays'] },
        { cell_type: 'code', source: ['const a = 1;\n', 'await Deno.jupyter.display({ "text/plain": "x" })'], outputs: [], execution_count: null },
        { cell_type: 'code', source: '(a + 1)', outputs: [], execution_count: null },
      ],
    };
    const module = notebookModule(notebook);
    expect(module).toContain('// ---- cell 2 ----\nconst a = 1;\nawait __jupyter.display({ "text/plain": "x" })\n;');
    expect(module).toContain('// ---- cell 3 ----\n(a + 1)\n;');
    expect(module).not.toContain('Deno.jupyter in prose');
    expect(notebookProblems(notebook)).toEqual([
      'cell 2 has execution count null, expected 1: run npm run notebooks',
      'cell 3 has execution count null, expected 2: run npm run notebooks',
    ]);
    const saved = readNotebook(join(NOTEBOOKS_DIR, '01-cross-vs-isolated.ipynb'));
    // A temporary folder's path, spelled in parts so the project's own text names no machine path.
    const scratchPath = ['', 'tmp', 'x1', 'a.ts'].join('/');
    const broken = { ...notebook, cells: [{ cell_type: 'code' as const, source: 'x', outputs: [{ output_type: 'error' }, { output_type: 'stream', text: `at ${scratchPath}\n` }], execution_count: 1 }] };
    expect(notebookProblems(saved)).toEqual([]);
    expect(notebookProblems(broken)).toEqual([
      'the first cell must be a markdown cell saying what the notebook shows and how to open it',
      'cell 1 has an error output',
      `names paths of the machine that ran it: ${scratchPath}\\n`,
    ]);
    expect(machinePathsIn('see /workflow and C:\\Users\\me, /home/ann/x.ts')).toEqual(['C:\\Users\\me,', '/home/ann/x.ts']);
  });

  it('splits a recorded run into nbformat outputs per cell, and saves them deterministically', () => {
    const notebook: Notebook = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { kernelspec: { name: 'deno', language: 'typescript' } },
      cells: [
        { cell_type: 'markdown', source: '# T' },
        { cell_type: 'code', source: 'const a = 1;', outputs: [], execution_count: null },
        { cell_type: 'code', source: 'log', outputs: [], execution_count: null, metadata: { execution: { 'iopub.status.busy': '2026-01-01' } } } as never,
      ],
    };
    expect(recordingModule(notebook)).toContain('console.log("\\u001emarginscope-notebook cell 2");\nlog\n;');
    const mark = '\u001emarginscope-notebook';
    const stdout = `${mark} cell 1\n${mark} cell 2\nfirst\nsecond\n${mark} display {"text/markdown":"| a |\\n| b |","image/svg+xml":"<svg/>"}\nlast\n`;
    const outputs = outputsFromRecording(notebook, stdout);
    expect(outputs.get(1)).toEqual([]);
    expect(outputs.get(2)).toEqual([
      { output_type: 'stream', name: 'stdout', text: ['first\n', 'second\n'] },
      { output_type: 'display_data', data: { 'text/markdown': ['| a |\n', '| b |'], 'image/svg+xml': ['<svg/>'] }, metadata: {} },
      { output_type: 'stream', name: 'stdout', text: ['last\n'] },
    ]);
    expect(printedText(outputs.get(2)!)).toBe('first\nsecond\n[image/svg+xml: 6 chars]\n| a |\n| b |\nlast\n');
    const saved = JSON.parse(notebookWithOutputs(notebook, outputs)) as Notebook;
    expect(saved.cells.map((c) => c.execution_count)).toEqual([undefined, 1, 2]);
    expect((saved.cells[2] as unknown as { metadata: object }).metadata).toEqual({});
    expect(storedOutputs(saved)).toEqual(outputs);
    expect(() => outputsFromRecording(notebook, `${mark} cell 1\n`)).toThrow('the notebook stopped before cell 3');
  });
});

const deno = findDenoBinary();
const NO_DENO = 'skipped: the deno npm package is not installed in node_modules (it is a devDependency: run npm ci)';
if (deno === null) console.warn(`notebooks: not executed, ${NO_DENO}`);

describe.skipIf(deno === null)(`notebooks run with Deno${deno === null ? ` (${NO_DENO})` : ''}`, () => {
  beforeAll(() => ensureBuilt());

  it.each(NOTEBOOK_FILES)(
    '%s type-checks, runs to the end, prints its figures and its saved outputs are current',
    async (file) => {
      const notebook = readNotebook(join(NOTEBOOKS_DIR, file));
      const started = Date.now();
      const check = await checkNotebookModule(deno!, notebookCheckModule(notebook), NOTEBOOK_TIMEOUT_MS);
      expect(check.code, `type check: exit ${check.code}${check.timedOut ? ' (timed out)' : ''}\n${check.stderr}`).toBe(0);
      const run = await runNotebookModule(deno!, recordingModule(notebook), Math.max(5_000, NOTEBOOK_TIMEOUT_MS - (Date.now() - started)));
      expect(run.code, `exit ${run.code}${run.timedOut ? ' (timed out)' : ''}\n--- stderr\n${run.stderr}\n--- stdout\n${run.stdout.slice(-8000)}`).toBe(0);
      const outputs = outputsFromRecording(notebook, run.stdout);
      const printed = [...outputs.values()].map(printedText).join('');
      const report = `--- stderr\n${run.stderr}\n--- printed\n${printed}`;
      for (const pattern of EXPECTED_OUTPUT[file] ?? []) expect(printed, report).toMatch(pattern);
      const charts = printed.match(/^\[image\/svg\+xml: \d+ chars\]$/gm) ?? [];
      expect(charts.length, report).toBeGreaterThanOrEqual(EXPECTED_CHARTS[file] ?? 0);
      // The saved outputs are this run's, byte for byte (charts included): run npm run notebooks.
      const stored = storedOutputs(notebook);
      for (const [index, fresh] of outputs) {
        expect(printedText(stored.get(index) ?? []), `cell ${index + 1}: saved outputs are stale, run npm run notebooks`).toBe(printedText(fresh));
        expect(stored.get(index), `cell ${index + 1}: saved outputs are stale, run npm run notebooks`).toEqual(fresh);
      }
    },
    NOTEBOOK_TIMEOUT_MS + 5_000,
  );
});

const python = deno === null ? null : await findNbclientPython();
const NO_KERNEL = deno === null ? NO_DENO : 'skipped: no Python 3 with nbclient (Debian: apt-get install python3-nbclient)';

describe.skipIf(python === null)(`notebooks in the real Deno Jupyter kernel${python === null ? ` (${NO_KERNEL})` : ''}`, () => {
  let jupyterDir = '';
  beforeAll(() => {
    ensureBuilt();
    jupyterDir = mkdtempSync(join(tmpdir(), 'marginscope-jupyter-'));
  });
  afterAll(() => {
    if (jupyterDir !== '') rmSync(jupyterDir, { recursive: true, force: true });
  });

  it(
    'executes every notebook with nbclient without a cell error',
    async () => {
      const env = denoEnv({ JUPYTER_PATH: jupyterDir, JUPYTER_RUNTIME_DIR: join(jupyterDir, 'runtime'), JUPYTER_PLATFORM_DIRS: '1' });
      const run = await runProcess(python!, ['-c', NBCLIENT_SCRIPT, deno!, NOTEBOOKS_DIR, jupyterDir, ...NOTEBOOK_FILES], {
        cwd: NOTEBOOKS_DIR,
        env,
        timeoutMs: NOTEBOOK_TIMEOUT_MS * NOTEBOOK_FILES.length,
      });
      const runs = parseKernelRuns(run.stdout);
      const report = `exit ${run.code}${run.timedOut ? ' (timed out)' : ''}\n--- stderr\n${run.stderr.slice(-4000)}\n--- runs\n${JSON.stringify(runs, null, 1).slice(0, 8000)}`;
      expect(run.code, report).toBe(0);
      expect(runs.map((r) => r.notebook), report).toEqual(NOTEBOOK_FILES);
      // Only errors are checked here; what a notebook prints and displays is compared in the Deno
      // run above. The kernel sends a cell's output asynchronously, with a short pause before it
      // reports the cell done, and nbclient drops whatever arrives after that: on a busy machine
      // the last lines or charts of a cell are sometimes missing here (a live frontend shows them).
      for (const result of runs) expect(result.error, report).toBeNull();
    },
    NOTEBOOK_TIMEOUT_MS * NOTEBOOK_FILES.length + 10_000,
  );
});
