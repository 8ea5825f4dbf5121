// Test helpers for the analyst notebooks in notebooks/: read and check a notebook file, turn its
// code cells into one TypeScript module that Deno can run outside Jupyter, find the Deno binary
// that the `deno` npm package installed, and run a module or a real Jupyter kernel on them.

import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (where package.json is). */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Where the notebooks live; they run with this as the working directory, as Jupyter does. */
export const NOTEBOOKS_DIR = join(REPO_ROOT, 'notebooks');

export interface NotebookCell {
  readonly cell_type: 'code' | 'markdown' | 'raw';
  readonly source: string | readonly string[];
  readonly outputs?: readonly unknown[];
  readonly execution_count?: number | null;
}

export interface Notebook {
  readonly nbformat: number;
  readonly nbformat_minor: number;
  readonly metadata: {
    readonly kernelspec?: { readonly name?: string; readonly language?: string; readonly display_name?: string };
    readonly language_info?: { readonly name?: string };
  };
  readonly cells: readonly NotebookCell[];
}

export function readNotebook(file: string): Notebook {
  return JSON.parse(readFileSync(file, 'utf8')) as Notebook;
}

export function cellText(cell: NotebookCell): string {
  return typeof cell.source === 'string' ? cell.source : cell.source.join('');
}

/**
 * What is wrong with a notebook file as committed: the format (nbformat 4, the Deno kernel,
 * TypeScript), an opening markdown cell, and its saved run (`npm run notebooks`): every code cell
 * executed in order (execution counts 1, 2, …), no error output, no run metadata (timings), and
 * no path of the machine that ran it. Empty when it is fine. Whether the outputs are current is
 * checked by running it (see notebooks.test.ts).
 */
export function notebookProblems(notebook: Notebook): string[] {
  const problems: string[] = [];
  if (notebook.nbformat !== 4) problems.push(`nbformat is ${notebook.nbformat}, expected 4`);
  const kernel = notebook.metadata.kernelspec;
  if (kernel?.name !== 'deno') problems.push(`kernelspec.name is ${JSON.stringify(kernel?.name)}, expected "deno"`);
  if (kernel?.language !== 'typescript') problems.push(`kernelspec.language is ${JSON.stringify(kernel?.language)}, expected "typescript"`);
  const first = notebook.cells[0];
  if (first === undefined || first.cell_type !== 'markdown' || cellText(first).trim() === '') {
    problems.push('the first cell must be a markdown cell saying what the notebook shows and how to open it');
  }
  if (!notebook.cells.some((cell) => cell.cell_type === 'code')) problems.push('no code cell');
  let count = 0;
  notebook.cells.forEach((cell, index) => {
    if (cell.cell_type !== 'code') return;
    count += 1;
    if (cell.execution_count !== count) {
      problems.push(`cell ${index + 1} has execution count ${cell.execution_count ?? null}, expected ${count}: run npm run notebooks`);
    }
    for (const output of (cell.outputs ?? []) as readonly { output_type?: string }[]) {
      if (output.output_type === 'error') problems.push(`cell ${index + 1} has an error output`);
    }
    const metadata = (cell as { metadata?: Record<string, unknown> }).metadata ?? {};
    if ('execution' in metadata || 'ExecuteTime' in metadata) problems.push(`cell ${index + 1} has run timings in its metadata`);
  });
  const paths = machinePathsIn(JSON.stringify(notebook));
  if (paths.length > 0) problems.push(`names paths of the machine that ran it: ${paths.join(', ')}`);
  return problems;
}

