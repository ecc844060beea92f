// `npm run reconcile`: check every measure's projection against its workflow, repair, and say what.
import { createDataSource } from '@duban/db';
import { loadConfig, runCli, runningServices } from '@duban/runtime';
import { closeClient, connectClient, temporalTlsOptions } from '@duban/temporal';
import { reconcile } from './reconcile';

runCli(async () => {
  const config = loadConfig();
  const { temporalAddress, databaseUrl } = await runningServices(config);
  const dataSource = createDataSource(databaseUrl);
  await dataSource.initialize();
  const client = await connectClient({ address: temporalAddress, namespace: config.temporalNamespace, ...temporalTlsOptions(config) });
  try {
    const report = await reconcile(client, dataSource, config.taskQueue, { recordContext: { publicUrl: config.publicUrl } });
    console.log(`checked ${report.checked} measures: ${report.inSync} in sync, ${report.repaired.length} repaired, ${report.started.length} workflows started, ${report.closedPastRetention} closed (kept closed), ${report.unresolved.length} unresolved`);
    for (const r of report.repaired) console.log(`  repaired ${r.measureId}: projection ${r.projectedSequence} → ${r.liveSequence} (${r.eventsRestored} events restored)`);
    const f = report.findings;
    console.log(`checked ${f.checked} findings: ${f.inSync} in sync, ${f.repaired.length} repaired, ${f.pastRetention} closed and past the server's retention`);
    for (const r of f.repaired) console.log(`  repaired finding ${r.findingId}: projection ${r.projectedSequence} → ${r.liveSequence} (${r.eventsRestored} events restored)`);
    for (const id of report.started) console.log(`  started the missing workflow of ${id}`);
    for (const u of report.unresolved) console.log(`  UNRESOLVED ${u.findingId ?? u.measureId}: ${u.reason}`);
    return report.unresolved.length === 0 ? 0 : 1;
  } finally {
    await closeClient(client);
    await dataSource.destroy();
  }
});
