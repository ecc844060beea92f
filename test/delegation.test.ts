// 委托代理 on the real Temporal dev server and PostgreSQL: a head names a deputy for a period; the
// deputy acts for the head only by saying so (X-Acting-For), only while the delegation is active
// today (Beijing), and every decision records "on behalf of" — in the event, its audit row and the
// timeline. Refusals record nothing. Who may create, revoke and list, cell by cell.
import { addCalendarDays, beijingDate } from '@duban/domain';
import { addPlanMeasure, daysFromNow } from './helpers/services';
import { startTestSystem, type ApiResponse, type TestSystem } from './helpers/system';

jest.setTimeout(120_000);

const PEOPLE = ['admin', 'leader1', 'supervisor1', 'water.head', 'water.staff1', 'water.staff2', 'air.head', 'air.staff1', 'soil.head', 'soil.staff1'] as const;
type Who = (typeof PEOPLE)[number];

let system: TestSystem;
const tokens: Record<string, string> = {};
const today = beijingDate(Date.now());
const day = (n: number) => addCalendarDays(today, n);

beforeAll(async () => {
  system = await startTestSystem('delegation');
  for (const who of PEOPLE) tokens[who] = await system.login(who);
}, 60_000);

afterAll(async () => {
  // Leave no delegation of this suite running for the suites that share the database.
  await system?.dataSource
    .query(`UPDATE delegations SET revoked_at = now(), revoked_by = 'admin' WHERE revoked_at IS NULL AND principal_id = ANY($1)`, [['water.head', 'air.head', 'soil.head']])
    .catch(() => undefined);
  await system?.stop();
});

const call = (method: string, path: string, who: Who, body?: unknown, actingFor?: string) =>
  system.call(method, path, { token: tokens[who], body, headers: actingFor ? { 'x-acting-for': actingFor } : {} });
const ok = async (response: Promise<ApiResponse>, status = 200) => {
  const r = await response;
  if (r.status !== status) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
  return r;
};
const refused = async (response: Promise<ApiResponse>, status: number, code: string) => {
  const r = await response;
  expect({ status: r.status, code: r.body.code }).toEqual({ status, code });
  expect(typeof r.body.message).toBe('string');
  return r;
};
const eventCount = async (measureId: string): Promise<number> =>
  (await system.dataSource.query('SELECT count(*)::int AS n FROM measure_events WHERE measure_id = $1', [measureId]))[0].n;
const counts = async () => {
  const [row] = await system.dataSource.query(
    `SELECT (SELECT count(*)::int FROM delegations) AS delegations, (SELECT count(*)::int FROM admin_audit_log WHERE action LIKE 'delegation.%') AS audited`,
  );
  return row as { delegations: number; audited: number };
};
const assignment = { assigneeId: 'water.staff1', leadDepartment: 'water', dueDate: daysFromNow(60) };

async function startedWaterMeasure(): Promise<string> {
  const id = await addPlanMeasure(system.dataSource, 'water');
  await ok(call('POST', `/measures/${id}/start`, 'admin'));
  return id;
}

