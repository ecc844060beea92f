// A measure's state stays bounded however much is reported on it: a year of weekly reports with the
// longest notes and the most evidence the API accepts, then 1,000 reports in a burst. The measure
// keeps taking commands, escalates, continues as new; its detail read stays small (paged timeline);
// whatever would not fit into Temporal is refused with a 4xx before it gets there.
import { Client, Connection } from '@temporalio/client';
import { TEXT_LIMITS } from '@duban/domain';
import { addPlanMeasure, daysFromNow, testServices } from './helpers/services';
import { startTestSystem, type TestSystem } from './helpers/system';

let system: TestSystem;
let client: Client;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  system = await startTestSystem('bounded-state');
  client = new Client({ connection: await Connection.connect({ address: testServices().temporalAddress }) });
  for (const user of ['admin', 'leader1', 'soil.head', 'soil.staff1']) tokens[user] = await system.login(user);
}, 60_000);

afterAll(async () => {
  await client?.connection.close();
  await system?.stop();
});

const post = (path: string, user: string, body: unknown = {}) => system.call('POST', path, { token: tokens[user], body });

/** In parallel, `concurrency` at a time; every answer's status. */
async function inParallel(count: number, concurrency: number, send: (i: number) => Promise<{ status: number }>): Promise<number[]> {
  const statuses: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) statuses.push((await send(next++)).status);
    }),
  );
  return statuses;
}

async function runsOf(id: string): Promise<number> {
  return (await client.workflow.count(`WorkflowId = 'measure-${id}'`)).count;
}

describe('bounded measure state', () => {
  it('a year of maximal weekly reports and a burst of 1,000 leave the measure working, escalating and small', async () => {
    const id = await addPlanMeasure(system.dataSource, 'soil');
    expect((await post(`/measures/${id}/start`, 'admin')).status).toBe(200);
    expect((await post(`/measures/${id}/assign`, 'soil.head', { assigneeId: 'soil.staff1', leadDepartment: 'soil', dueDate: daysFromNow(300) })).status).toBe(200);
    expect((await post(`/measures/${id}/accept`, 'soil.staff1')).status).toBe(200);

    // 52 weekly reports, each with the longest note and the most, longest evidence descriptions.
    const note = '汉'.repeat(TEXT_LIMITS.note);
    const evidence = (week: number) => Array.from({ length: TEXT_LIMITS.evidenceCount }, (_, i) => `第${week}周佐证${i}：${'材'.repeat(TEXT_LIMITS.evidence - 12)}`);
    const weekly = await inParallel(52, 4, (week) => post(`/measures/${id}/progress`, 'soil.staff1', { percent: Math.min(100, week), note, evidence: evidence(week) }));
    expect(weekly.filter((s) => s !== 200)).toEqual([]);

    const burst = await inParallel(1000, 16, (i) => post(`/measures/${id}/progress`, 'soil.staff1', { note: `第 ${i + 1} 次报送` }));
    expect(burst.filter((s) => s !== 200)).toEqual([]);

    // Still takes commands, and escalates: a leader records that the work was due three weeks ago.
    const reassigned = await post(`/measures/${id}/reassign`, 'leader1', {
      assigneeId: 'soil.staff1',
      leadDepartment: 'soil',
      dueDate: daysFromNow(-21),
      assignedOn: daysFromNow(-60),
      backdateReason: '补录：原定期限',
    });
    expect(reassigned.status).toBe(200);
    const deadline = Date.now() + 30_000;
    let escalations = 0;
    while (Date.now() < deadline && escalations === 0) {
      const [{ n }]: Array<{ n: number }> = await system.dataSource.query(
        `SELECT count(*)::int AS n FROM measure_events WHERE measure_id = $1 AND type = 'escalation' AND occurred_at > now() - interval '1 minute'`,
        [id],
      );
      escalations = n;
      if (n === 0) await new Promise((r) => setTimeout(r, 250));
    }
    expect(escalations).toBe(1);
    // Past 督办 at once: the ladder's own 督办单 is issued too, one event of its own on the timeline.
    let notices = 0;
    while (Date.now() < deadline + 30_000 && notices === 0) {
      const [{ n }]: Array<{ n: number }> = await system.dataSource.query(`SELECT count(*)::int AS n FROM directives WHERE measure_id = $1 AND kind = 'notice' AND issued_by = 'system'`, [id]);
      notices = n;
      if (n === 0) await new Promise((r) => setTimeout(r, 250));
    }
    expect(notices).toBe(1);

    // Every report is on the record; the workflow started new runs instead of growing one history.
    const [{ reports }]: Array<{ reports: number }> = await system.dataSource.query(`SELECT count(*)::int AS reports FROM measure_events WHERE measure_id = $1 AND type = 'reportProgress'`, [id]);
    expect(reports).toBe(1052);
    expect(await runsOf(id)).toBeGreaterThan(1);

    // The state and the detail read stay small: the latest report's references, a page of the timeline.
    const detail = await system.call('GET', `/measures/${id}`, { token: tokens['soil.head'] });
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ eventTotal: 1057, state: 'assigned' });
    expect((detail.body.events as unknown[]).length).toBe(50);
    expect(JSON.stringify(detail.body).length).toBeLessThan(400_000);
    const [{ size }]: Array<{ size: number }> = await system.dataSource.query('SELECT length(snapshot::text) AS size FROM measure_states WHERE measure_id = $1', [id]);
    expect(size).toBeLessThan(64_000);
    const live = await client.workflow.getHandle(`measure-${id}`).describe();
    expect(live.status.name).toBe('RUNNING');

    // Older pages of the timeline, oldest first within a page; the very first event is the assignment.
    const oldest = await system.call('GET', `/measures/${id}/events?offset=1007&limit=50`, { token: tokens['soil.head'] });
    expect(oldest.status).toBe(200);
    expect((oldest.body.events as Array<{ type: string }>).map((e) => e.type).slice(0, 3)).toEqual(['assign', 'accept', 'reportProgress']);
    expect(await system.call('GET', `/measures/${id}/events?limit=1000`, { token: tokens['soil.head'] })).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
  }, 600_000);

  it('refuses what would not fit into a workflow with a 4xx, and the measure goes on', async () => {
    const id = await addPlanMeasure(system.dataSource, 'soil');
    await post(`/measures/${id}/start`, 'admin');
    await post(`/measures/${id}/assign`, 'soil.head', { assigneeId: 'soil.staff1', leadDepartment: 'soil', dueDate: daysFromNow(90) });
    await post(`/measures/${id}/accept`, 'soil.staff1');
    const tooLong = await post(`/measures/${id}/progress`, 'soil.staff1', { note: 'x'.repeat(TEXT_LIMITS.note + 1) });
    expect(tooLong).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    const tooMany = await post(`/measures/${id}/progress`, 'soil.staff1', { note: 'n', evidence: Array.from({ length: TEXT_LIMITS.evidenceCount + 1 }, () => 'e') });
    expect(tooMany).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    const huge = await post(`/measures/${id}/progress`, 'soil.staff1', { note: 'n', padding: 'x'.repeat(3_000_000) });
    expect(huge.status).toBeGreaterThanOrEqual(400);
    expect(huge.status).toBeLessThan(500);
    expect(typeof huge.body.message).toBe('string');
    expect(await post(`/measures/${id}/progress`, 'soil.staff1', { percent: 10 })).toMatchObject({ status: 200, body: { progress: { percent: 10 } } });
  }, 120_000);
});
