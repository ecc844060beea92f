// Before duban's processes start (npm start and npm run cluster): migrations, then on a first run
// the demo data or the one-time admin.
import { createDataSource, migrate, PlanRepository } from '@duban/db';
import { closeClient, connectClient, startMeasureWorkflows, temporalTlsOptions } from '@duban/temporal';
import { seedOnStart, type InitialAdmin } from '../../../seeds/seed';
import type { AppConfig } from '../config';

/**
 * Migrations, then on first run only: the sample organization and the 2022 plan (with its
 * workflows) for a demo, or one one-time admin on a real bureau's database.
 */
export async function prepareDatabase(url: string, temporalAddress: string, config: AppConfig, options: { demo: boolean; dataDir: string }): Promise<InitialAdmin | undefined> {
  const dataSource = createDataSource(url);
  await dataSource.initialize();
  try {
    const applied = await migrate(dataSource);
    if (applied.length) console.log(`duban: applied migrations ${applied.join(', ')}`);
    const seed = await seedOnStart(dataSource, options);
    if (seed.kind === 'initial-admin') {
      if (seed.admin) console.log(`duban: created the initial admin \`${seed.admin.username}\`; its one-time password is in ${seed.admin.passwordFile} (readable by you only)`);
      return seed.admin;
    }
    const seeded = seed.seeded;
    if (seeded) {
      const { counts } = seeded.plan;
      console.log(
        `duban: seeded the sample organization (${seeded.departments} departments, ${seeded.users} users) and the ${seeded.plan.year} plan ` +
          `(${counts.targets} targets, ${counts.sections} sections, ${counts.measures} measures)`,
      );
      const client = await connectClient({ address: temporalAddress, namespace: config.temporalNamespace, ...temporalTlsOptions(config) });
      try {
        const started = await startMeasureWorkflows(client, config.taskQueue, await new PlanRepository(dataSource).measuresToStart(seeded.plan.year));
        console.log(`duban: started ${started} measure workflows`);
      } finally {
        await closeClient(client);
      }
    }
    return undefined;
  } finally {
    await dataSource.destroy();
  }
}

export function initialAdminNote(admin: InitialAdmin | undefined): string[] {
  if (!admin) return ['  Sign in with your accounts (no demo accounts on this database).'];
  return [
    `  Initial admin  ${admin.username}; one-time password in ${admin.passwordFile}`,
    '                 (change it at first sign-in, then delete the file)',
  ];
}

