import {
  checkDirectiveCommand,
  checkIssue,
  decideDirective,
  directiveEscalationEvent,
  directiveId,
  directiveStatusLabel,
  directiveWorkflowId,
  evolveDirective,
  isFinalDirective,
  issuedEvent,
  issueInputProblem,
  openedDirective,
  outcomeKindOf,
  parseDirectiveId,
  pendingDirectiveLadder,
  type DirectiveSnapshot,
} from './directive';
import { WorkingDayCalendar } from './calendar';
import { DEFAULT_ESCALATION_POLICY } from './escalation';
import type { Actor } from './measure-event';
import type { DecidedEvent } from './measure-machine';
import { notificationFor, notificationTitle } from './notification-rules';
import { OFFICIAL_2024_2026 } from './calendar/official-2024-2026.fixture';

const leader: Actor = { userId: 'leader1', role: 'leader', department: 'leadership' };
const head: Actor = { userId: 'water.head', role: 'department_head', department: 'water' };
const otherHead: Actor = { userId: 'air.head', role: 'department_head', department: 'air' };
const staff: Actor = { userId: 'water.staff1', role: 'staff', department: 'water' };
const colleague: Actor = { userId: 'water.staff2', role: 'staff', department: 'water' };
const supervisor: Actor = { userId: 'supervisor1', role: 'supervisor', department: 'discipline' };
const admin: Actor = { userId: 'admin', role: 'admin', department: 'office' };
const calendar = new WorkingDayCalendar(OFFICIAL_2024_2026);

const assigned = { state: 'completed' as const, assigneeId: 'water.staff1', leadDepartment: 'water' };
const unassigned = { state: 'imported' as const, assigneeId: null, leadDepartment: null, suggestedDepartmentCode: 'water' };

function issued(kind: DirectiveSnapshot['kind'], by: Actor, dueDate: string | null = '2026-06-30'): DirectiveSnapshot {
  const d = openedDirective({ measureId: '2026-1.2', kind, n: 1, text: ' 请抓紧推进 ', actor: by, departmentCode: 'water', assigneeId: 'water.staff1', dueDate, outcomeKind: kind === 'outcome' ? 'interview' : null });
  return apply(d, issuedEvent(d));
}

function apply(d: DirectiveSnapshot, event: DecidedEvent, occurredAt = '2026-06-01T02:00:00.000Z'): DirectiveSnapshot {
  return evolveDirective(d, { ...event, occurredAt });
}

function decided(d: DirectiveSnapshot, command: 'acknowledge' | 'respond' | 'close', actor: Actor, text?: string): DirectiveSnapshot {
  const decision = decideDirective(d, { command, input: { actor, text } });
  if (!decision.ok) throw new Error(decision.message);
  return apply(d, decision.event);
}

describe('directive ids', () => {
  it('derive the workflow id and read the id back', () => {
    const id = directiveId('2022-2.1.1', 'notice', 3);
    expect(id).toBe('2022-2.1.1:notice:3');
    expect(directiveWorkflowId(id)).toBe('directive-2022-2.1.1-notice-3');
    expect(parseDirectiveId(id)).toEqual({ measureId: '2022-2.1.1', kind: 'notice', n: 3 });
    expect(parseDirectiveId('2022-2.1.1:memo:1')).toBeUndefined();
  });
});

describe('who may issue', () => {
  it.each([
    ['instruction', leader, 'ok'],
    ['instruction', head, 'wrong_role'],
    ['instruction', admin, 'wrong_role'],
    ['urging', head, 'ok'],
    ['urging', otherHead, 'wrong_department'],
    ['urging', supervisor, 'ok'],
    ['urging', leader, 'ok'],
    ['urging', staff, 'wrong_role'],
    ['notice', supervisor, 'ok'],
    ['notice', leader, 'ok'],
    ['notice', head, 'wrong_role'],
    ['outcome', supervisor, 'ok'],
    ['outcome', leader, 'wrong_role'],
  ] as const)('%s by %o on a completed measure: %s', (kind, actor, expected) => {
    const check = checkIssue(kind, assigned, actor);
    expect(check.ok ? 'ok' : check.reason).toBe(expected);
  });

  it('needs an assignee to urge, and a department to answer an instruction', () => {
    expect(checkIssue('urging', unassigned, supervisor)).toMatchObject({ ok: false, reason: 'wrong_state', message: expect.stringContaining('尚未交办') });
    expect(checkIssue('instruction', unassigned, leader)).toEqual({ ok: true });
    expect(checkIssue('instruction', { state: 'imported', suggestedDepartmentCode: null }, leader)).toMatchObject({ ok: false, reason: 'wrong_state' });
  });
});

