// 批示, 催办, 督办单, 问责结果 as workflows of their own, through the API on the real Temporal dev
// server and PostgreSQL: each kind end to end by the people whose work it is, on open and closed
// measures (a closed one stays closed); every new route × role × own/other department; bad input.
import { randomUUID } from 'node:crypto';
import { Client } from '@temporalio/client';
import { WorkingDayCalendar } from '@duban/domain';
import { bundledCalendarData } from '../activities/calendar-data';
import { addPlanMeasure, daysFromNow } from './helpers/services';
import { startTestSystem, type ApiResponse, type TestSystem } from './helpers/system';

jest.setTimeout(240_000);

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
const tokens: Record<string, string> = {};
const calendar = new WorkingDayCalendar(bundledCalendarData());

beforeAll(async () => {
  system = await startTestSystem('directives');
  for (const user of Object.values(CAST)) tokens[user] = await system.login(user);
}, 60_000);

afterAll(() => system?.stop());

const call = (method: string, path: string, who: Who, body?: unknown) => system.call(method, path, { token: tokens[CAST[who]], body });
const ok = async (response: Promise<ApiResponse>): Promise<ApiResponse> => {
  const r = await response;
  if (r.status !== 200) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
  return r;
};
const outcome = (r: ApiResponse) => (r.status < 300 ? String(r.status) : `${r.status} ${r.body.code ?? ''}`.trim());
const query = <T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> => system.dataSource.query(sql, params);
/** Everything a command could have written about the measure: its events and its directives. */
const recorded = async (measureId: string): Promise<string> => {
  const [{ events }] = await query<{ events: number }>('SELECT count(*)::int AS events FROM measure_events WHERE measure_id = $1', [measureId]);
  const [{ directives, sequences }] = await query<{ directives: number; sequences: number }>(
    'SELECT count(*)::int AS directives, coalesce(sum(last_sequence), 0)::int AS sequences FROM directives WHERE measure_id = $1',
    [measureId],
  );
  return `${events}/${directives}/${sequences}`;
};
/** Working-day date `n` working days from today (Beijing). */
const workingDaysFromToday = (n: number) => calendar.addWorkingDays(daysFromNow(0), n).value;

type Stage = 'imported' | 'in_progress' | 'completed' | 'instruction' | 'instruction_acknowledged' | 'instruction_answered' | 'urging' | 'notice' | 'notice_signed';

/** A fresh measure of water's (air co-operates), brought to `stage` by the people whose work it is. */
async function prepare(stage: Stage): Promise<{ id: string; n?: number }> {
  const id = await addPlanMeasure(system.dataSource, 'water');
  await ok(call('POST', `/measures/${id}/start`, 'admin'));
  if (stage === 'imported') return { id };
  await ok(call('POST', `/measures/${id}/assign`, 'ownHead', { assigneeId: CAST.assignee, leadDepartment: 'water', coDepartments: ['air'], dueDate: daysFromNow(60) }));
  await ok(call('POST', `/measures/${id}/accept`, 'assignee'));
  if (stage === 'in_progress') return { id };
  if (stage === 'completed') {
    await ok(call('POST', `/measures/${id}/submit`, 'assignee', { note: '已完成' }));
    await ok(call('POST', `/measures/${id}/approve`, 'ownHead', {}));
    return { id };
  }
  if (stage === 'urging') return { id, n: (await ok(call('POST', `/measures/${id}/urgings`, 'supervisor', { note: '请加快进度' }))).body.n as number };
  if (stage.startsWith('notice')) {
    const n = (await ok(call('POST', `/measures/${id}/supervision-notices`, 'supervisor', { text: '请限期整改', dueDate: workingDaysFromToday(10) }))).body.n as number;
    if (stage === 'notice_signed') await ok(call('POST', `/measures/${id}/supervision-notices/${n}/sign`, 'ownHead'));
    return { id, n };
  }
  const n = (await ok(call('POST', `/measures/${id}/instructions`, 'leader', { text: '请牵头处室拿出方案' }))).body.n as number;
  if (stage === 'instruction') return { id, n };
  await ok(call('POST', `/measures/${id}/instructions/${n}/acknowledge`, 'ownHead'));
  if (stage === 'instruction_answered') await ok(call('POST', `/measures/${id}/instructions/${n}/responses`, 'ownHead', { text: '方案已报' }));
  return { id, n };
}

