// Test helper: the package as a user installs it, without the network. `npm pack` (scripts
// ignored: dist is built already) makes the tarball the registry would serve; it is unpacked
// into a fresh project's node_modules/marginscope, and each runtime dependency is linked from
// this checkout's install (Node resolves their own dependencies from where they really live).
// What the tarball leaves out (src, test, tsconfig) is therefore out of reach of the examples.

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh project directory with the packed package installed; returns its path. */
export function installPackedPackage(repoRoot: string): string {
  const project = mkdtempSync(join(tmpdir(), 'marginscope-installed-'));
  const packed = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', project], { cwd: repoRoot, encoding: 'utf8' });
  const tarball = join(project, (JSON.parse(packed) as { filename: string }[])[0]!.filename);
  const modules = join(project, 'node_modules');
  mkdirSync(modules);
  execFileSync('tar', ['-xzf', tarball, '-C', modules]);
  renameSync(join(modules, 'package'), join(modules, 'marginscope'));
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  for (const dependency of Object.keys(manifest.dependencies)) {
    const target = join(modules, dependency);
    mkdirSync(join(target, '..'), { recursive: true });
    symlinkSync(join(repoRoot, 'node_modules', dependency), target, 'dir');
  }
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'marginscope-example', private: true, type: 'module', dependencies: { marginscope: '*' } }, null, 2));
  return project;
}
