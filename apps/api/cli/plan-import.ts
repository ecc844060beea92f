// `npm run plan:import -- <file>`: imports a plan document into the running system's database.
import * as fs from 'node:fs';
import { createDataSource, PlanRepository } from '@duban/db';
import { loadConfig, PrerequisiteError, runCli, runningServices } from '@duban/runtime';
import { DomainError } from '../errors/domain-error';
import { importPlanDocument } from '../plan/plan-import';

runCli(async () => {
  const file = process.argv[2];
  if (!file) throw new PrerequisiteError('usage: npm run plan:import -- <plan document file>');
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    throw new PrerequisiteError(`cannot read ${file}: no such file, or not a readable file`);
  }
  const { databaseUrl } = await runningServices(loadConfig());
  const dataSource = createDataSource(databaseUrl);
  await dataSource.initialize();
  try {
    const report = await importPlanDocument(new PlanRepository(dataSource), bytes);
    console.log(JSON.stringify(report, null, 2));
  } catch (error) {
    if (error instanceof DomainError) throw new PrerequisiteError(error.message);
    throw error;
  } finally {
    await dataSource.destroy();
  }
});
