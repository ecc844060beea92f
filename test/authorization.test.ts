// Who may do what, by the organization: every measure route × every role, own and other
// department, on the real Temporal dev server and PostgreSQL. Each cell's exact status and code is
// asserted; a refused cell records nothing.
import { Client } from '@temporalio/client';
import { measureWorkflowId, parseMeasureId } from '@duban/domain';
import { PlanRepository } from '@duban/db';
import { startMeasureWorkflows } from '@duban/temporal';
import { reconcile } from '../apps/worker/reconcile';
import { addPlanMeasure, daysFromNow } from './helpers/services';
import { startTestSystem, type ApiResponse, type TestSystem } from './helpers/system';

jest.setTimeout(240_000);

/**
 * The cast: water (水生态环境处) leads the measures; air co-operates (协办), so its people read the
 * work but decide nothing; soil has nothing to do with them.
 */
const CAST = {
  admin: 'admin',
  leader: 'leader1',
  ownHead: 'water.head',
  otherHead: 'air.head',
  outsiderHead: 'soil.head',
  assignee: 'water.staff1',
  colleague: 'water.staff2',
  coStaff: 'air.staff1',
  outsider: 'soil.staff1',
  supervisor: 'supervisor1',
} as const;
type Who = keyof typeof CAST;
const EVERYONE = Object.keys(CAST) as Who[];

let system: TestSystem;
let taskQueue: string;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  const started = await startTestSystem('authorization');
  system = started;
  taskQueue = started.taskQueue;
  for (const user of Object.values(CAST)) tokens[user] = await system.login(user);
}, 60_000);

afterAll(() => system?.stop());

const call = (method: string, path: string, who: Who, body?: unknown) => system.call(method, path, { token: tokens[CAST[who]], body });
const ok = async (response: Promise<ApiResponse>) => {
  const r = await response;
  if (r.status !== 200) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
  return r;
};
const eventCount = async (measureId: string): Promise<number> =>
  (await system.dataSource.query('SELECT count(*)::int AS n FROM measure_events WHERE measure_id = $1', [measureId]))[0].n;

/** The finding's workflow records its opening a moment after the inspection: wait for it. */
async function findingProjected(findingId: string, status: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const [row] = await system.dataSource.query('SELECT status FROM findings WHERE finding_id = $1', [findingId]);
    if (row?.status === status) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`finding ${findingId} never reached ${status}`);
}

type Stage =
  | 'imported'
  | 'assigned'
  | 'in_progress'
  | 'under_review'
  | 'extension_pending'
  | 'completed'
  | 'finding_open'
  | 'finding_submitted'
  | 'with_evidence'
  | 'transfer_pending'
  | 'with_milestone'
  | 'with_outcome';

/** A 佐证材料 upload (multipart) as the web UI sends it. */
function upload(id: string, who: Who): Promise<ApiResponse> {
  const form = new FormData();
  form.append('file', new Blob(['台账'], { type: 'text/plain' }), '台账.txt');
  return fetch(`${system.baseUrl}/measures/${id}/evidence`, { method: 'POST', headers: { authorization: `Bearer ${tokens[CAST[who]]}` }, body: form }).then(async (r) => ({
    status: r.status,
    body: (await r.json()) as Record<string, unknown>,
    headers: r.headers,
  }));
}
const ASSIGNMENT = { assigneeId: CAST.assignee, leadDepartment: 'water', coDepartments: ['air'], dueDate: daysFromNow(60) };

/** A fresh measure of water's, brought to `stage` by the people whose work it is. */
async function prepare(stage: Stage): Promise<{ id: string; findingId?: string; fileId?: string }> {
  const id = await addPlanMeasure(system.dataSource, 'water');
  await ok(call('POST', `/measures/${id}/start`, 'admin'));
  if (stage === 'imported') return { id };
  const milestones = stage === 'with_milestone' ? [{ title: '完成方案', dueDate: daysFromNow(30) }] : [];
  await ok(call('POST', `/measures/${id}/assign`, 'ownHead', { ...ASSIGNMENT, milestones }));
  if (stage === 'assigned') return { id };
  await ok(call('POST', `/measures/${id}/accept`, 'assignee'));
  if (stage === 'with_milestone') return { id };
  if (stage === 'transfer_pending') {
    // water asks soil to take it over: soil's head (the outsider here) or a leader decides.
    await ok(call('POST', `/measures/${id}/transfer-requests`, 'ownHead', { toDepartment: 'soil', reason: '属土壤处职责' }));
    return { id };
  }
  if (stage === 'extension_pending') {
    await ok(call('POST', `/measures/${id}/extension-requests`, 'assignee', { newDueDate: daysFromNow(90), reason: '等待监测数据' }));
    return { id };
  }
  if (stage === 'finding_open' || stage === 'finding_submitted') {
    const inspected = await ok(call('POST', `/measures/${id}/inspections`, 'supervisor', { findings: [{ description: '台账不全', dueDate: daysFromNow(20) }] }));
    const findingId = (inspected.body.findings as Array<{ findingId: string }>)[0].findingId;
    await findingProjected(findingId, 'open');
    if (stage === 'finding_submitted') await ok(call('POST', `/findings/${findingId}/rectification`, 'assignee', { note: '已补齐' }));
    return { id, findingId };
  }
  if (stage === 'in_progress') return { id };
  if (stage === 'with_outcome') {
    await ok(call('POST', `/measures/${id}/accountability`, 'supervisor', { kind: '约谈', note: '逾期未报进展，约谈' }));
    return { id };
  }
  if (stage === 'with_evidence') return { id, fileId: (await upload(id, 'assignee')).body.id as string };
  await ok(call('POST', `/measures/${id}/submit`, 'assignee', { note: '已完成' }));
  if (stage === 'under_review') return { id };
  await ok(call('POST', `/measures/${id}/approve`, 'ownHead', {}));
  return { id };
}

