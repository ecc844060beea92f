import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { sleep } from './wait';

/** A started child process with a stop that escalates from SIGTERM to SIGKILL. */
export interface ManagedChild {
  readonly name: string;
  readonly process: ChildProcess;
  stop(graceMs?: number): Promise<void>;
}

export function startChild(name: string, command: string, args: string[], options: SpawnOptions): ManagedChild {
  const child = spawn(command, args, options);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
  return {
    name,
    process: child,
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const stopped = await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)]);
      if (!stopped) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}
