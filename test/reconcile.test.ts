// `npm run reconcile` logic: a projection that lost events (e.g. restored from an old backup) is
// repaired from the workflow's own history, and then reports nothing to repair.
import { Client } from '@temporalio/client';
import { createDataSource, migrate } from '@duban/db';
import { reconcile } from '../apps/worker/reconcile';
import { seedFirstRun } from '../seeds/seed';
import { addPlanMeasure, daysFromNow, testServices } from './helpers/services';
import { startTestSystem, type TestSystem } from './helpers/system';
import { createIsolatedDatabase } from './helpers/time-skipping';

let system: TestSystem & { taskQueue: string };
const tokens: Record<string, string> = {};

beforeAll(async () => {
  // A database of its own: this suite loses events on purpose, which every other suite's
  // /audit/verify would rightly report while it lasts.
  const databaseUrl = await createIsolatedDatabase(testServices().databaseUrl, 'reconcile');
  const setup = createDataSource(databaseUrl);
  await setup.initialize();
  await migrate(setup);
  await seedFirstRun(setup);
  await setup.destroy();
  system = await startTestSystem('reconcile', { services: { temporalAddress: testServices().temporalAddress, databaseUrl } });
  for (const user of ['admin', 'law.head', 'law.staff1', 'supervisor1']) tokens[user] = await system.login(user);
}, 60_000);

afterAll(() => system?.stop());

const post = (path: string, user: string, body: unknown = {}) => system.call('POST', path, { token: tokens[user], body });

/** measure_events is append-only: a test that loses events on purpose turns the trigger off for its own transaction only. */
async function deleteEvents(sql: string, params: unknown[]): Promise<void> {
  await system.dataSource.transaction(async (manager) => {
    await manager.query('ALTER TABLE measure_events DISABLE TRIGGER measure_events_no_update_delete');
    await manager.query(sql, params);
    await manager.query('ALTER TABLE measure_events ENABLE TRIGGER measure_events_no_update_delete');
  });
}

describe('reconcile', () => {
  it('restores lost events and the projection from workflow history, then finds everything in sync', async () => {
    const id = await addPlanMeasure(system.dataSource, 'law');
    await post(`/measures/${id}/start`, 'admin');
    await post(`/measures/${id}/assign`, 'law.head', { assigneeId: 'law.staff1', leadDepartment: 'law', dueDate: daysFromNow(80) });
    await post(`/measures/${id}/accept`, 'law.staff1');
    await post(`/measures/${id}/progress`, 'law.staff1', { percent: 20 });

    // Lose the last two events and roll the projection back, as a stale restore would.
    await deleteEvents('DELETE FROM measure_events WHERE measure_id = $1 AND sequence > 1', [id]);
    await system.dataSource.query(`UPDATE measure_states SET last_sequence = 1, state = 'assigned' WHERE measure_id = $1`, [id]);

    const client = system.app.get(Client);
    // The events were written by local activities from the Updates' own tasks: the history has their
    // markers (with the event as result), and no activity task whose input reconcile could read.
    const history = await client.workflow.getHandle(`measure-${id}`).fetchHistory();
    const markers = (history.events ?? []).filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity');
    expect(markers.length).toBeGreaterThanOrEqual(4); // the calendar, then three events
    expect((history.events ?? []).filter((e) => e.activityTaskScheduledEventAttributes)).toEqual([]);
    const report = await reconcile(client, system.dataSource, system.taskQueue, { measureIds: [id] });
    expect(report).toMatchObject({ checked: 1, inSync: 0, unresolved: [], repaired: [{ measureId: id, projectedSequence: 1, liveSequence: 3, eventsRestored: 2 }] });
    const rows: Array<{ sequence: number; type: string }> = await system.dataSource.query(
      'SELECT sequence, type FROM measure_events WHERE measure_id = $1 ORDER BY sequence',
      [id],
    );
    expect(rows.map((r) => r.type)).toEqual(['assign', 'accept', 'reportProgress']);
    const [state] = await system.dataSource.query('SELECT state, last_sequence FROM measure_states WHERE measure_id = $1', [id]);
    expect(state).toEqual({ state: 'in_progress', last_sequence: 3 });
    // The audit rows survived; restoring did not chain them twice.
    const [audit] = await system.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE content->>'measureId' = $1`, [id]);
    expect(audit.n).toBe(3);

    expect(await reconcile(client, system.dataSource, system.taskQueue, { measureIds: [id] })).toMatchObject({ checked: 1, inSync: 1, repaired: [] });
  });

  it('restores a finding’s lost events from its rectification workflow’s history', async () => {
    const id = await addPlanMeasure(system.dataSource, 'law');
    await post(`/measures/${id}/start`, 'admin');
    await post(`/measures/${id}/assign`, 'law.head', { assigneeId: 'law.staff1', leadDepartment: 'law', dueDate: daysFromNow(80) });
    await post(`/measures/${id}/accept`, 'law.staff1');
    const inspected = await post(`/measures/${id}/inspections`, 'supervisor1', { findings: [{ description: '执法记录不全', dueDate: daysFromNow(20) }] });
    const findingId = (inspected.body.findings as Array<{ findingId: string }>)[0].findingId;
    expect(await post(`/findings/${findingId}/rectification`, 'law.staff1', { note: '已补齐' })).toMatchObject({ status: 200, body: { sequence: 2 } });
    const workflowId = `finding-${findingId}`;
    // Submitted the moment the finding was filed: the opening is still the finding's first event.
    const recorded: Array<{ type: string }> = await system.dataSource.query('SELECT type FROM measure_events WHERE workflow_id = $1 ORDER BY sequence', [workflowId]);
    expect(recorded.map((e) => e.type)).toEqual(['findingOpened', 'rectificationSubmitted']);

    // A stale restore: the rectification's event (and its notices) gone, the finding back to open.
    await system.dataSource.query('DELETE FROM notifications WHERE event_id IN (SELECT event_id FROM measure_events WHERE workflow_id = $1 AND sequence > 1)', [workflowId]);
    await deleteEvents('DELETE FROM measure_events WHERE workflow_id = $1 AND sequence > 1', [workflowId]);
    await system.dataSource.query(`UPDATE findings SET last_sequence = 1, status = 'open' WHERE finding_id = $1`, [findingId]);

    const client = system.app.get(Client);
    const report = await reconcile(client, system.dataSource, system.taskQueue, { measureIds: [id] });
    expect(report).toMatchObject({ checked: 1, inSync: 1, unresolved: [], findings: { checked: 1, inSync: 0, repaired: [{ findingId, projectedSequence: 1, liveSequence: 2, eventsRestored: 1 }] } });
    const [finding] = await system.dataSource.query('SELECT status, last_sequence FROM findings WHERE finding_id = $1', [findingId]);
    expect(finding).toEqual({ status: 'submitted', last_sequence: 2 });
    expect((await reconcile(client, system.dataSource, system.taskQueue, { measureIds: [id] })).findings).toMatchObject({ checked: 1, inSync: 1, repaired: [] });
  });
});