type Expect = [number, string?];
const DENIED: Expect = [403, 'NOT_ALLOWED'];
const WRONG_DEPARTMENT: Expect = [403, 'MEASURE_WRONG_DEPARTMENT'];
const WRONG_PERSON: Expect = [403, 'MEASURE_WRONG_PERSON'];
const OK: Expect = [200];

interface RouteCase {
  route: string;
  stage: Stage;
  request: (target: { id: string; findingId?: string; fileId?: string }) => [string, string, unknown?];
  /** A request the JSON helper cannot make (an upload). */
  send?: (target: { id: string }, who: Who) => Promise<ApiResponse>;
  cells: Record<Who, Expect>;
  /** Reads change nothing, so every cell runs on one measure. */
  read?: boolean;
}

const only = (allowed: Partial<Record<Who, Expect>>, otherwise: Expect | ((who: Who) => Expect) = DENIED): Record<Who, Expect> =>
  Object.fromEntries(EVERYONE.map((who) => [who, allowed[who] ?? (typeof otherwise === 'function' ? otherwise(who) : otherwise)])) as Record<Who, Expect>;
const staffAre = (staffAnswer: Expect) => (who: Who) => (['assignee', 'colleague', 'coStaff', 'outsider'].includes(who) ? staffAnswer : DENIED);