/** Absolute paths of a machine (home, temporary and work folders) in a text. */
export function machinePathsIn(text: string): string[] {
  return [...new Set(text.match(/(?:\/(?:work|tmp|root|home|Users)\b|[A-Za-z]:\\{1,2}Users\b)[^\s"'`)]*/g) ?? [])];
}

/**
 * Stand-in for `Deno.jupyter` outside a kernel (where touching `Deno.jupyter` throws), given what
 * to do with a display's bundle (`print`, a function of `bundle: Bundle` in TypeScript source). It
 * has the same functions, and refuses an `image/svg+xml` or `text/html` that is empty or an SVG
 * that has no `<svg` element.
 */
export function jupyterShim(print: string): string {
  return String.raw`
const __jupyter = (() => {
  type Bundle = Record<string, unknown>;
  const $display: unique symbol = Symbol.for("Jupyter.display");
  const check = (bundle: Bundle): void => {
    for (const [mime, value] of Object.entries(bundle)) {
      if (mime === "text/plain" || mime === "text/markdown") continue;
      const body = typeof value === "string" ? value : JSON.stringify(value);
      if (body.length === 0 || (mime === "image/svg+xml" && !body.includes("<svg"))) {
        throw new Error("display: " + mime + " output is not what it claims to be");
      }
    }
  };
  const print = (bundle: Bundle): void => {
    check(bundle);
    ${print}
  };
  const tagged = (mime: string) => (strings: TemplateStringsArray, ...values: unknown[]) => {
    const text = strings.reduce((out, piece, i) => out + piece + (i < values.length ? String(values[i]) : ""), "");
    return { [$display]: (): Bundle => ({ [mime]: text }) };
  };
  const bundleOf = async (obj: unknown, raw: boolean): Promise<Bundle> => {
    if (obj !== null && typeof obj === "object" && $display in obj) {
      return await (obj as { [$display]: () => Bundle | Promise<Bundle> })[$display]();
    }
    if (raw && obj !== null && typeof obj === "object") return obj as Bundle;
    return { "text/plain": Deno.inspect(obj) };
  };
  return {
    $display,
    md: tagged("text/markdown"),
    html: tagged("text/html"),
    svg: tagged("image/svg+xml"),
    format: (obj: unknown): Promise<Bundle> => bundleOf(obj, false),
    display: async (obj: unknown, options: { raw?: boolean } = {}): Promise<void> => {
      print(await bundleOf(obj, options.raw ?? true));
    },
    broadcast: async (_type: string, _content: Record<string, unknown>): Promise<void> => {},
  };
})();
`;
}

/**
 * The stand-in that prints a display instead of sending it to a frontend: `text/plain` or
 * `text/markdown` content, and for other media a line `[MIME: N chars]`.
 */
export const JUPYTER_SHIM = jupyterShim(String.raw`
    const text = bundle["text/plain"] ?? bundle["text/markdown"];
    for (const [mime, value] of Object.entries(bundle)) {
      if (mime === "text/plain" || mime === "text/markdown") continue;
      console.log("[" + mime + ": " + (typeof value === "string" ? value : JSON.stringify(value)).length + " chars]");
    }
    if (typeof text === "string") console.log(text);`);

/**
 * The notebook's code cells in order as one TypeScript module, `Deno.jupyter` replaced by the
 * shim above (or another). Cells share one scope, as in the kernel; each is preceded by a comment
 * naming it and by what `beforeCell` gives for its index (0-based, among all cells).
 */
export function notebookModule(notebook: Notebook, shim = JUPYTER_SHIM, beforeCell: (index: number) => string = () => ''): string {
  const parts = [shim];
  notebook.cells.forEach((cell, index) => {
    if (cell.cell_type !== 'code') return;
    parts.push(`// ---- cell ${index + 1} ----\n${beforeCell(index)}${cellText(cell).replace(/\bDeno\.jupyter\b/g, '__jupyter')}\n;`);
  });
  return parts.join('\n');
}

/**
 * The same module for type checking: the built library's modules (`../dist/src/….js`) replaced by
 * their TypeScript sources, since Deno types a local `.js` file from its code and ignores the
 * `.d.ts` beside it. It exits before the first cell (behind a condition, so the type checker
 * still sees every cell as reachable), so checking it runs nothing.
 */
export function notebookCheckModule(notebook: Notebook): string {
  const module = notebookModule(notebook).replace(/(["'])\.\.\/dist\/src\/([^"']*)\.js\1/g, '$1../src/$2.ts$1');
  return `if (import.meta.main) Deno.exit(0);\n${module}`;
}

/** The Deno binary that the `deno` npm package installed, or null when the package is missing. */
export function findDenoBinary(): string | null {
  const require = createRequire(join(REPO_ROOT, 'package.json'));
  let packageDir: string;
  try {
    packageDir = dirname(require.resolve('deno/package.json'));
  } catch {
    return null;
  }
  const exe = platform() === 'win32' ? 'deno.exe' : 'deno';
  // The package's postinstall links the binary next to package.json; without it (scripts
  // disabled), take it from the platform package it depends on, as the package's own bin does.
  const linked = join(packageDir, exe);
  if (existsSync(linked)) return linked;
  const target = platform() === 'linux' ? `linux-${arch()}-glibc` : `${platform()}-${arch()}`;
  try {
    const platformDir = dirname(createRequire(join(packageDir, 'package.json')).resolve(`@deno/${target}/package.json`));
    const binary = join(platformDir, exe);
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

export interface ProcessResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
}

export function runProcess(
  command: string,
  args: readonly string[],
  options: { cwd: string; input?: string; env?: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], { cwd: options.cwd, env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** Environment for Deno: no colours, no update check, no prompts. */
export function denoEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1', ...extra };
}

/**
 * Type-check a notebook against the library's sources (see `notebookCheckModule`); Deno's
 * "sloppy imports" resolve the sources' `./x.js` imports to `./x.ts` as tsc does.
 */
export function checkNotebookModule(deno: string, module: string, timeoutMs: number): Promise<ProcessResult> {
  return runProcess(deno, ['run', '--check', '--unstable-sloppy-imports', '--no-prompt', `--allow-read=${REPO_ROOT}`, '-'], {
    cwd: NOTEBOOKS_DIR,
    input: module,
    env: denoEnv(),
    timeoutMs,
  });
}

/**
 * Run a notebook module with Deno from the notebooks directory, fed on stdin so relative imports
 * and file reads resolve as in the kernel, which does not type-check either. Read access to the
 * repository only: no write, network, environment or subprocess permission.
 */
export function runNotebookModule(deno: string, module: string, timeoutMs: number): Promise<ProcessResult> {
  return runProcess(deno, ['run', '--no-prompt', `--allow-read=${REPO_ROOT}`, '-'], {
    cwd: NOTEBOOKS_DIR,
    input: module,
    env: denoEnv(),
    timeoutMs,
  });
}

/** A Python 3 that can import nbclient (Jupyter's headless notebook runner), or null. */
export async function findNbclientPython(): Promise<string | null> {
  const candidates = [process.env.PYTHON, 'python3', '/usr/bin/python3'].filter((c): c is string => c !== undefined && c !== '');
  for (const candidate of candidates) {
    try {
      const probe = await runProcess(candidate, ['-c', 'import nbclient, nbformat'], { cwd: REPO_ROOT, timeoutMs: 15_000 });
      if (probe.code === 0) return candidate;
    } catch {
      // not installed under that name
    }
  }
  return null;
}

/**
 * Executes notebooks in the real Deno Jupyter kernel with nbclient, the way `jupyter execute`
 * does, each in its own kernel started in the notebooks directory. The kernelspec is written to
 * a private Jupyter path (argv[3]), so nothing is installed for the user. Prints one JSON line
 * per notebook: its printed output and any error, without writing to the notebook.
 */
export const NBCLIENT_SCRIPT = String.raw`
import json, os, sys
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
deno, notebooks_dir, jupyter_dir = sys.argv[1], sys.argv[2], sys.argv[3]
spec_dir = os.path.join(jupyter_dir, "kernels", "deno")
os.makedirs(spec_dir, exist_ok=True)
with open(os.path.join(spec_dir, "kernel.json"), "w") as f:
    json.dump({"argv": [deno, "jupyter", "--kernel", "--conn", "{connection_file}"], "display_name": "Deno", "language": "typescript"}, f)
failed = False
for name in sys.argv[4:]:
    nb = nbformat.read(os.path.join(notebooks_dir, name), as_version=4)
    client = NotebookClient(nb, timeout=120, kernel_name="deno", resources={"metadata": {"path": notebooks_dir}})
    error = None
    try:
        client.execute()
    except CellExecutionError as e:
        error = str(e)[:4000]
        failed = True
    stdout = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.get("output_type") == "stream" and o.get("name") == "stdout")
    print(json.dumps({"notebook": name, "stdout": stdout, "error": error}))
sys.exit(1 if failed else 0)
`;

export interface KernelRun {
  readonly notebook: string;
  /** What the cells printed, for diagnosis (may lack a cell's last lines: see the test). */
  readonly stdout: string;
  /** nbclient's report of the first failing cell, or null. */
  readonly error: string | null;
}

export function parseKernelRuns(stdout: string): KernelRun[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as KernelRun);
}
