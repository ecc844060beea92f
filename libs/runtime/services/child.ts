import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { sleep } from './wait';

/**
 * A started child process with a stop that escalates from SIGTERM to SIGKILL. It runs in its own
 * process group, so a Ctrl-C in the terminal reaches only the parent, which stops its children in
 * order (no child dies under another mid-shutdown and prints errors); if the parent exits without
 * stopping it, it is sent SIGTERM then.
 */
export interface ManagedChild {
  readonly name: string;
  readonly process: ChildProcess;
  stop(graceMs?: number): Promise<void>;
}

export function startChild(name: string, command: string, args: string[], options: SpawnOptions): ManagedChild {
  const child = spawn(command, args, { detached: true, ...options });
  const running = () => child.exitCode === null && child.signalCode === null;
  const terminateOnExit = () => {
    if (running()) child.kill('SIGTERM');
  };
  process.once('exit', terminateOnExit);
  const exited = new Promise<void>((resolve) => {
    if (!running()) resolve();
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  }).finally(() => process.off('exit', terminateOnExit));
  return {
    name,
    process: child,
    async stop(graceMs = 10_000) {
      if (!running()) return;
      child.kill('SIGTERM');
      const stopped = await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)]);
      if (!stopped) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}
