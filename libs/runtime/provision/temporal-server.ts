import * as fs from 'node:fs';
import * as path from 'node:path';
import { PrerequisiteError } from '../errors';
import { cacheDir, findOnPath } from '../paths';
import { installAtomically } from './install-dir';
import { run, tail } from './process';

/**
 * The Temporal server the CLI v1.5.1 embeds (`temporal --version` says Server 1.29.1); its go.mod has no
 * replace directive, so `go install` of its server and SQL schema tool works from the module proxy.
 */
export const TEMPORAL_SERVER_VERSION = '1.29.1';
const MODULE = 'go.temporal.io/server';

export interface TemporalServerBinaries {
  /** The server (`temporal-server … start --service <name>`). */
  server: string;
  /** The SQL schema tool (`temporal-sql-tool`). */
  sqlTool: string;
  /** The server's own versioned PostgreSQL schema files (persistence and visibility). */
  schemaDir: { persistence: string; visibility: string };
  kind: 'cache' | 'built';
}

export function temporalServerCacheDir(): string {
  return path.join(cacheDir(), `temporal-server-${TEMPORAL_SERVER_VERSION}`);
}

function binaries(dir: string, kind: TemporalServerBinaries['kind']): TemporalServerBinaries {
  const schema = path.join(dir, 'schema', 'postgresql', 'v12');
  return {
    server: path.join(dir, 'temporal-server'),
    sqlTool: path.join(dir, 'temporal-sql-tool'),
    schemaDir: { persistence: path.join(schema, 'temporal', 'versioned'), visibility: path.join(schema, 'visibility', 'versioned') },
    kind,
  };
}

/**
 * Finds or builds the Temporal server into the per-user cache (once per machine, like the CLI):
 * `go install` of the pinned server and SQL tool, and a copy of the schema files of that same module.
 */
export function provisionTemporalServer(): TemporalServerBinaries {
  const dir = temporalServerCacheDir();
  const cached = binaries(dir, 'cache');
  if ([cached.server, cached.sqlTool, cached.schemaDir.persistence, cached.schemaDir.visibility].every((p) => fs.existsSync(p))) return cached;

  const go = findOnPath('go');
  if (!go) {
    throw new PrerequisiteError(
      `the Temporal server v${TEMPORAL_SERVER_VERSION} is not built yet and Go is missing: install Go 1.25 or newer (its go.mod asks for 1.25) so duban can build it into ${dir}`,
    );
  }
  console.error(`duban: building the Temporal server v${TEMPORAL_SERVER_VERSION} and its SQL tool with Go (once per machine; a few minutes)…`);
  installAtomically(dir, (staging) => {
    const env = { ...process.env, GOBIN: staging, CGO_ENABLED: '0', GOFLAGS: '-mod=mod' };
    const modules = [`${MODULE}/cmd/server@v${TEMPORAL_SERVER_VERSION}`, `${MODULE}/cmd/tools/sql@v${TEMPORAL_SERVER_VERSION}`];
    const built = run(go, ['install', ...modules], { env });
    if (!built.ok || !fs.existsSync(path.join(staging, 'server')) || !fs.existsSync(path.join(staging, 'sql'))) {
      throw new PrerequisiteError(`could not build the Temporal server with \`go install ${modules.join(' ')}\` (does Go reach its module proxy?)\n${tail(built.output)}`);
    }
    fs.renameSync(path.join(staging, 'server'), path.join(staging, 'temporal-server'));
    fs.renameSync(path.join(staging, 'sql'), path.join(staging, 'temporal-sql-tool'));
    // The schema files ship in the module's source, which `go install` has just put in the module cache.
    const source = run(go, ['list', '-m', '-f', '{{.Dir}}', `${MODULE}@v${TEMPORAL_SERVER_VERSION}`], { env: { ...env, GOFLAGS: '-mod=mod' } });
    // The one line that is the module's folder (Go may also say what it downloads, on stderr).
    const moduleDir = source.output.split('\n').map((line) => line.trim()).find((line) => path.isAbsolute(line) && line.endsWith(`@v${TEMPORAL_SERVER_VERSION}`)) ?? '';
    const schema = path.join(moduleDir, 'schema', 'postgresql', 'v12');
    if (!source.ok || !fs.existsSync(schema)) {
      throw new PrerequisiteError(`could not find the Temporal server's PostgreSQL schema files in the Go module cache (${moduleDir || 'go list failed'})\n${tail(source.output)}`);
    }
    const copy = path.join(staging, 'schema', 'postgresql', 'v12');
    fs.cpSync(schema, copy, { recursive: true });
    // The module cache is read-only (folders 0555): the copy is made writable by its owner, so the
    // cache can be cleaned and a losing staging copy removed.
    makeOwnerWritable(copy);
  });
  return binaries(dir, 'built');
}

function makeOwnerWritable(dir: string): void {
  fs.chmodSync(dir, 0o755);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) makeOwnerWritable(full);
    else fs.chmodSync(full, 0o644);
  }
}