const CASES: RouteCase[] = [
  {
    route: 'POST /measures/:id/assign',
    stage: 'imported',
    request: ({ id }) => ['POST', `/measures/${id}/assign`, ASSIGNMENT],
    cells: only({ leader: OK, ownHead: OK, otherHead: WRONG_DEPARTMENT, outsiderHead: WRONG_DEPARTMENT }),
  },
  {
    route: 'POST /measures/:id/reassign',
    stage: 'assigned',
    request: ({ id }) => ['POST', `/measures/${id}/reassign`, { ...ASSIGNMENT, assigneeId: CAST.colleague }],
    cells: only({ leader: OK, ownHead: OK, otherHead: WRONG_DEPARTMENT, outsiderHead: WRONG_DEPARTMENT }),
  },
  {
    route: 'POST /measures/:id/accept',
    stage: 'assigned',
    request: ({ id }) => ['POST', `/measures/${id}/accept`],
    cells: only({ assignee: OK }, staffAre(WRONG_PERSON)),
  },
  {
    route: 'POST /measures/:id/progress',
    stage: 'in_progress',
    request: ({ id }) => ['POST', `/measures/${id}/progress`, { note: '推进中' }],
    // Staff of the co-operating department (协办) add progress notes too.
    cells: only({ assignee: OK, coStaff: OK }, staffAre(WRONG_PERSON)),
  },
  {
    route: 'POST /measures/:id/submit',
    stage: 'in_progress',
    request: ({ id }) => ['POST', `/measures/${id}/submit`, { note: '已完成' }],
    cells: only({ assignee: OK }, staffAre(WRONG_PERSON)),
  },
  {
    route: 'POST /measures/:id/approve',
    stage: 'under_review',
    request: ({ id }) => ['POST', `/measures/${id}/approve`, {}],
    cells: only({ leader: OK, ownHead: OK, otherHead: WRONG_DEPARTMENT, outsiderHead: WRONG_DEPARTMENT }),
  },
  {
    route: 'POST /measures/:id/return',
    stage: 'under_review',
    request: ({ id }) => ['POST', `/measures/${id}/return`, { comment: '材料不全' }],
    cells: only({ leader: OK, ownHead: OK, otherHead: WRONG_DEPARTMENT, outsiderHead: WRONG_DEPARTMENT }),
  },
  {
    route: 'POST /measures/:id/extension-requests',
    stage: 'in_progress',
    request: ({ id }) => ['POST', `/measures/${id}/extension-requests`, { newDueDate: daysFromNow(90), reason: '等待监测数据' }],
    cells: only({ assignee: OK }, staffAre(WRONG_PERSON)),
  },
  {
    route: 'POST /measures/:id/extension-requests/:n/decision',
    stage: 'extension_pending',
    request: ({ id }) => ['POST', `/measures/${id}/extension-requests/1/decision`, { approve: true }],
    cells: only({ leader: OK, ownHead: OK, otherHead: WRONG_DEPARTMENT, outsiderHead: WRONG_DEPARTMENT }),
  },
  {
    route: 'POST /measures/:id/inspections',
    stage: 'in_progress',
    request: ({ id }) => ['POST', `/measures/${id}/inspections`, { findings: [{ description: '台账不全', dueDate: daysFromNow(20) }] }],
    cells: only({ supervisor: OK }),
  },
  {
    route: 'POST /measures/:id/cancel',
    stage: 'assigned',
    request: ({ id }) => ['POST', `/measures/${id}/cancel`, { reason: '并入其他事项' }],
    cells: only({ admin: OK }),
  },
  {
    route: 'POST /measures/:id/reopen',
    stage: 'completed',
    request: ({ id }) => ['POST', `/measures/${id}/reopen`, { reason: '误办结，需补充材料' }],
    cells: only({ admin: OK, leader: OK }),
  },
  {
    route: 'POST /measures/:id/decline',
    stage: 'assigned',
    request: ({ id }) => ['POST', `/measures/${id}/decline`, { reason: '不属于本人职责' }],
    cells: only({ assignee: OK }, staffAre(WRONG_PERSON)),
  },
  {
    route: 'POST /measures/:id/transfer-requests',
    stage: 'in_progress',
    request: ({ id }) => ['POST', `/measures/${id}/transfer-requests`, { toDepartment: 'soil', reason: '属土壤处职责' }],
    cells: only({ ownHead: OK, otherHead: WRONG_DEPARTMENT, outsiderHead: WRONG_DEPARTMENT }),
  },
  {
    route: 'POST /measures/:id/transfer-requests/:n/decision',
    stage: 'transfer_pending',
    request: ({ id }) => ['POST', `/measures/${id}/transfer-requests/1/decision`, { accept: true }],
    cells: only({ leader: OK, outsiderHead: OK, ownHead: WRONG_DEPARTMENT, otherHead: WRONG_DEPARTMENT }),
  },
  {
    route: 'POST /measures/:id/milestones/:n/completion',
    stage: 'with_milestone',
    request: ({ id }) => ['POST', `/measures/${id}/milestones/1/completion`, { note: '方案已印发' }],
    cells: only({ assignee: OK }, staffAre(WRONG_PERSON)),
  },
  {
    route: 'POST /measures/:id/start',
    stage: 'imported',
    request: ({ id }) => ['POST', `/measures/${id}/start`],
    cells: only({ admin: OK }),
    read: true,
  },
  {
    route: 'POST /findings/:id/rectification',
    stage: 'finding_open',
    request: ({ findingId }) => ['POST', `/findings/${findingId}/rectification`, { note: '已整改' }],
    cells: only({ assignee: OK }, staffAre(WRONG_PERSON)),
  },
  {
    route: 'POST /findings/:id/verification',
    stage: 'finding_submitted',
    request: ({ findingId }) => ['POST', `/findings/${findingId}/verification`, { passed: true, comment: '整改到位' }],
    cells: only({ supervisor: OK }),
  },
  {
    route: 'GET /measures/:id',
    stage: 'in_progress',
    request: ({ id }) => ['GET', `/measures/${id}`],
    // The plan is public; the work is scoped: 403 无权查看 (the measure's existence is no secret).
    cells: only({ admin: OK, leader: OK, ownHead: OK, otherHead: OK, assignee: OK, colleague: OK, coStaff: OK, supervisor: OK }, [403, 'MEASURE_NOT_VISIBLE']),
    read: true,
  },
  {
    route: 'GET /findings/:id',
    stage: 'finding_open',
    request: ({ findingId }) => ['GET', `/findings/${findingId}`],
    // A finding out of scope does not exist for the caller (404): its ids cannot be probed.
    cells: only({ admin: OK, leader: OK, ownHead: OK, otherHead: OK, assignee: OK, colleague: OK, coStaff: OK, supervisor: OK }, [404, 'FINDING_NOT_FOUND']),
    read: true,
  },
  {
    route: 'POST /measures/:id/evidence',
    stage: 'in_progress',
    request: ({ id }) => ['POST', `/measures/${id}/evidence`],
    send: ({ id }, who) => upload(id, who),
    // Those whose work it is add files; a co-operating department reads the work but adds nothing.
    cells: only({ admin: [201], leader: [201], ownHead: [201], assignee: [201], supervisor: [201], outsiderHead: [403, 'MEASURE_NOT_VISIBLE'], outsider: [403, 'MEASURE_NOT_VISIBLE'] }),
    read: true,
  },
  {
    route: 'GET /measures/:id/evidence',
    stage: 'with_evidence',
    request: ({ id }) => ['GET', `/measures/${id}/evidence`],
    cells: only({ admin: OK, leader: OK, ownHead: OK, otherHead: OK, assignee: OK, colleague: OK, coStaff: OK, supervisor: OK }, [403, 'MEASURE_NOT_VISIBLE']),
    read: true,
  },
  {
    route: 'GET /evidence/:id',
    stage: 'with_evidence',
    request: ({ fileId }) => ['GET', `/evidence/${fileId}`],
    cells: only({ admin: OK, leader: OK, ownHead: OK, otherHead: OK, assignee: OK, colleague: OK, coStaff: OK, supervisor: OK }, [404, 'EVIDENCE_NOT_FOUND']),
    read: true,
  },
  // The printable 督办单 / 问责记录 (PDF): whoever may read the measure's work; a notice that is not there, 404.
  {
    route: 'GET /measures/:id/accountability/:n/document',
    stage: 'with_outcome',
    request: ({ id }) => ['GET', `/measures/${id}/accountability/1/document`],
    cells: only({ admin: OK, leader: OK, ownHead: OK, otherHead: OK, assignee: OK, colleague: OK, coStaff: OK, supervisor: OK }, [403, 'MEASURE_NOT_VISIBLE']),
    read: true,
  },
  {
    route: 'GET /measures/:id/supervision-notices/:n/document',
    stage: 'in_progress',
    request: ({ id }) => ['GET', `/measures/${id}/supervision-notices/1/document`],
    cells: only(
      Object.fromEntries((['admin', 'leader', 'ownHead', 'otherHead', 'assignee', 'colleague', 'coStaff', 'supervisor'] as Who[]).map((who) => [who, [404, 'DIRECTIVE_NOT_FOUND'] as Expect])),
      [403, 'MEASURE_NOT_VISIBLE'],
    ),
    read: true,
  },
  {
    route: 'GET /plans/:year',
    stage: 'imported',
    request: ({ id }) => ['GET', `/plans/${parseMeasureId(id)!.year}`],
    cells: only({}, OK),
    read: true,
  },
];

