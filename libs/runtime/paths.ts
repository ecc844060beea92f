import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The checkout root: the nearest directory above this file that holds package.json named duban. */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'duban') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the duban checkout root');
    dir = parent;
  }
}

/** Per-user cache shared by every clone on the machine (binaries are large and slow to build). */
export function cacheDir(): string {
  const base = process.env.DUBAN_CACHE_DIR ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'duban');
  fs.mkdirSync(base, { recursive: true });
  return base;
}

/** Where this checkout keeps its embedded data (Temporal SQLite, PostgreSQL cluster). */
export function dataDir(): string {
  const dir = process.env.DUBAN_DATA_DIR ?? path.join(repoRoot(), '.data');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** First executable called `name` on PATH, if any. */
export function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}