describe('a deputy acts for the head, on the record', () => {
  let delegationId: string;

  it('water.head names water.staff2 for today … +5 days: active, audited', async () => {
    const before = await counts();
    const created = await ok(call('POST', '/delegations', 'water.head', { deputyId: 'water.staff2', startsOn: today, endsOn: day(5), reason: '出差学习' }), 201);
    expect(created.body).toMatchObject({
      principalId: 'water.head',
      deputyId: 'water.staff2',
      departmentCode: 'water',
      startsOn: today,
      endsOn: day(5),
      reason: '出差学习',
      status: 'active',
      statusLabel: '生效中',
      createdBy: 'water.head',
      revokedAt: null,
    });
    delegationId = created.body.id as string;
    expect(await counts()).toEqual({ delegations: before.delegations + 1, audited: before.audited + 1 });
    const [audit] = await system.dataSource.query(`SELECT actor_id, actor_role, after FROM admin_audit_log WHERE action = 'delegation.create' AND target = $1`, [`delegation:${delegationId}`]);
    expect(audit).toMatchObject({ actor_id: 'water.head', actor_role: 'department_head', after: { deputyId: 'water.staff2', startsOn: today, endsOn: day(5) } });
  });

  it('with X-Acting-For the deputy assigns and approves; the events say 代 water.head; the audit record stays whole', async () => {
    const id = await startedWaterMeasure();
    // Without the header water.staff2 is only themselves: a 承办人 may not 交办.
    await refused(call('POST', `/measures/${id}/assign`, 'water.staff2', assignment), 403, 'NOT_ALLOWED');
    expect(await eventCount(id)).toBe(0);

    await ok(call('POST', `/measures/${id}/assign`, 'water.staff2', assignment, 'water.head'));
    await ok(call('POST', `/measures/${id}/accept`, 'water.staff1'));
    await ok(call('POST', `/measures/${id}/submit`, 'water.staff1', { note: '已完成' }));

    // Acting for the head, the deputy sees the head's tasks; as themselves, their own.
    const headTasks = await ok(call('GET', '/me/tasks', 'water.staff2', undefined, 'water.head'));
    expect((headTasks.body.items as Array<{ kind: string; measureId: string }>).filter((t) => t.measureId === id).map((t) => t.kind)).toEqual(['review']);
    const ownTasks = await ok(call('GET', '/me/tasks', 'water.staff2'));
    expect((ownTasks.body.items as Array<{ measureId: string }>).some((t) => t.measureId === id)).toBe(false);
    await refused(call('POST', `/measures/${id}/approve`, 'water.staff2', {}), 403, 'NOT_ALLOWED');

    const approved = await ok(call('POST', `/measures/${id}/approve`, 'water.staff2', { comment: '同意办结' }, 'water.head'));
    expect(approved.body).toMatchObject({ state: 'completed' });

    const detail = await ok(call('GET', `/measures/${id}`, 'water.head'));
    const events = detail.body.events as Array<{ type: string; actorId: string; actorRole: string; onBehalfOf?: string }>;
    expect(events.map((e) => ({ type: e.type, actorId: e.actorId, actorRole: e.actorRole, onBehalfOf: e.onBehalfOf }))).toEqual([
      { type: 'assign', actorId: 'water.staff2', actorRole: 'department_head', onBehalfOf: 'water.head' },
      { type: 'accept', actorId: 'water.staff1', actorRole: 'staff', onBehalfOf: undefined },
      { type: 'submitForReview', actorId: 'water.staff1', actorRole: 'staff', onBehalfOf: undefined },
      { type: 'approve', actorId: 'water.staff2', actorRole: 'department_head', onBehalfOf: 'water.head' },
    ]);
    const timeline = await ok(call('GET', `/measures/${id}/events?offset=0&limit=10`, 'water.head'));
    expect((timeline.body.events as Array<{ onBehalfOf?: string }>).map((e) => e.onBehalfOf ?? null)).toEqual(['water.head', null, null, 'water.head']);

    const rows = await system.dataSource.query(`SELECT type, actor_id, actor_role, on_behalf_of FROM measure_events WHERE measure_id = $1 ORDER BY sequence`, [id]);
    expect(rows).toEqual([
      { type: 'assign', actor_id: 'water.staff2', actor_role: 'department_head', on_behalf_of: 'water.head' },
      { type: 'accept', actor_id: 'water.staff1', actor_role: 'staff', on_behalf_of: null },
      { type: 'submitForReview', actor_id: 'water.staff1', actor_role: 'staff', on_behalf_of: null },
      { type: 'approve', actor_id: 'water.staff2', actor_role: 'department_head', on_behalf_of: 'water.head' },
    ]);
    // The audit chain holds the actor as recorded, "on behalf of" included only where it was.
    const audit = await system.dataSource.query(`SELECT content->'actor' AS actor FROM audit_log WHERE stream = $1 ORDER BY stream_seq`, [id]);
    expect(audit.map((r: { actor: Record<string, unknown> }) => r.actor.onBehalfOf ?? null)).toEqual(['water.head', null, null, 'water.head']);
    expect(audit[1].actor).not.toHaveProperty('onBehalfOf');

    const verified = await ok(call('GET', '/audit/verify', 'supervisor1'));
    expect(verified.body).toMatchObject({ ok: true, events: { ok: true } });
  });

  it('keeps the head the reviewer when the deputy assigned, and never lets the deputy approve their own work', async () => {
    const id = await startedWaterMeasure();
    await ok(call('POST', `/measures/${id}/assign`, 'water.staff2', { ...assignment, assigneeId: 'water.staff2' }, 'water.head'));
    const assigned = await ok(call('GET', `/measures/${id}`, 'water.head'));
    expect(assigned.body.headId).toBe('water.head');
    await ok(call('POST', `/measures/${id}/accept`, 'water.staff2'));
    await ok(call('POST', `/measures/${id}/submit`, 'water.staff2', { note: '已完成' }));
    const before = await eventCount(id);
    await refused(call('POST', `/measures/${id}/approve`, 'water.staff2', {}, 'water.head'), 403, 'MEASURE_WRONG_PERSON');
    await refused(call('POST', `/measures/${id}/return`, 'water.staff2', { comment: '再改' }, 'water.head'), 403, 'MEASURE_WRONG_PERSON');
    expect(await eventCount(id)).toBe(before);
    await ok(call('POST', `/measures/${id}/approve`, 'water.head', {}));
  });

  it('an active delegation of another head, or none, gives no authority: 403 DELEGATION_NOT_ACTIVE, nothing recorded', async () => {
    await ok(call('POST', '/delegations', 'air.head', { deputyId: 'air.staff1', startsOn: today, endsOn: day(2) }), 201);
    const id = await startedWaterMeasure();
    // water.staff2 holds no delegation of air.head; air.staff1's delegation is air's, not water's.
    await refused(call('POST', `/measures/${id}/assign`, 'water.staff2', assignment, 'air.head'), 403, 'DELEGATION_NOT_ACTIVE');
    await refused(call('POST', `/measures/${id}/assign`, 'air.staff1', assignment, 'water.head'), 403, 'DELEGATION_NOT_ACTIVE');
    // air.staff1 acting for air.head is air's head: a water measure is not theirs.
    await refused(call('POST', `/measures/${id}/assign`, 'air.staff1', assignment, 'air.head'), 403, 'MEASURE_WRONG_DEPARTMENT');
    await refused(call('GET', '/me/tasks', 'water.staff1', undefined, 'water.head'), 403, 'DELEGATION_NOT_ACTIVE');
    await refused(call('GET', '/me/tasks', 'water.staff2', undefined, 'water.staff2'), 403, 'DELEGATION_NOT_ACTIVE');
    await refused(call('GET', '/me/tasks', 'water.staff2', undefined, 'Robert;drop'), 400, 'VALIDATION_FAILED');
    expect(await eventCount(id)).toBe(0);
  });

  it('an expired or a future delegation gives no authority', async () => {
    // An expired one cannot be created any more (dates before today are refused): it is written as it stood.
    await system.dataSource.query(
      `INSERT INTO delegations (principal_id, deputy_id, department_code, starts_on, ends_on, created_by) VALUES ('soil.head', 'soil.staff1', 'soil', $1, $2, 'soil.head')`,
      [day(-10), day(-3)],
    );
    const soil = await addPlanMeasure(system.dataSource, 'soil');
    await ok(call('POST', `/measures/${soil}/start`, 'admin'));
    const expired = await refused(
      call('POST', `/measures/${soil}/assign`, 'soil.staff1', { assigneeId: 'soil.staff1', leadDepartment: 'soil', dueDate: daysFromNow(30) }, 'soil.head'),
      403,
      'DELEGATION_NOT_ACTIVE',
    );
    expect(expired.body.message).toContain('委托已到期');
    expect(await eventCount(soil)).toBe(0);

    await ok(call('POST', '/delegations', 'water.head', { deputyId: 'water.staff1', startsOn: day(10), endsOn: day(12) }), 201);
    const id = await startedWaterMeasure();
    const future = await refused(call('POST', `/measures/${id}/assign`, 'water.staff1', assignment, 'water.head'), 403, 'DELEGATION_NOT_ACTIVE');
    expect(future.body.message).toContain('委托尚未开始');
    expect(await eventCount(id)).toBe(0);
  });

  it('a delegation counts only while the head still heads its department', async () => {
    // As if soil.head had headed water when naming the deputy, and been moved since.
    await system.dataSource.query(
      `INSERT INTO delegations (principal_id, deputy_id, department_code, starts_on, ends_on, created_by) VALUES ('soil.head', 'soil.staff1', 'water', $1, $2, 'admin')`,
      [today, day(3)],
    );
    const id = await startedWaterMeasure();
    const refusal = await refused(call('POST', `/measures/${id}/assign`, 'soil.staff1', assignment, 'soil.head'), 403, 'DELEGATION_NOT_ACTIVE');
    expect(refusal.body.message).toContain('委托人已不再担任该处室负责人');
    expect(await eventCount(id)).toBe(0);
  });

  it('the head revokes early; the deputy is refused from then on, and a revoked one cannot be revoked again', async () => {
    await refused(call('POST', `/delegations/${delegationId}/revoke`, 'water.staff2'), 403, 'NOT_ALLOWED');
    await refused(call('POST', `/delegations/${delegationId}/revoke`, 'water.staff2', undefined, 'water.head'), 403, 'NOT_ALLOWED');
    await refused(call('POST', `/delegations/${delegationId}/revoke`, 'air.head'), 404, 'DELEGATION_NOT_FOUND');
    const revoked = await ok(call('POST', `/delegations/${delegationId}/revoke`, 'water.head'));
    expect(revoked.body).toMatchObject({ status: 'revoked', statusLabel: '已撤销', revokedBy: 'water.head' });
    const [audit] = await system.dataSource.query(`SELECT actor_id, before, after FROM admin_audit_log WHERE action = 'delegation.revoke' AND target = $1`, [`delegation:${delegationId}`]);
    expect(audit).toMatchObject({ actor_id: 'water.head', before: { revokedAt: null }, after: { revokedBy: 'water.head' } });
    await refused(call('POST', `/delegations/${delegationId}/revoke`, 'water.head'), 409, 'DELEGATION_ENDED');

    const id = await startedWaterMeasure();
    const refusal = await refused(call('POST', `/measures/${id}/assign`, 'water.staff2', assignment, 'water.head'), 403, 'DELEGATION_NOT_ACTIVE');
    expect(refusal.body.message).toContain('委托已被撤销');
    expect(await eventCount(id)).toBe(0);
    await refused(call('POST', `/delegations/999999999/revoke`, 'admin'), 404, 'DELEGATION_NOT_FOUND');
    await refused(call('POST', `/delegations/abc/revoke`, 'admin'), 400, 'VALIDATION_FAILED');
  });
});