/** `200`, or the status and stable code of an error. */
const outcome = (r: ApiResponse) => (r.status < 300 ? String(r.status) : `${r.status} ${r.body.code ?? ''}`.trim());

describe('authorization matrix: route × role × own/other department', () => {
  it.each(CASES.map((c) => [c.route, c] as const))('%s', async (_, c) => {
    const table: Record<string, string> = {};
    const expected: Record<string, string> = {};
    let target = await prepare(c.stage);
    const refused = EVERYONE.filter((who) => c.cells[who][0] >= 300);
    const allowed = EVERYONE.filter((who) => c.cells[who][0] < 300);
    const ask = async (who: Who) => {
      if (c.send) return c.send(target, who);
      const [method, path, body] = c.request(target);
      return call(method, path, who, body);
    };
    const before = await eventCount(target.id);
    for (const who of refused) {
      const r = await ask(who);
      table[who] = outcome(r);
      expected[who] = c.cells[who].join(' ').trim();
      // A refusal says why, in plain words, and reveals nothing of the work.
      if (r.status >= 400) expect(String(r.body.message)).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await eventCount(target.id)).toBe(before);
    for (const [i, who] of allowed.entries()) {
      if (i > 0 && !c.read) target = await prepare(c.stage);
      const r = await ask(who);
      table[who] = outcome(r);
      expected[who] = c.cells[who].join(' ').trim();
    }
    expect(table).toEqual(expected);
  });
});

