// The web UI build (apps/web → apps/web/dist, with Vite): whether it is missing or older than its
// sources, and building it. Used by `npm start` and by the browser suites.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './paths';

const webDir = () => path.join(repoRoot(), 'apps', 'web');
export const webIndexFile = () => path.join(webDir(), 'dist', 'index.html');

/** Newest modification time among the web sources (and the domain code they bundle). */
function newestSourceTime(): number {
  let newest = 0;
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'dist' || entry.name === 'node_modules') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (!entry.name.endsWith('.spec.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  };
  walk(webDir());
  walk(path.join(repoRoot(), 'libs', 'domain'));
  return newest;
}

/** Why the build must run, or undefined when apps/web/dist is up to date. */
export function webBuildNeeded(): string | undefined {
  const index = webIndexFile();
  if (!fs.existsSync(index)) return 'apps/web/dist is missing';
  if (newestSourceTime() > fs.statSync(index).mtimeMs) return 'apps/web has changed since the last build';
  return undefined;
}

/** Runs `vite build` for apps/web; returns the seconds it took. */
export function buildWebUi(options: { quiet?: boolean } = {}): number {
  const started = Date.now();
  const vite = path.join(repoRoot(), 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', path.join(webDir(), 'vite.config.mjs')], {
    cwd: repoRoot(),
    stdio: options.quiet ? 'pipe' : 'inherit',
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    const output = options.quiet ? `\n${result.stdout ?? ''}${result.stderr ?? ''}` : '';
    throw new Error(`building the web UI (vite build) failed with exit code ${result.status ?? result.signal}${output}`);
  }
  return (Date.now() - started) / 1000;
}
