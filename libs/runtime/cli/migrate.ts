// `npm run migrate`: applies pending migrations to DATABASE_URL (or the embedded PostgreSQL).
import { createDataSource, migrate } from '@duban/db';
import { loadConfig } from '../config';
import { runCli } from '../errors';
import { dataDir } from '../paths';
import { acquireInstanceLock } from '../services/instance-lock';
import { startEmbeddedPostgres } from '../services/embedded-postgres';
import * as path from 'node:path';

runCli(async () => {
  const config = loadConfig();
  let url = config.databaseUrl;
  let stop = async () => undefined as void;
  if (!url) {
    const release = acquireInstanceLock(dataDir());
    const pg = await startEmbeddedPostgres({ dataDir: path.join(dataDir(), 'postgres'), port: config.postgresPort, database: 'duban' });
    url = pg.url;
    stop = async () => {
      await pg.stop();
      release();
    };
  }
  const dataSource = createDataSource(url);
  try {
    await dataSource.initialize();
    const applied = await migrate(dataSource);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await stop();
  }
});
