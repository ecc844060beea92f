import * as fs from 'node:fs';
import * as path from 'node:path';
import { PrerequisiteError } from '../errors';
import { cacheDir, findOnPath } from '../paths';
import { installAtomically } from './install-dir';
import { run, tail } from './process';

/** Newest Temporal CLI whose go.mod has no replace directive, so `go install` works from the module proxy. */
export const TEMPORAL_CLI_VERSION = '1.5.1';
const TEMPORAL_CLI_MODULE = `github.com/temporalio/cli/cmd/temporal@v${TEMPORAL_CLI_VERSION}`;

export type TemporalCli =
  | { kind: 'path' | 'cache' | 'built'; path: string }
  /** No binary here: the SDK downloads its own dev server (machines with internet). */
  | { kind: 'sdk-download' };

export function cachedTemporalCliPath(): string {
  return path.join(cacheDir(), `temporal-cli-${TEMPORAL_CLI_VERSION}`, 'temporal');
}

/**
 * Finds or builds the Temporal CLI: on PATH, else the per-user cache, else `go install` of the
 * pinned version into the cache, else leaves it to the SDK's own download.
 */
export function provisionTemporalCli(options: { allowSdkDownload?: boolean } = {}): TemporalCli {
  const onPath = findOnPath('temporal');
  if (onPath) return { kind: 'path', path: onPath };

  const cached = cachedTemporalCliPath();
  if (fs.existsSync(cached)) return { kind: 'cache', path: cached };

  const go = findOnPath('go');
  if (go) {
    console.error(`duban: building the Temporal CLI v${TEMPORAL_CLI_VERSION} with Go (once per machine; a few minutes)…`);
    installAtomically(path.dirname(cached), (staging) => {
      const result = run(go, ['install', TEMPORAL_CLI_MODULE], {
        env: { ...process.env, GOBIN: staging, CGO_ENABLED: '0', GOFLAGS: '-mod=mod' },
      });
      if (!result.ok || !fs.existsSync(path.join(staging, 'temporal'))) {
        throw new PrerequisiteError(
          `could not build the Temporal CLI with \`go install ${TEMPORAL_CLI_MODULE}\` (does Go reach its module proxy?). ` +
            `Put a \`temporal\` binary on PATH or set TEMPORAL_ADDRESS to an existing server.\n${tail(result.output)}`,
        );
      }
    });
    return { kind: 'built', path: cached };
  }

  if (options.allowSdkDownload ?? true) return { kind: 'sdk-download' };
  throw new PrerequisiteError(
    'the Temporal CLI is missing: install Go 1.25 or newer so duban can build it, ' +
      'put a `temporal` binary on PATH, or set TEMPORAL_ADDRESS to an existing Temporal server',
  );
}