describe('the rules of a new delegation: 400 with a stable code, nothing written', () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['a deputy of another department', { deputyId: 'air.staff1', startsOn: day(30), endsOn: day(31) }, 'DELEGATION_DEPUTY_INVALID'],
    ['the head themselves', { deputyId: 'water.head', startsOn: day(30), endsOn: day(31) }, 'DELEGATION_DEPUTY_INVALID'],
    ['someone unknown', { deputyId: 'nobody.here', startsOn: day(30), endsOn: day(31) }, 'DELEGATION_DEPUTY_INVALID'],
    ['overlapping the one already set', { deputyId: 'water.staff2', startsOn: day(12), endsOn: day(14) }, 'DELEGATION_OVERLAP'],
    ['a start in the past', { deputyId: 'water.staff2', startsOn: day(-1), endsOn: day(3) }, 'DELEGATION_DATES_INVALID'],
    ['an end before the start', { deputyId: 'water.staff2', startsOn: day(31), endsOn: day(30) }, 'DELEGATION_DATES_INVALID'],
    ['more than 90 days', { deputyId: 'water.staff2', startsOn: day(20), endsOn: day(20 + 90) }, 'DELEGATION_DATES_INVALID'],
    ['a malformed date', { deputyId: 'water.staff2', startsOn: '2026-13-01', endsOn: day(3) }, 'VALIDATION_FAILED'],
    ['an unknown field', { deputyId: 'water.staff2', startsOn: day(30), endsOn: day(31), extra: 1 }, 'VALIDATION_FAILED'],
  ];
  it.each(cases)('%s', async (_, body, code) => {
    const before = await counts();
    const r = await refused(call('POST', '/delegations', 'water.head', body), 400, code);
    expect(r.body.message).not.toMatch(/error|exception/i);
    expect(await counts()).toEqual(before);
  });

  it('90 days exactly is allowed', async () => {
    const created = await ok(call('POST', '/delegations', 'water.head', { deputyId: 'water.staff2', startsOn: day(20), endsOn: day(20 + 89) }), 201);
    await ok(call('POST', `/delegations/${created.body.id as string}/revoke`, 'water.head'));
  });
});