async function measureState(id: string): Promise<string> {
  return (await ok(call('GET', `/measures/${id}`, 'leader'))).body.state as string;
}

async function directiveEvents(id: string): Promise<Array<{ type: string; workflow_id: string; state_after: string; chained: boolean }>> {
  return query(
    `SELECT e.type, e.workflow_id, e.state_after, EXISTS (SELECT 1 FROM audit_log a WHERE a.event_id = e.event_id AND a.stream = e.measure_id) AS chained
       FROM measure_events e WHERE e.measure_id = $1 AND e.workflow_id LIKE 'directive-%' ORDER BY e.occurred_at, e.sequence`,
    [id],
  );
}

const tasksOf = async (who: Who) => (await ok(call('GET', '/me/tasks', who))).body.items as Array<{ kind: string; measureId: string; directiveId?: string; actionLabel: string }>;
const notified = async (who: Who, measureId: string) =>
  (await query<{ kind: string }>('SELECT kind FROM notifications WHERE recipient = $1 AND measure_id = $2 ORDER BY id', [CAST[who], measureId])).map((r) => r.kind);

describe('each kind end to end', () => {
  it('领导批示 on a completed measure: leader1 writes it, water.head signs for and answers it, the measure stays completed', async () => {
    const { id } = await prepare('completed');
    const written = await ok(call('POST', `/measures/${id}/instructions`, 'leader', { text: '办结后请总结经验做法' }));
    expect(written.body).toMatchObject({
      directiveId: `${id}:instruction:1`,
      kind: 'instruction',
      kindLabel: '领导批示',
      n: 1,
      status: 'issued',
      statusLabel: '待签收',
      department: { code: 'water', name: expect.any(String) },
      issuedBy: { username: 'leader1', displayName: expect.any(String) },
      dueDate: workingDaysFromToday(5),
      noticeNumber: null,
    });
    expect((await tasksOf('ownHead')).find((t) => t.directiveId === `${id}:instruction:1`)).toMatchObject({ kind: 'acknowledgeInstruction', actionLabel: '签收批示' });
    expect((await tasksOf('leader')).find((t) => t.directiveId === `${id}:instruction:1`)).toMatchObject({ kind: 'followInstruction' });
    expect(outcome(await call('POST', `/measures/${id}/instructions/1/responses`, 'ownHead', { text: '先答复' }))).toBe('409 MEASURE_WRONG_STATE');
    await ok(call('POST', `/measures/${id}/instructions/1/acknowledge`, 'ownHead'));
    expect((await tasksOf('ownHead')).find((t) => t.directiveId === `${id}:instruction:1`)).toMatchObject({ kind: 'answerInstruction' });
    const answered = await ok(call('POST', `/measures/${id}/instructions/1/responses`, 'ownHead', { text: '已形成经验材料' }));
    expect(answered.body).toMatchObject({ status: 'answered', statusLabel: '已答复', acknowledgedBy: { username: 'water.head' }, responses: [{ by: { username: 'water.head' }, text: '已形成经验材料' }] });
    expect((await tasksOf('leader')).some((t) => t.directiveId === `${id}:instruction:1`)).toBe(false);
    await ok(call('POST', `/measures/${id}/instructions/1/responses`, 'leader', { text: '补充：请报局办公室' }));
    const closed = await ok(call('POST', `/measures/${id}/instructions/1/close`, 'leader', { comment: '同意' }));
    expect(closed.body).toMatchObject({ status: 'closed', closeComment: '同意', responses: [{}, {}] });
    expect(outcome(await call('POST', `/measures/${id}/instructions/1/responses`, 'ownHead', { text: '再答复' }))).toBe('409 MEASURE_WRONG_STATE');

    expect(await measureState(id)).toBe('completed');
    // Due in 5 working days, its 预警 would fall on the day of issue: not sent (the issue itself told them).
    expect((await directiveEvents(id)).map((e) => `${e.type}:${e.state_after}:${e.chained}`)).toEqual([
      'instructionIssued:issued:true',
      'directiveAcknowledged:acknowledged:true',
      'directiveResponded:answered:true',
      'directiveResponded:answered:true',
      'directiveClosed:closed:true',
    ]);
    expect(await notified('ownHead', id)).toEqual(expect.arrayContaining(['directiveIssued', 'directiveClosed']));
    expect(await notified('leader', id)).toEqual(['directiveAcknowledged', 'directiveResponded']);
    // On the measure's timeline (its detail read) and in its directives.
    const detail = await ok(call('GET', `/measures/${id}`, 'leader'));
    expect((detail.body.events as Array<{ type: string }>).map((e) => e.type)).toEqual(expect.arrayContaining(['instructionIssued', 'directiveClosed']));
    const listed = await ok(call('GET', `/measures/${id}/directives`, 'ownHead'));
    expect(listed.body.items).toEqual([expect.objectContaining({ directiveId: `${id}:instruction:1`, status: 'closed' })]);
    // A second instruction is number 2 of the measure.
    expect((await ok(call('POST', `/measures/${id}/instructions`, 'leader', { text: '再批示', dueDate: workingDaysFromToday(3) }))).body).toMatchObject({ n: 2, dueDate: workingDaysFromToday(3) });
  });

  it('催办 by hand: a numbered notice to the assignee and head; the assignee’s 反馈 closes it', async () => {
    const { id } = await prepare('in_progress');
    const urged = await ok(call('POST', `/measures/${id}/urgings`, 'supervisor', { note: '进度滞后，请于本周内报送' }));
    expect(urged.body).toMatchObject({ kind: 'urging', n: 1, status: 'issued', statusLabel: '待反馈', assignee: { username: 'water.staff1' }, dueDate: null });
    expect(urged.body.noticeNumber).toMatch(/^催〔\d{4}〕第\d+号$/);
    expect(await notified('assignee', id)).toEqual(expect.arrayContaining(['directiveIssued']));
    expect(await notified('ownHead', id)).toEqual(expect.arrayContaining(['directiveIssued']));
    expect((await tasksOf('assignee')).find((t) => t.directiveId === `${id}:urging:1`)).toMatchObject({ kind: 'answerUrging' });
    const answered = await ok(call('POST', `/measures/${id}/urgings/1/responses`, 'assignee', { text: '已加快，周五前报送' }));
    expect(answered.body).toMatchObject({ status: 'answered', statusLabel: '已反馈', noticeNumber: urged.body.noticeNumber });
    expect((await tasksOf('assignee')).some((t) => t.directiveId === `${id}:urging:1`)).toBe(false);
    expect(outcome(await call('POST', `/measures/${id}/urgings/1/responses`, 'assignee', { text: '再反馈' }))).toBe('409 MEASURE_WRONG_STATE');
    expect(await notified('supervisor', id)).toEqual(['directiveResponded']);
    // A head urges their own department's measure; the measure itself is untouched.
    expect((await ok(call('POST', `/measures/${id}/urgings`, 'ownHead', { note: '请抓紧' }))).body).toMatchObject({ n: 2 });
    expect(await measureState(id)).toBe('in_progress');
    // Nobody to urge on an unassigned measure.
    const { id: unassigned } = await prepare('imported');
    const refused = await call('POST', `/measures/${unassigned}/urgings`, 'supervisor', { note: '请抓紧' });
    expect(outcome(refused)).toBe('409 MEASURE_WRONG_STATE');
    expect(refused.body.message).toContain('尚未交办');
  });

  it('督办单: numbered 督〔year〕第N号 in one gap-free series, signed for by the head, answered with 办理情况', async () => {
    const { id } = await prepare('completed');
    const year = daysFromNow(0).slice(0, 4);
    const due = workingDaysFromToday(10);
    const first = await ok(call('POST', `/measures/${id}/supervision-notices`, 'supervisor', { text: '请说明逾期办结原因并整改', dueDate: due }));
    const second = await ok(call('POST', `/measures/${id}/supervision-notices`, 'leader', { text: '请报送整改台账', dueDate: due }));
    const number = (r: ApiResponse) => {
      const m = new RegExp(`^督〔${year}〕第(\\d+)号$`).exec(String(r.body.noticeNumber));
      if (!m) throw new Error(`not a notice number: ${r.body.noticeNumber}`);
      return Number(m[1]);
    };
    expect(number(second)).toBe(number(first) + 1);
    // The same series as the ladder's own 督办 notices: never a repeated number.
    const [{ repeats }] = await query<{ repeats: number }>(`SELECT count(*)::int AS repeats FROM (SELECT n FROM notice_numbers WHERE level = 'supervision' AND year = $1 GROUP BY n HAVING count(*) > 1) x`, [Number(year)]);
    expect(repeats).toBe(0);
    // Listed with the ladder's own 督办通知单, under the same number.
    const listed = await ok(call('GET', '/audit/notices?kind=supervision&page=1&pageSize=20', 'supervisor'));
    expect(listed.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ number: first.body.noticeNumber, measureId: id, responsibleUnit: expect.objectContaining({ code: 'water' }) })]),
    );
    expect(first.body).toMatchObject({ kind: 'notice', kindLabel: '督办单', status: 'issued', dueDate: due, department: { code: 'water' } });
    expect((await tasksOf('ownHead')).find((t) => t.directiveId === `${id}:notice:1`)).toMatchObject({ kind: 'signNotice' });
    expect((await tasksOf('supervisor')).find((t) => t.directiveId === `${id}:notice:1`)).toMatchObject({ kind: 'followNotice' });
    expect(outcome(await call('POST', `/measures/${id}/supervision-notices/1/responses`, 'ownHead', { text: '已整改' }))).toBe('409 MEASURE_WRONG_STATE');
    const signed = await ok(call('POST', `/measures/${id}/supervision-notices/1/sign`, 'ownHead'));
    expect(signed.body).toMatchObject({ status: 'acknowledged', acknowledgedBy: { username: 'water.head' } });
    expect((await tasksOf('ownHead')).find((t) => t.directiveId === `${id}:notice:1`)).toMatchObject({ kind: 'answerNotice' });
    const answered = await ok(call('POST', `/measures/${id}/supervision-notices/1/responses`, 'ownHead', { text: '已补齐台账，建立周调度机制' }));
    expect(answered.body).toMatchObject({ status: 'answered', statusLabel: '已报办理情况', noticeNumber: first.body.noticeNumber });
    expect(await notified('supervisor', id)).toEqual(expect.arrayContaining(['directiveAcknowledged', 'directiveResponded']));
    expect((await tasksOf('supervisor')).some((t) => t.directiveId === `${id}:notice:1`)).toBe(false);
    expect(await measureState(id)).toBe('completed');
  });

  it('问责结果: a supervisor records a 约谈 on a completed measure; its workflow records one event and ends', async () => {
    const { id } = await prepare('completed');
    const recordedOutcome = await ok(call('POST', `/measures/${id}/accountability`, 'supervisor', { kind: '约谈', note: '逾期办结，约谈牵头处室负责人' }));
    expect(recordedOutcome.body).toMatchObject({ kind: 'outcome', kindLabel: '问责结果', outcomeKind: 'interview', outcomeKindLabel: '约谈', status: 'recorded', statusLabel: '已记录' });
    const [row] = await query<{ kind: string; outcome_kind: string; department_code: string; issued_at: Date }>(
      `SELECT kind, outcome_kind, department_code, issued_at FROM directives WHERE measure_id = $1`,
      [id],
    );
    expect(row).toMatchObject({ kind: 'outcome', outcome_kind: 'interview', department_code: 'water', issued_at: expect.any(Date) });
    // Sent twice with one Idempotency-Key: one outcome, the same answer.
    const key = randomUUID();
    const again = () => system.call('POST', `/measures/${id}/accountability`, { token: tokens[CAST.supervisor], body: { kind: 'circulated_criticism', note: '通报' }, headers: { 'Idempotency-Key': key } });
    const [once, twice] = [await again(), await again()];
    expect([once.status, twice.status]).toEqual([200, 200]);
    expect(once.body).toMatchObject({ n: 2, outcomeKindLabel: '通报批评' });
    expect(twice.body.directiveId).toBe(once.body.directiveId);
    const handle = system.app.get(Client).workflow.getHandle(`directive-${id}-outcome-1`);
    for (let i = 0; i < 50 && (await handle.describe()).status.name === 'RUNNING'; i++) await new Promise((r) => setTimeout(r, 100));
    expect((await handle.describe()).status.name).toBe('COMPLETED');
    expect((await directiveEvents(id)).map((e) => e.type)).toEqual(['accountabilityRecorded', 'accountabilityRecorded']);
    expect(await measureState(id)).toBe('completed');
  });
});

