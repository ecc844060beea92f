// `npm run plan:import -- <file>`: imports a plan document into the running system's database.
// The file may be .docx, .xlsx, a PDF with a text layer, .html or .txt (UTF-8/GB18030), ≤ 50 MB,
// recognised by its content (the same reading as POST /plans/import).
import * as fs from 'node:fs';
import * as os from 'node:os';
import { AdminAuditRepository, createDataSource, PlanRepository } from '@duban/db';
import { loadConfig, PrerequisiteError, runCli, runningServices } from '@duban/runtime';
import { closeClient, connectClient, temporalTlsOptions } from '@duban/temporal';
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
  const config = loadConfig();
  const { databaseUrl, temporalAddress } = await runningServices(config);
  const dataSource = createDataSource(databaseUrl);
  await dataSource.initialize();
  const client = await connectClient({ address: temporalAddress, namespace: config.temporalNamespace, ...temporalTlsOptions(config) });
  try {
    // An operator at the server's shell: recorded in the admin audit stream as the system's own act.
    const audit = { repository: new AdminAuditRepository(dataSource), actorId: `cli:${os.userInfo().username}`, actorRole: 'system' };
    const report = await importPlanDocument(new PlanRepository(dataSource), { client, taskQueue: config.taskQueue }, bytes, audit);
    console.log(JSON.stringify(report, null, 2));
  } catch (error) {
    if (error instanceof DomainError) throw new PrerequisiteError(error.message);
    throw error;
  } finally {
    await closeClient(client);
    await dataSource.destroy();
  }
});
