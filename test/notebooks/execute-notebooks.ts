// `npm run notebooks`: executes every notebook in notebooks/ and saves it with its outputs, so it
// reads on GitHub without a kernel. Each runs as one Deno module against the built library (the
// same run as the tests', see test/notebooks/notebook-outputs.ts); the outputs are deterministic
// (seeded, bundled data) and carry no timings and no paths of this machine. Run by Deno itself:
//   deno run --unstable-sloppy-imports --allow-read --allow-write=notebooks --allow-run --allow-env test/notebooks/execute-notebooks.ts [NAME.ipynb…]
// The library must be built first (the npm script does it).

import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { machinePaths, notebookWithOutputs, outputsFromRecording, recordingModule } from './notebook-outputs.js';
import { findDenoBinary, NOTEBOOKS_DIR, readNotebook, runNotebookModule } from './notebook-runner.js';

const TIMEOUT_MS = 120_000;

const deno = findDenoBinary();
if (deno === null) throw new Error('the deno npm package is not installed in node_modules (a devDependency: run npm ci)');
const asked = process.argv.slice(2);
const names = asked.length > 0 ? asked : readdirSync(NOTEBOOKS_DIR).filter((name) => name.endsWith('.ipynb')).sort();

for (const name of names) {
  const file = join(NOTEBOOKS_DIR, name);
  const notebook = readNotebook(file);
  const run = await runNotebookModule(deno, recordingModule(notebook), TIMEOUT_MS);
  if (run.code !== 0) {
    console.error(`${name}: exit ${run.code}${run.timedOut ? ' (timed out)' : ''}\n${run.stderr}`);
    process.exit(1);
  }
  const text = notebookWithOutputs(notebook, outputsFromRecording(notebook, run.stdout));
  const paths = machinePaths(text);
  if (paths.length > 0) {
    console.error(`${name}: outputs name paths of this machine (${paths.join(', ')}); not saved`);
    process.exit(1);
  }
  writeFileSync(file, text);
  console.log(`${name}: saved with outputs (${Math.round(text.length / 1024)} KiB)`);
}
