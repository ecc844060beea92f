// Drives test/helpers/service-controller (compiled into dist/ by `npm test`) from a Jest suite.
// The controller runs in a process group of its own, with the PostgreSQL and Temporal server it
// starts, so a teardown that cannot finish in time ends them all at once and leaves nothing behind.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import * as readline from 'node:readline';
import type { ControllerCommand } from './service-controller';

export class PrivateServices {
  private readonly lines: AsyncIterator<string>;

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    this.lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  }

  static async start(): Promise<{ services: PrivateServices; databaseUrl: string; temporalAddress: string }> {
    const script = path.join(__dirname, '..', '..', 'dist', 'test', 'helpers', 'service-controller.js');
    const services = new PrivateServices(spawn(process.execPath, [script], { stdio: ['pipe', 'pipe', 'pipe'], detached: true }));
    const started = await services.send('start');
    return { services, databaseUrl: started.databaseUrl as string, temporalAddress: started.temporalAddress as string };
  }

  async send(command: ControllerCommand): Promise<Record<string, unknown>> {
    this.child.stdin.write(`${command}\n`);
    const { value, done } = await this.lines.next();
    if (done) throw new Error(`service controller exited during "${command}"`);
    const reply = JSON.parse(value) as Record<string, unknown>;
    if (!reply.ok) throw new Error(`service controller: ${String(reply.error)}`);
    return reply;
  }

  /** Stops both servers in order; after `graceMs` the whole process group is killed instead. */
  async quit(graceMs = 30_000): Promise<void> {
    const gone = this.child.exitCode !== null || this.child.signalCode !== null;
    const exited = gone ? Promise.resolve() : new Promise((resolve) => this.child.once('exit', resolve));
    const timer = setTimeout(() => this.killGroup(), graceMs);
    await Promise.race([this.send('quit').catch(() => undefined), exited]);
    await exited;
    clearTimeout(timer);
    this.killGroup(); // anything the controller started and did not stop
    this.child.stdout.destroy();
    this.child.stderr.destroy();
  }

  private killGroup(): void {
    try {
      if (this.child.pid) process.kill(-this.child.pid, 'SIGKILL');
    } catch {
      // the group is already gone
    }
  }
}