describe('who may create, revoke and list', () => {
  it('only a head for themselves, or an admin for a head', async () => {
    const before = await counts();
    const body = { deputyId: 'soil.staff1', startsOn: day(40), endsOn: day(41) };
    for (const who of ['water.staff1', 'leader1', 'supervisor1'] as const) await refused(call('POST', '/delegations', who, body), 403, 'NOT_ALLOWED');
    await refused(call('POST', '/delegations', 'air.head', { ...body, principalId: 'soil.head' }), 403, 'NOT_ALLOWED');
    await refused(call('POST', '/delegations', 'air.staff1', { deputyId: 'air.head', startsOn: day(40), endsOn: day(41) }, 'air.head'), 403, 'NOT_ALLOWED');
    await refused(call('POST', '/delegations', 'admin', body), 400, 'VALIDATION_FAILED');
    await refused(call('POST', '/delegations', 'admin', { ...body, principalId: 'soil.staff1', deputyId: 'soil.head' }), 400, 'DELEGATION_PRINCIPAL_INVALID');
    expect(await counts()).toEqual(before);

    const byAdmin = await ok(call('POST', '/delegations', 'admin', { ...body, principalId: 'soil.head' }), 201);
    expect(byAdmin.body).toMatchObject({ principalId: 'soil.head', deputyId: 'soil.staff1', departmentCode: 'soil', createdBy: 'admin', status: 'scheduled' });
    const [audit] = await system.dataSource.query(`SELECT actor_id, actor_role FROM admin_audit_log WHERE action = 'delegation.create' AND target = $1`, [`delegation:${byAdmin.body.id as string}`]);
    expect(audit).toEqual({ actor_id: 'admin', actor_role: 'admin' });
    await refused(call('POST', `/delegations/${byAdmin.body.id as string}/revoke`, 'soil.staff1'), 403, 'NOT_ALLOWED');
    await refused(call('POST', `/delegations/${byAdmin.body.id as string}/revoke`, 'leader1'), 403, 'NOT_ALLOWED');
    await ok(call('POST', `/delegations/${byAdmin.body.id as string}/revoke`, 'admin'));
  });

  it('a head and a deputy list their own; an admin all; others nothing of theirs', async () => {
    const list = async (who: Who) => (await ok(call('GET', '/delegations', who))).body as unknown as Array<{ principalId: string; deputyId: string; status: string }>;
    const pairs = (rows: Array<{ principalId: string; deputyId: string }>) => new Set(rows.map((d) => `${d.principalId}>${d.deputyId}`));
    expect(pairs(await list('water.head'))).toEqual(new Set(['water.head>water.staff2', 'water.head>water.staff1']));
    expect(pairs(await list('water.staff2'))).toEqual(new Set(['water.head>water.staff2']));
    expect(pairs(await list('water.staff1'))).toEqual(new Set(['water.head>water.staff1']));
    expect(pairs(await list('air.staff1'))).toEqual(new Set(['air.head>air.staff1']));
    expect(await list('supervisor1')).toEqual([]);
    expect(await list('leader1')).toEqual([]);
    const all = pairs(await list('admin'));
    for (const pair of ['water.head>water.staff2', 'water.head>water.staff1', 'air.head>air.staff1', 'soil.head>soil.staff1']) expect(all.has(pair)).toBe(true);
    const soilStaff = await list('soil.staff1');
    expect(soilStaff.map((d) => d.status).sort()).toEqual(['active', 'ended', 'revoked']);
  });
});