describe('bad input', () => {
  it('answers 400 with a stable code and a plain message, and records nothing', async () => {
    const { id } = await prepare('in_progress');
    const before = await recorded(id);
    const saturday = (() => {
      let d = daysFromNow(7);
      while (calendar.isWorkingDay(d)) d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      return d;
    })();
    const cases: Array<[Who, string, unknown, string]> = [
      ['leader', `/measures/${id}/instructions`, { text: '' }, '请填写批示内容'],
      ['leader', `/measures/${id}/instructions`, {}, '请填写批示内容'],
      ['leader', `/measures/${id}/instructions`, { text: '请办', dueDate: '2026-13-01' }, '日期'],
      ['leader', `/measures/${id}/instructions`, { text: '请办', dueDate: '2020-01-06' }, '期限不能早于今天'],
      ['leader', `/measures/${id}/instructions`, { text: '请办', dueDate: saturday }, '工作日'],
      ['leader', `/measures/${id}/instructions`, { text: 'x'.repeat(2001) }, '2000'],
      ['supervisor', `/measures/${id}/urgings`, { note: '  ' }, '请填写催办意见'],
      ['supervisor', `/measures/${id}/supervision-notices`, { text: '督办' }, '办理期限'],
      ['supervisor', `/measures/${id}/supervision-notices`, { text: '督办', dueDate: '明天' }, '日期'],
      ['supervisor', `/measures/${id}/accountability`, { kind: '警告', note: '警告' }, '约谈'],
      ['supervisor', `/measures/${id}/accountability`, { kind: '约谈' }, '请填写问责情况说明'],
      ['ownHead', `/measures/${id}/instructions/abc/acknowledge`, undefined, '序号'],
    ];
    for (const [who, path, body, message] of cases) {
      const r = await call('POST', path, who, body);
      expect([path, outcome(r)]).toEqual([path, '400 VALIDATION_FAILED']);
      expect(String(r.body.message)).toContain(message);
    }
    expect(await recorded(id)).toBe(before);
    expect(outcome(await call('POST', `/measures/${id}/instructions/9/acknowledge`, 'ownHead'))).toBe('404 DIRECTIVE_NOT_FOUND');
    expect(outcome(await call('POST', `/measures/2026-999.999/instructions`, 'leader', { text: '请办' }))).toBe('404 MEASURE_NOT_FOUND');
    expect(outcome(await call('GET', `/measures/2026-999.999/directives`, 'leader'))).toBe('404 MEASURE_NOT_FOUND');
  });
});