describe('issue input rules', () => {
  const today = '2026-06-01';
  it('defaults an instruction to 5 working days and takes a working day from today on', () => {
    expect(issueInputProblem({ kind: 'instruction', text: '请研究' }, today, calendar)).toEqual({ ok: true, dueDate: '2026-06-08' });
    expect(issueInputProblem({ kind: 'instruction', text: '请研究', dueDate: today }, today, calendar)).toEqual({ ok: true, dueDate: today });
    expect(issueInputProblem({ kind: 'instruction', text: '请研究', dueDate: '2026-05-29' }, today, calendar)).toMatchObject({ ok: false, message: '期限不能早于今天' });
    expect(issueInputProblem({ kind: 'notice', text: '督办', dueDate: '2026-06-06' }, today, calendar)).toMatchObject({ ok: false, reason: 'invalid_input', message: expect.stringContaining('工作日') });
    expect(issueInputProblem({ kind: 'notice', text: '督办' }, today, calendar)).toMatchObject({ ok: false, message: expect.stringContaining('办理期限') });
    expect(issueInputProblem({ kind: 'instruction', text: '  ' }, today, calendar)).toMatchObject({ ok: false, message: '请填写批示内容' });
    expect(issueInputProblem({ kind: 'outcome', text: '约谈牵头处室负责人' }, today, calendar)).toMatchObject({ ok: false, message: expect.stringContaining('约谈') });
    expect(issueInputProblem({ kind: 'outcome', text: '约谈', outcomeKind: 'interview' }, today, calendar)).toEqual({ ok: true, dueDate: null });
  });

  it('reads outcome kinds as codes or official words', () => {
    expect(outcomeKindOf('约谈')).toBe('interview');
    expect(outcomeKindOf('通报批评')).toBe('circulated_criticism');
    expect(outcomeKindOf('admonishment')).toBe('admonishment');
    expect(outcomeKindOf('问责处理')).toBe('accountability');
    expect(outcomeKindOf('警告')).toBeUndefined();
  });
});

describe('an instruction: 签收, 答复, 办结', () => {
  it('runs issued → acknowledged → answered (more answers allowed) → closed', () => {
    let d = issued('instruction', leader);
    expect(d).toMatchObject({ status: 'issued', sequence: 1, text: '请抓紧推进', assigneeId: null, issuedAt: '2026-06-01T02:00:00.000Z' });
    expect(decideDirective(d, { command: 'respond', input: { actor: head, text: '已安排' } })).toMatchObject({ ok: false, reason: 'wrong_state', message: '请先签收，再答复' });
    expect(checkDirectiveCommand(d, 'acknowledge', otherHead)).toMatchObject({ ok: false, reason: 'wrong_department' });
    expect(checkDirectiveCommand(d, 'acknowledge', staff)).toMatchObject({ ok: false, reason: 'wrong_role' });
    expect(checkDirectiveCommand(d, 'acknowledge', supervisor)).toMatchObject({ ok: false, reason: 'wrong_role' });
    d = decided(d, 'acknowledge', head);
    expect(d).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'water.head' });
    expect(checkDirectiveCommand(d, 'acknowledge', head)).toMatchObject({ ok: false, reason: 'wrong_state' });
    expect(decideDirective(d, { command: 'respond', input: { actor: head, text: ' ' } })).toMatchObject({ ok: false, reason: 'invalid_input' });
    d = decided(d, 'respond', head, '已部署专项行动');
    d = decided(d, 'respond', head, '进展：完成 80%');
    expect(d.status).toBe('answered');
    expect(d.responses.map((r) => r.text)).toEqual(['已部署专项行动', '进展：完成 80%']);
    expect(isFinalDirective(d)).toBe(false);
    expect(checkDirectiveCommand(d, 'close', head)).toMatchObject({ ok: false, reason: 'wrong_role' });
    d = decided(d, 'close', leader);
    expect(d).toMatchObject({ status: 'closed', closedBy: 'leader1' });
    expect(isFinalDirective(d)).toBe(true);
    expect(directiveStatusLabel('instruction', 'acknowledged')).toBe('已签收，待答复');
  });

  it('climbs the ladder on its due date only while unanswered', () => {
    let d = issued('instruction', leader, '2026-06-30');
    expect(pendingDirectiveLadder(d, DEFAULT_ESCALATION_POLICY, calendar).map((s) => `${s.level}@${s.date}`)).toEqual([
      'warning@2026-06-23',
      'urging@2026-06-30',
      'supervision@2026-07-03',
      'accountability@2026-07-14',
    ]);
    const [warning, urging] = pendingDirectiveLadder(d, DEFAULT_ESCALATION_POLICY, calendar);
    const event = directiveEscalationEvent([warning, urging], d);
    expect(event.payload).toMatchObject({ level: 'urging', skipped: ['warning'], recipients: ['head:water', 'user:leader1'] });
    d = apply(d, event);
    expect(d.escalation.level).toBe('urging');
    expect(pendingDirectiveLadder(d, DEFAULT_ESCALATION_POLICY, calendar).map((s) => s.level)).toEqual(['supervision', 'accountability']);
    d = decided(decided(d, 'acknowledge', head), 'respond', head, '已办');
    expect(pendingDirectiveLadder(d, DEFAULT_ESCALATION_POLICY, calendar)).toEqual([]);
  });

  it('sends no 预警 that falls on or before the day of issue (the issue itself told them)', () => {
    const d = issued('instruction', leader, '2026-06-05');
    expect(pendingDirectiveLadder(d, DEFAULT_ESCALATION_POLICY, calendar).map((s) => s.level)).toEqual(['urging', 'supervision', 'accountability']);
  });
});

