// The admin audit stream under concurrent writers (plain, inside callers' transactions, rolled
// back), past id 9: verify walks it in numeric id order and the head is the newest row.
import { AdminAuditRepository, createDataSource, migrate } from '@duban/db';
import { createIsolatedDatabase } from './helpers/time-skipping';
import { testServices } from './helpers/services';

it('stays one chain with many concurrent writers, verified in id order, head the newest row', async () => {
  const ds = createDataSource(await createIsolatedDatabase(testServices().databaseUrl, 'admin-audit-order'));
  await ds.initialize();
  try {
    await migrate(ds);
    const repo = new AdminAuditRepository(ds);
    const entry = (target: string) => ({ actorId: 'admin', actorRole: 'admin', action: 'user.update', target });
    await Promise.all(
      Array.from({ length: 60 }, async (_, i) => {
        if (i % 3 === 0) return repo.record(entry(`plain:${i}`));
        if (i % 3 === 1) return ds.transaction(async (m) => {
          await repo.record(entry(`first:${i}`), m);
          await repo.record(entry(`second:${i}`), m);
        });
        return ds.transaction(async (m) => {
          await repo.record(entry(`rolled-back:${i}`), m);
          throw new Error('rollback');
        }).catch(() => undefined);
      }),
    );
    const [{ n, max }] = await ds.query('SELECT count(*)::int AS n, max(id)::text AS max FROM admin_audit_log');
    expect(n).toBe(60);
    expect(await repo.verify({ batchSize: 7 })).toMatchObject({ ok: true, rows: 60, lastId: max });
    expect(await repo.head()).toMatchObject({ count: 60, id: max });
  } finally {
    await ds.destroy();
  }
});