describe('authority rules in detail', () => {
  it('refuses an outsider’s reassign with a date in 2000, and past dates from anyone without a recorded backdating', async () => {
    const { id } = await prepare('in_progress');
    const before = await eventCount(id);
    const outsider = await call('POST', `/measures/${id}/reassign`, 'otherHead', { assigneeId: 'air.staff2', leadDepartment: 'air', dueDate: '2000-01-03' });
    expect(outsider.status).toBeGreaterThanOrEqual(400);
    expect(outsider.status).toBeLessThan(500);
    const past = await call('POST', `/measures/${id}/reassign`, 'ownHead', { ...ASSIGNMENT, dueDate: '2000-01-03' });
    expect(past).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(String(past.body.message)).toMatch(/截止日期不能早于今天/);
    expect(await call('POST', `/measures/${id}/extension-requests`, 'assignee', { newDueDate: daysFromNow(-3), reason: '理由' })).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await call('POST', `/measures/${id}/inspections`, 'supervisor', { findings: [{ description: '问题', dueDate: daysFromNow(-1) }] })).toMatchObject({ status: 400 });
    expect(await eventCount(id)).toBe(before);
    // No ladder fired against the other department's staff.
    const [{ n }] = await system.dataSource.query(`SELECT count(*)::int AS n FROM measure_events WHERE measure_id = $1 AND type = 'escalation'`, [id]);
    expect(n).toBe(0);
  });

  it('lets a head assign only to an active staff member of their own department; a leader across departments', async () => {
    const { id } = await prepare('imported');
    expect(await call('POST', `/measures/${id}/assign`, 'ownHead', { ...ASSIGNMENT, assigneeId: 'air.staff1' })).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await call('POST', `/measures/${id}/assign`, 'ownHead', { ...ASSIGNMENT, assigneeId: 'water.head' })).toMatchObject({ status: 400 });
    expect(await call('POST', `/measures/${id}/assign`, 'ownHead', { ...ASSIGNMENT, assigneeId: 'nobody.at.all' })).toMatchObject({ status: 400 });
    expect(await call('POST', `/measures/${id}/assign`, 'ownHead', { ...ASSIGNMENT, assigneeId: 'air.staff1', leadDepartment: 'air', coDepartments: [] })).toMatchObject({
      status: 403,
      body: { code: 'MEASURE_WRONG_DEPARTMENT' },
    });
    expect(await call('POST', `/measures/${id}/assign`, 'leader', { ...ASSIGNMENT, assigneeId: 'air.staff1', leadDepartment: 'air', coDepartments: [] })).toMatchObject({
      status: 200,
      body: { leadDepartment: 'air', assigneeId: 'air.staff1' },
    });
    // Now air's: water's head no longer decides on it.
    expect(await call('POST', `/measures/${id}/reassign`, 'ownHead', ASSIGNMENT)).toMatchObject({ status: 403, body: { code: 'MEASURE_WRONG_DEPARTMENT' } });
  });

  it('records work already under way only from a leader or admin with a date and a reason; the ladder catches up at once', async () => {
    const { id } = await prepare('imported');
    const backdated = { ...ASSIGNMENT, dueDate: daysFromNow(-20), assignedOn: daysFromNow(-80), backdateReason: '年初已书面交办，补录' };
    expect(await call('POST', `/measures/${id}/assign`, 'ownHead', backdated)).toMatchObject({ status: 403, body: { code: 'NOT_ALLOWED' } });
    expect(await call('POST', `/measures/${id}/assign`, 'admin', { ...backdated, backdateReason: undefined })).toMatchObject({ status: 400 });
    expect(await call('POST', `/measures/${id}/assign`, 'admin', { ...backdated, assignedOn: daysFromNow(2) })).toMatchObject({ status: 400 });
    expect(await call('POST', `/measures/${id}/assign`, 'admin', backdated)).toMatchObject({ status: 200, body: { assignedOn: backdated.assignedOn, dueDate: backdated.dueDate } });
    for (let i = 0; i < 50; i++) {
      const [row] = await system.dataSource.query('SELECT escalation_level FROM measure_states WHERE measure_id = $1', [id]);
      if (row?.escalation_level === 'accountability') break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // The measure workflow's own events (the 督办单 it issues records its own, from its own workflow, whenever that lands).
    const { year, code } = parseMeasureId(id)!;
    const events: Array<{ type: string; payload: Record<string, unknown> }> = await system.dataSource.query(
      'SELECT type, payload FROM measure_events WHERE measure_id = $1 AND workflow_id = $2 ORDER BY sequence',
      [id, measureWorkflowId(year, code)],
    );
    expect(events.map((e) => e.type)).toEqual(['assign', 'escalation']);
    expect(events[0].payload).toMatchObject({ assignedOn: backdated.assignedOn, backdateReason: '年初已书面交办，补录' });
    expect(events[1].payload).toMatchObject({ level: 'accountability' });
  });

  it('lets co-operating staff add notes but not percentages, and never submit', async () => {
    const { id } = await prepare('in_progress');
    expect(await call('POST', `/measures/${id}/progress`, 'coStaff', { percent: 80 })).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await call('POST', `/measures/${id}/progress`, 'coStaff', { note: '协办数据已提供' })).toMatchObject({ status: 200 });
    expect(await call('POST', `/measures/${id}/submit`, 'coStaff', {})).toMatchObject({ status: 403, body: { code: 'MEASURE_WRONG_PERSON' } });
  });
});

describe('closed stays closed', () => {
  const runsOf = async (id: string): Promise<number> => {
    const { year, code } = parseMeasureId(id)!;
    const runs: string[] = [];
    for await (const run of system.app.get(Client).workflow.list({ query: `WorkflowId = '${measureWorkflowId(year, code)}'` })) runs.push(run.runId);
    return runs.length;
  };

  it('never starts a second run of a completed measure (start, import, reconcile); a later command is refused; reopen continues the record', async () => {
    const { id } = await prepare('completed');
    const { year } = parseMeasureId(id)!;
    const before = await eventCount(id);
    expect(await call('POST', `/measures/${id}/start`, 'admin')).toMatchObject({ status: 409, body: { code: 'MEASURE_WRONG_STATE' } });
    // Import starts every open measure of the year; the completed one is left alone.
    await startMeasureWorkflows(system.app.get(Client), taskQueue, await new PlanRepository(system.dataSource).measuresToStart(year));
    const report = await reconcile(system.app.get(Client), system.dataSource, taskQueue, { measureIds: [id] });
    expect(report).toMatchObject({ started: [], unresolved: [] });
    expect(await call('POST', `/measures/${id}/progress`, 'assignee', { note: '补充' })).toMatchObject({ status: 409, body: { code: 'MEASURE_WRONG_STATE' } });
    expect(await eventCount(id)).toBe(before);
    // Temporal's visibility list is eventually consistent: give it a moment before counting runs.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await runsOf(id)).toBe(1);

    expect(await call('POST', `/measures/${id}/reopen`, 'ownHead', { reason: '误办结' })).toMatchObject({ status: 403, body: { code: 'NOT_ALLOWED' } });
    expect(await call('POST', `/measures/${id}/reopen`, 'leader', { reason: '' })).toMatchObject({ status: 400 });
    const reopened = await call('POST', `/measures/${id}/reopen`, 'leader', { reason: '误办结，需补充验收材料' });
    expect(reopened).toMatchObject({ status: 200, body: { state: 'in_progress', sequence: before + 1, completedOn: null } });
    expect(await call('POST', `/measures/${id}/reopen`, 'admin', { reason: '再次' })).toMatchObject({ status: 409 });
    expect(await call('POST', `/measures/${id}/submit`, 'assignee', { note: '已补充验收材料' })).toMatchObject({ status: 200, body: { state: 'under_review', sequence: before + 2 } });
    const events: Array<{ sequence: number; type: string; payload: Record<string, unknown> }> = await system.dataSource.query(
      'SELECT sequence, type, payload FROM measure_events WHERE measure_id = $1 ORDER BY sequence',
      [id],
    );
    expect(events.map((e) => [e.sequence, e.type])).toEqual([
      [1, 'assign'],
      [2, 'accept'],
      [3, 'submitForReview'],
      [4, 'approve'],
      [5, 'reopen'],
      [6, 'submitForReview'],
    ]);
    expect(events[4].payload).toMatchObject({ reason: '误办结，需补充验收材料', previousState: 'completed' });
    const audit = await call('GET', '/audit/verify', 'supervisor');
    expect(audit.status).toBe(200);
  });
});

