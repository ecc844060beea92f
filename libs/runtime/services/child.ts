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
  /** SIGKILL at once (a crash, as the fault tests stage it); resolves once it has exited. */
  kill(): Promise<void>;
}

/** Children still running, sent SIGTERM by one exit handler of this process (one listener for all). */
const running = new Set<ChildProcess>();
let exitHandlerInstalled = false;
function terminateRunning(): void {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
}

export function startChild(name: string, command: string, args: string[], options: SpawnOptions): ManagedChild {
  const child = spawn(command, args, { detached: true, ...options });
  const isRunning = () => child.exitCode === null && child.signalCode === null;
  if (!exitHandlerInstalled) {
    exitHandlerInstalled = true;
    process.once('exit', terminateRunning);
  }
  running.add(child);
  const exited = new Promise<void>((resolve) => {
    if (!isRunning()) resolve();
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  }).finally(() => running.delete(child));
  return {
    name,
    process: child,
    async stop(graceMs = 10_000) {
      if (!isRunning()) return;
      child.kill('SIGTERM');
      const stopped = await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)]);
      if (!stopped) {
        child.kill('SIGKILL');
        await exited;
      }
    },
    async kill() {
      if (!isRunning()) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}
