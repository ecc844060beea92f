// Drives test/helpers/service-controller (compiled into dist/ by `npm test`) from a Jest suite.
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
    const services = new PrivateServices(spawn(process.execPath, [script], { stdio: ['pipe', 'pipe', 'pipe'] }));
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

  async quit(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    await this.send('quit').catch(() => undefined);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 60_000);
    await exited;
    clearTimeout(timer);
    this.child.stdout.destroy();
    this.child.stderr.destroy();
  }
}