describe('an urging and a notice', () => {
  it('an urging is answered by its assignee only, which ends it', () => {
    const d = issued('urging', supervisor, null);
    expect(d).toMatchObject({ dueDate: null, assigneeId: 'water.staff1' });
    expect(pendingDirectiveLadder(d, DEFAULT_ESCALATION_POLICY, calendar)).toEqual([]);
    expect(checkDirectiveCommand(d, 'respond', colleague)).toMatchObject({ ok: false, reason: 'wrong_person' });
    expect(checkDirectiveCommand(d, 'respond', head)).toMatchObject({ ok: false, reason: 'wrong_role' });
    expect(checkDirectiveCommand(d, 'acknowledge', staff)).toMatchObject({ ok: false, reason: 'wrong_state' });
    const answered = decided(d, 'respond', staff, '本周内报送');
    expect(answered.status).toBe('answered');
    expect(isFinalDirective(answered)).toBe(true);
    expect(checkDirectiveCommand(answered, 'respond', staff)).toMatchObject({ ok: false, reason: 'wrong_state' });
  });

  it('a notice is signed for and answered by the receiving head; a leader may not sign it', () => {
    let d = issued('notice', supervisor);
    expect(checkDirectiveCommand(d, 'acknowledge', leader)).toMatchObject({ ok: false, reason: 'wrong_role' });
    expect(checkDirectiveCommand(d, 'acknowledge', otherHead)).toMatchObject({ ok: false, reason: 'wrong_department' });
    d = decided(decided(d, 'acknowledge', head), 'respond', head, '已整改到位');
    expect(d.status).toBe('answered');
    expect(isFinalDirective(d)).toBe(true);
  });

  it('an outcome is recorded and takes no commands', () => {
    const d = issued('outcome', supervisor, null);
    expect(d).toMatchObject({ status: 'recorded', outcomeKind: 'interview' });
    expect(isFinalDirective(d)).toBe(true);
    expect(checkDirectiveCommand(d, 'respond', head)).toMatchObject({ ok: false, reason: 'wrong_state' });
  });
});

describe('directive notifications', () => {
  const event = (d: DirectiveSnapshot, e: DecidedEvent) => ({
    ...e,
    eventId: `w#${d.sequence}`,
    directiveId: d.directiveId,
    measureId: d.measureId,
    workflowId: 'w',
    sequence: d.sequence,
    stateAfter: d.status,
    occurredAt: '2026-06-01T02:00:00.000Z',
    snapshot: d,
  });
  it('tells the head of an instruction, the assignee and head of an urging, the issuer of an answer', () => {
    const instruction = issued('instruction', leader);
    const plan = notificationFor(event(instruction, issuedEvent(instruction)));
    expect(plan).toEqual({ kind: 'directiveIssued', level: null, recipients: ['head:water'] });
    expect(notificationTitle(event(instruction, issuedEvent(instruction)), plan!, { measureTitle: '河湖长制', on: '2026-06-01' })).toBe(
      '【领导批示】2026-1.2 河湖长制：请抓紧推进（请于 2026-06-30 前答复）',
    );
    const urging = issued('urging', supervisor, null);
    expect(notificationFor(event(urging, issuedEvent(urging)))?.recipients).toEqual(['user:water.staff1', 'head:water']);
    const acknowledged = decided(instruction, 'acknowledge', head);
    const answer = decideDirective(acknowledged, { command: 'respond', input: { actor: head, text: '已办' } });
    if (!answer.ok) throw new Error(answer.message);
    expect(notificationFor(event(apply(acknowledged, answer.event), answer.event))).toEqual({ kind: 'directiveResponded', level: null, recipients: ['user:leader1'] });
  });
});