/** Routes gated by role alone (no department dimension): every role, the exact status of each. */
interface RoleCase {
  route: string;
  request: [string, string, unknown?];
  allowed: Who[];
  /** The allowed callers' answer: 200 for reads; mutations are sent an unusable body (400), so the
   *  guard is proven passed without changing anything (their effects are tested in their own suites). */
  allowedAnswer?: Expect;
}

const HEADS: Who[] = ['ownHead', 'otherHead', 'outsiderHead'];
const ROLE_CASES: RoleCase[] = [
  { route: 'GET /reports/bulletin', request: ['GET', '/reports/bulletin?month=2022-06'], allowed: ['admin', 'leader', ...HEADS, 'supervisor'] },
  { route: 'GET /reports/ledger', request: ['GET', '/reports/ledger?year=2022'], allowed: ['admin', 'leader', ...HEADS, 'supervisor'] },
  // 督办通报 issues: read by those who follow the whole plan; drafted and edited by supervisors, admins and
  // leaders; 签发 by leaders only. Mutations get an unusable body or an issue that does not exist.
  { route: 'GET /bulletins', request: ['GET', '/bulletins?year=2022'], allowed: ['admin', 'leader', ...HEADS, 'supervisor'] },
  { route: 'GET /bulletins/settings/:year', request: ['GET', '/bulletins/settings/2022'], allowed: ['admin', 'leader', ...HEADS, 'supervisor'] },
  { route: 'GET /bulletins/:id', request: ['GET', '/bulletins/999999999'], allowed: ['admin', 'leader', ...HEADS, 'supervisor'], allowedAnswer: [404, 'BULLETIN_NOT_FOUND'] },
  { route: 'GET /bulletins/:id/document', request: ['GET', '/bulletins/999999999/document?format=pdf'], allowed: ['admin', 'leader', ...HEADS, 'supervisor'], allowedAnswer: [404, 'BULLETIN_NOT_FOUND'] },
  { route: 'POST /bulletins', request: ['POST', '/bulletins', {}], allowed: ['admin', 'leader', 'supervisor'], allowedAnswer: [400, 'VALIDATION_FAILED'] },
  { route: 'PATCH /bulletins/:id', request: ['PATCH', '/bulletins/999999999', {}], allowed: ['admin', 'leader', 'supervisor'], allowedAnswer: [400, 'VALIDATION_FAILED'] },
  { route: 'POST /bulletins/:id/sign', request: ['POST', '/bulletins/999999999/sign'], allowed: ['leader'], allowedAnswer: [404, 'BULLETIN_NOT_FOUND'] },
  { route: 'PUT /bulletins/settings/:year', request: ['PUT', '/bulletins/settings/2022', {}], allowed: ['admin', 'leader'], allowedAnswer: [400, 'VALIDATION_FAILED'] },
  // 局领导 read every supervision view (overdue, escalations, scorecard, notices); the audit record's own checks stay with supervisors.
  ...['overdue', 'escalations', 'scorecard', 'notices?kind=supervision'].map(
    (path): RoleCase => ({ route: `GET /audit/${path}`, request: ['GET', `/audit/${path}`], allowed: ['admin', 'leader', 'supervisor'] }),
  ),
  // 导出 Excel of each list: the list's roles (全部事项: everyone, scoped as the list); the notice list's printable documents.
  { route: 'GET /measures/export', request: ['GET', '/measures/export?year=2022'], allowed: EVERYONE },
  ...['overdue/export', 'escalations/export', 'scorecard/export', 'notices/export?kind=supervision'].map(
    (path): RoleCase => ({ route: `GET /audit/${path.split('?')[0]}`, request: ['GET', `/audit/${path}`], allowed: ['admin', 'leader', 'supervisor'] }),
  ),
  {
    route: 'GET /audit/notices/:eventId/document',
    request: ['GET', `/audit/notices/${encodeURIComponent('measure-2099-0#1')}/document`],
    allowed: ['admin', 'leader', 'supervisor'],
    allowedAnswer: [404, 'DIRECTIVE_NOT_FOUND'],
  },
  ...['verify', 'head', 'admin'].map(
    (path): RoleCase => ({ route: `GET /audit/${path}`, request: ['GET', `/audit/${path}`], allowed: ['admin', 'supervisor'] }),
  ),
  { route: 'GET /admin/users', request: ['GET', '/admin/users'], allowed: ['admin'] },
  { route: 'GET /admin/departments', request: ['GET', '/admin/departments'], allowed: ['admin'] },
  { route: 'GET /admin/users/:username/open-measures', request: ['GET', `/admin/users/${CAST.assignee}/open-measures`], allowed: ['admin'] },
  { route: 'POST /admin/users', request: ['POST', '/admin/users', {}], allowed: ['admin'], allowedAnswer: [400, 'VALIDATION_FAILED'] },
  { route: 'POST /admin/departments', request: ['POST', '/admin/departments', {}], allowed: ['admin'], allowedAnswer: [400, 'VALIDATION_FAILED'] },
  { route: 'POST /admin/users/:username/move', request: ['POST', `/admin/users/${CAST.assignee}/move`, {}], allowed: ['admin'], allowedAnswer: [400, 'VALIDATION_FAILED'] },
  { route: 'PUT /calendar/years/:year', request: ['PUT', '/calendar/years/2031', {}], allowed: ['admin'], allowedAnswer: [400, 'VALIDATION_FAILED'] },
  // Admin changes to people and departments: sent for nobody who exists (or with an unusable body),
  // so the admin's answer proves the guard passed and nothing changes.
  { route: 'PATCH /admin/users/:username', request: ['PATCH', '/admin/users/nobody.here', { displayName: '无此人' }], allowed: ['admin'], allowedAnswer: [404, 'USER_NOT_FOUND'] },
  ...['deactivate', 'activate', 'reset-password'].map(
    (action): RoleCase => ({ route: `POST /admin/users/:username/${action}`, request: ['POST', `/admin/users/nobody.here/${action}`, {}], allowed: ['admin'], allowedAnswer: [404, 'USER_NOT_FOUND'] }),
  ),
  { route: 'PATCH /admin/departments/:code', request: ['PATCH', '/admin/departments/nowhere', { name: '无此处' }], allowed: ['admin'], allowedAnswer: [404, 'DEPARTMENT_NOT_FOUND'] },
  { route: 'POST /admin/departments/:code/merge', request: ['POST', '/admin/departments/nowhere/merge', {}], allowed: ['admin'], allowedAnswer: [400, 'VALIDATION_FAILED'] },
  { route: 'POST /admin/departments/:code/split', request: ['POST', '/admin/departments/nowhere/split', {}], allowed: ['admin'], allowedAnswer: [400, 'VALIDATION_FAILED'] },
  { route: 'POST /admin/people-import', request: ['POST', '/admin/people-import', {}], allowed: ['admin'], allowedAnswer: [415, 'UNSUPPORTED_MEDIA_TYPE'] },
  { route: 'POST /plans/import', request: ['POST', '/plans/import', {}], allowed: ['admin'], allowedAnswer: [415, 'UNSUPPORTED_MEDIA_TYPE'] },
  { route: 'POST /plans/preview', request: ['POST', '/plans/preview', {}], allowed: ['admin'], allowedAnswer: [415, 'UNSUPPORTED_MEDIA_TYPE'] },
  { route: 'POST /plans/import-reviewed', request: ['POST', '/plans/import-reviewed', {}], allowed: ['admin'], allowedAnswer: [400, 'VALIDATION_FAILED'] },
  { route: 'GET /plans/:year/outline', request: ['GET', '/plans/2099/outline'], allowed: ['admin'], allowedAnswer: [404, 'PLAN_NOT_FOUND'] },
  // Bulk commands and the plan's suggested departments: sent with an unusable body, so the guard is
  // proven passed without changing anything (their effects are in test/bulk.test.ts and test/suggested-departments.test.ts).
  { route: 'POST /measures/bulk/assign', request: ['POST', '/measures/bulk/assign', {}], allowed: ['admin', 'leader', ...HEADS], allowedAnswer: [400, 'VALIDATION_FAILED'] },
  { route: 'POST /measures/bulk/reassign', request: ['POST', '/measures/bulk/reassign', {}], allowed: ['admin', 'leader', ...HEADS], allowedAnswer: [400, 'VALIDATION_FAILED'] },
  { route: 'POST /plans/:year/suggested-departments', request: ['POST', '/plans/2022/suggested-departments', {}], allowed: ['admin', 'leader'], allowedAnswer: [400, 'VALIDATION_FAILED'] },
  { route: 'PUT /plans/:year/policy', request: ['PUT', '/plans/2022/policy', {}], allowed: ['admin', 'leader'], allowedAnswer: [400, 'VALIDATION_FAILED'] },
  { route: 'POST /plans/:year/carry-over', request: ['POST', '/plans/2022/carry-over', {}], allowed: ['admin', 'leader'], allowedAnswer: [400, 'VALIDATION_FAILED'] },
  { route: 'GET /plans/:year/policy/versions', request: ['GET', '/plans/2022/policy/versions'], allowed: ['admin', 'leader', 'supervisor'] },
  { route: 'GET /plans/:year/completion-report', request: ['GET', '/plans/2099/completion-report'], allowed: ['admin', 'leader', ...HEADS, 'supervisor'], allowedAnswer: [404, 'PLAN_NOT_FOUND'] },
  { route: 'GET /reports/cockpit', request: ['GET', '/reports/cockpit?year=2022'], allowed: ['admin', 'leader', 'supervisor'] },
  { route: 'GET /plans/:year/completion-report/xlsx', request: ['GET', '/plans/2099/completion-report/xlsx'], allowed: ['admin', 'leader', ...HEADS, 'supervisor'], allowedAnswer: [404, 'PLAN_NOT_FOUND'] },
  { route: 'GET /plans/:year/policy', request: ['GET', '/plans/2022/policy'], allowed: EVERYONE },
  { route: 'PUT /plans/:year/indicators/:code/measures', request: ['PUT', '/plans/2022/indicators/1/measures', {}], allowed: ['admin', 'leader'], allowedAnswer: [400, 'VALIDATION_FAILED'] },
  ...['/me/tasks', '/notifications', '/plans', '/departments', '/users', '/calendar/years', '/calendar/official', '/auth/me'].map(
    (path): RoleCase => ({ route: `GET ${path}`, request: ['GET', path], allowed: EVERYONE }),
  ),
  // 消息渠道 and 投递记录 (admin only): mutations get an unusable body or a channel/row that does not exist.
  { route: 'GET /notification-channels', request: ['GET', '/notification-channels'], allowed: ['admin'] },
  { route: 'POST /notification-channels', request: ['POST', '/notification-channels', {}], allowed: ['admin'], allowedAnswer: [400, 'VALIDATION_FAILED'] },
  { route: 'PUT /notification-channels/:id', request: ['PUT', '/notification-channels/nope-here', {}], allowed: ['admin'], allowedAnswer: [404, 'CHANNEL_NOT_FOUND'] },
  { route: 'POST /notification-channels/:id/enabled', request: ['POST', '/notification-channels/nope-here/enabled', {}], allowed: ['admin'], allowedAnswer: [400, 'VALIDATION_FAILED'] },
  { route: 'POST /notification-channels/:id/test', request: ['POST', '/notification-channels/nope-here/test', {}], allowed: ['admin'], allowedAnswer: [404, 'CHANNEL_NOT_FOUND'] },
  { route: 'GET /notification-settings', request: ['GET', '/notification-settings'], allowed: ['admin'] },
  { route: 'PUT /notification-settings', request: ['PUT', '/notification-settings', {}], allowed: ['admin'], allowedAnswer: [400, 'VALIDATION_FAILED'] },
  { route: 'GET /deliveries', request: ['GET', '/deliveries'], allowed: ['admin'] },
  { route: 'GET /deliveries/summary', request: ['GET', '/deliveries/summary'], allowed: ['admin'] },
  { route: 'POST /deliveries/:id/retry', request: ['POST', '/deliveries/999999999/retry'], allowed: ['admin'], allowedAnswer: [404, 'DELIVERY_NOT_FOUND'] },
  // Each person's own: every signed-in user, on their own notifications, 通知方式 and session.
  { route: 'GET /notifications/preferences', request: ['GET', '/notifications/preferences'], allowed: EVERYONE },
  { route: 'PUT /notifications/preferences', request: ['PUT', '/notifications/preferences', { emailMode: 'never' }], allowed: EVERYONE, allowedAnswer: [400, 'VALIDATION_FAILED'] },
  { route: 'POST /notifications/read-all', request: ['POST', '/notifications/read-all'], allowed: EVERYONE },
  { route: 'POST /notifications/:id/read', request: ['POST', '/notifications/999999999/read'], allowed: EVERYONE, allowedAnswer: [404, 'NOTIFICATION_NOT_FOUND'] },
  { route: 'POST /auth/refresh', request: ['POST', '/auth/refresh'], allowed: EVERYONE },
  { route: 'POST /auth/password', request: ['POST', '/auth/password', {}], allowed: EVERYONE, allowedAnswer: [400, 'VALIDATION_FAILED'] },
  // 统一身份认证 is public like POST /auth/login (the provider vouches for the person; its flow is in
  // test/oidc.test.ts). This system has no provider configured: the routes answer so, to everyone.
  { route: 'GET /auth/oidc', request: ['GET', '/auth/oidc'], allowed: EVERYONE },
  { route: 'GET /auth/oidc/start', request: ['GET', '/auth/oidc/start'], allowed: EVERYONE, allowedAnswer: [404, 'SSO_NOT_CONFIGURED'] },
  { route: 'POST /auth/oidc/exchange', request: ['POST', '/auth/oidc/exchange', {}], allowed: EVERYONE, allowedAnswer: [400, 'VALIDATION_FAILED'] },
];

describe('authorization matrix: role-gated routes × every role', () => {
  it.each(ROLE_CASES.map((c) => [c.route, c] as const))('%s', async (_, c) => {
    const table: Record<string, string> = {};
    const expected: Record<string, string> = {};
    for (const who of EVERYONE) {
      const [method, path, body] = c.request;
      table[who] = outcome(await call(method, path, who, body));
      expected[who] = (c.allowed.includes(who) ? (c.allowedAnswer ?? OK) : DENIED).join(' ').trim();
    }
    expect(table).toEqual(expected);
  });
});
