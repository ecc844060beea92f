import { spawnSync } from 'node:child_process';

/** Runs a command to completion, capturing output; never throws for a non-zero exit. */
export function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const result = spawnSync(command, args, { ...options, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return {
    ok: result.status === 0 && !result.error,
    output: `${result.stdout ?? ''}${result.stderr ?? ''}`.trim(),
  };
}

/** Last lines of a tool's output, for an error message that stays readable. */
export function tail(output: string, lines = 8): string {
  return output.split('\n').slice(-lines).join('\n');
}
