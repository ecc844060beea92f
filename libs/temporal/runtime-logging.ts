import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';

let installed = false;

/**
 * Sets the worker SDK's log level once per process (it defaults to INFO, which prints every worker
 * state change). Must run before the first worker or native connection is created.
 */
export function installWorkerLogging(level: LogLevel = 'WARN'): void {
  if (installed) return;
  installed = true;
  try {
    Runtime.install({ logger: new DefaultLogger(level) });
  } catch {
    // Already installed by someone else in this process: keep theirs.
  }
}