type Expect = [number, string?];
const DENIED: Expect = [403, 'NOT_ALLOWED'];
const WRONG_DEPARTMENT: Expect = [403, 'MEASURE_WRONG_DEPARTMENT'];
const WRONG_PERSON: Expect = [403, 'MEASURE_WRONG_PERSON'];
const NOT_VISIBLE: Expect = [403, 'MEASURE_NOT_VISIBLE'];
const OK: Expect = [200];
const only = (allowed: Partial<Record<Who, Expect>>): Record<Who, Expect> => Object.fromEntries(EVERYONE.map((who) => [who, allowed[who] ?? DENIED])) as Record<Who, Expect>;
const OTHER_HEADS_WRONG = { otherHead: WRONG_DEPARTMENT, outsiderHead: WRONG_DEPARTMENT };

interface RouteCase {
  route: string;
  stage: Stage;
  request: (target: { id: string; n?: number }) => [string, string, unknown?];
  cells: Record<Who, Expect>;
  read?: boolean;
}

const CASES: RouteCase[] = [
  {
    route: 'POST /measures/:id/instructions',
    stage: 'completed',
    request: ({ id }) => ['POST', `/measures/${id}/instructions`, { text: '请总结' }],
    cells: only({ leader: OK }),
  },
  {
    route: 'POST /measures/:id/instructions/:n/acknowledge',
    stage: 'instruction',
    request: ({ id, n }) => ['POST', `/measures/${id}/instructions/${n}/acknowledge`],
    cells: only({ leader: OK, ownHead: OK, ...OTHER_HEADS_WRONG }),
  },
  {
    route: 'POST /measures/:id/instructions/:n/responses',
    stage: 'instruction_acknowledged',
    request: ({ id, n }) => ['POST', `/measures/${id}/instructions/${n}/responses`, { text: '已办' }],
    cells: only({ leader: OK, ownHead: OK, ...OTHER_HEADS_WRONG }),
  },
  {
    route: 'POST /measures/:id/instructions/:n/close',
    stage: 'instruction_answered',
    request: ({ id, n }) => ['POST', `/measures/${id}/instructions/${n}/close`, {}],
    cells: only({ leader: OK }),
  },
  {
    route: 'POST /measures/:id/urgings',
    stage: 'in_progress',
    request: ({ id }) => ['POST', `/measures/${id}/urgings`, { note: '请抓紧' }],
    cells: only({ leader: OK, supervisor: OK, ownHead: OK, ...OTHER_HEADS_WRONG }),
  },
  {
    route: 'POST /measures/:id/urgings/:n/responses',
    stage: 'urging',
    request: ({ id, n }) => ['POST', `/measures/${id}/urgings/${n}/responses`, { text: '已加快' }],
    cells: only({ assignee: OK, colleague: WRONG_PERSON, coStaff: WRONG_PERSON, outsider: WRONG_PERSON }),
  },
  {
    route: 'POST /measures/:id/supervision-notices',
    stage: 'completed',
    request: ({ id }) => ['POST', `/measures/${id}/supervision-notices`, { text: '请整改', dueDate: workingDaysFromToday(5) }],
    cells: only({ leader: OK, supervisor: OK }),
  },
  {
    route: 'POST /measures/:id/supervision-notices/:n/sign',
    stage: 'notice',
    request: ({ id, n }) => ['POST', `/measures/${id}/supervision-notices/${n}/sign`],
    cells: only({ ownHead: OK, ...OTHER_HEADS_WRONG }),
  },
  {
    route: 'POST /measures/:id/supervision-notices/:n/responses',
    stage: 'notice_signed',
    request: ({ id, n }) => ['POST', `/measures/${id}/supervision-notices/${n}/responses`, { text: '已整改' }],
    cells: only({ ownHead: OK, ...OTHER_HEADS_WRONG }),
  },
  {
    route: 'POST /measures/:id/accountability',
    stage: 'completed',
    request: ({ id }) => ['POST', `/measures/${id}/accountability`, { kind: '诫勉', note: '诫勉谈话' }],
    cells: only({ supervisor: OK }),
  },
  {
    route: 'GET /measures/:id/directives',
    stage: 'instruction',
    request: ({ id }) => ['GET', `/measures/${id}/directives`],
    read: true,
    cells: {
      admin: OK,
      leader: OK,
      supervisor: OK,
      ownHead: OK,
      otherHead: OK,
      outsiderHead: NOT_VISIBLE,
      assignee: OK,
      colleague: OK,
      coStaff: OK,
      outsider: NOT_VISIBLE,
    },
  },
];

describe('authorization matrix: every directive route × role × own/other department', () => {
  it.each(CASES.map((c) => [c.route, c] as const))('%s', async (_, c) => {
    const table: Record<string, string> = {};
    const expected: Record<string, string> = {};
    let target = await prepare(c.stage);
    const refused = EVERYONE.filter((who) => c.cells[who][0] >= 300);
    const allowed = EVERYONE.filter((who) => c.cells[who][0] < 300);
    const ask = (who: Who) => {
      const [method, path, body] = c.request(target);
      return call(method, path, who, body);
    };
    const before = await recorded(target.id);
    for (const who of refused) {
      const r = await ask(who);
      table[who] = outcome(r);
      expected[who] = c.cells[who].join(' ').trim();
      expect(String(r.body.message)).toMatch(/[\u4e00-\u9fa5]/);
    }
    // A refused cell records nothing: no event, no directive, no step of one.
    expect(await recorded(target.id)).toBe(before);
    for (const [i, who] of allowed.entries()) {
      if (i > 0 && !c.read) target = await prepare(c.stage);
      const r = await ask(who);
      table[who] = outcome(r);
      expected[who] = c.cells[who].join(' ').trim();
    }
    expect(table).toEqual(expected);
  });
});
