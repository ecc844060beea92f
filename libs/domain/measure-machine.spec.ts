// Every transition of the measure's state machine, without a server: decide → event → evolve.
import { OFFICIAL_2024_2026 } from './calendar/official-2024-2026.fixture';
import { WorkingDayCalendar } from './calendar/working-day-calendar';
import { COMMAND_MAX_BYTES, STATE_LIMITS, TEXT_LIMITS } from './command-inputs';
import { DEFAULT_ESCALATION_POLICY } from './escalation';
import { findingSummary, openedFinding } from './finding-machine';
import { groupBySource, pendingLadder, plannedLadder, reachedSteps } from './ladder-plan';
import { stepInstant } from './escalation';
import { statusLight } from './status-light';
import { COMMAND_RULES, MEASURE_COMMANDS, type MeasureState } from './lifecycle';
import {
  decideMeasure,
  escalationEvent,
  evolveMeasure,
  recordedMeasureEvent,
  withFindingChanged,
  type DecideContext,
  type MeasureCommandInput,
} from './measure-machine';
import type { Actor } from './measure-event';
import { initialSnapshot, type MeasureSnapshot } from './measure-snapshot';

const calendar = new WorkingDayCalendar(OFFICIAL_2024_2026);
const head: Actor = { userId: 'water.head', role: 'department_head', department: 'water' };
const otherHead: Actor = { userId: 'air.head', role: 'department_head', department: 'air' };
const staff: Actor = { userId: 'water.staff1', role: 'staff', department: 'water' };
const coStaff: Actor = { userId: 'air.staff1', role: 'staff', department: 'air' };
const supervisor: Actor = { userId: 'sup1', role: 'supervisor', department: 'discipline' };
const admin: Actor = { userId: 'admin', role: 'admin' };
const leader: Actor = { userId: 'leader1', role: 'leader', department: 'leadership' };
const assignee = { userId: 'water.staff1', role: 'staff', department: 'water', active: true };

const TODAY = '2026-03-02';
const NOW = '2026-03-02T02:00:00.000Z';
const ctx = (over: Partial<DecideContext> = {}): DecideContext => ({ today: TODAY, suggestedDepartment: 'water', quantityTarget: 600, stage: 'validate', ...over });
const evolveCtx = { quantityTarget: 600, ladder: { policy: DEFAULT_ESCALATION_POLICY, calendar } };

/** Decides, and when accepted folds the event in; a refusal throws its message. */
function run(state: MeasureSnapshot, cmd: MeasureCommandInput, over: Partial<DecideContext> = {}, at = NOW): MeasureSnapshot {
  const decision = decideMeasure(state, cmd, ctx(over));
  if (!decision.ok) throw new Error(`${decision.reason}: ${decision.message}`);
  return evolveMeasure(state, { ...decision.event, occurredAt: at }, evolveCtx);
}

function refusal(state: MeasureSnapshot, cmd: MeasureCommandInput, over: Partial<DecideContext> = {}) {
  const decision = decideMeasure(state, cmd, ctx(over));
  if (decision.ok) throw new Error('accepted');
  return decision;
}

const fresh = () => initialSnapshot('2026-1.1');
const assignCmd = (over: Record<string, unknown> = {}): MeasureCommandInput => ({
  command: 'assign',
  input: { actor: head, assigneeId: 'water.staff1', leadDepartment: 'water', dueDate: '2026-06-30', assignee, ...over },
});
const assigned = () => run(fresh(), assignCmd());
const working = () => run(assigned(), { command: 'accept', input: { actor: staff } });
const underReview = () => run(working(), { command: 'submitForReview', input: { actor: staff, note: '已完成', evidence: ['e1'] } });

describe('measure state machine', () => {
  it('assigns: the event carries the assignment, evolve makes the head the reviewer and dates the assignment', () => {
    const decision = decideMeasure(fresh(), assignCmd({ coDepartments: ['air'] }), ctx());
    expect(decision).toMatchObject({ ok: true, event: { type: 'assign', payload: { assigneeId: 'water.staff1', leadDepartment: 'water', coDepartments: ['air'], dueDate: '2026-06-30', milestones: [] } } });
    const s = assigned();
    expect(s).toMatchObject({ state: 'assigned', sequence: 1, assigneeId: 'water.staff1', headId: 'water.head', leadDepartment: 'water', dueDate: '2026-06-30', assignedOn: TODAY });
    expect(s.dueProvisional).toBe(false);
  });

  it('keeps a backdated assignment date (补录) and lets it be in the past', () => {
    const s = run(fresh(), assignCmd({ actor: leader, dueDate: '2026-02-10', assignedOn: '2026-01-05', backdateReason: '系统上线前已交办' }));
    expect(s.assignedOn).toBe('2026-01-05');
    expect(pendingLadder(s, DEFAULT_ESCALATION_POLICY, calendar).map((p) => p.level)).toEqual(['warning', 'urging', 'supervision', 'accountability']);
  });

  it('refuses by role, department, person and state with one reason each', () => {
    expect(refusal(fresh(), { ...assignCmd(), input: { ...assignCmd().input, actor: staff } } as MeasureCommandInput).reason).toBe('wrong_role');
    expect(refusal(fresh(), assignCmd({ actor: otherHead, leadDepartment: 'air' })).reason).toBe('wrong_department');
    expect(refusal(assigned(), { command: 'accept', input: { actor: coStaff } }).reason).toBe('wrong_person');
    expect(refusal(assigned(), { command: 'approve', input: { actor: head } }).reason).toBe('wrong_state');
    expect(refusal(fresh(), assignCmd({ dueDate: '2026-01-01' })).message).toContain('截止日期不能早于今天');
    expect(refusal(fresh(), assignCmd({ assignee: { ...assignee, active: false } })).message).toContain('已停用');
  });

  it('accepts, reports progress (count → percent), keeps only the latest evidence and counts reports', () => {
    let s = working();
    expect(s.state).toBe('in_progress');
    s = run(s, { command: 'reportProgress', input: { actor: staff, quantityDone: 150, note: '第一批', evidence: ['a', 'b'] } });
    s = run(s, { command: 'reportProgress', input: { actor: staff, note: '第二批', evidence: ['c'] } });
    s = run(s, { command: 'reportProgress', input: { actor: staff, percent: 40 } });
    expect(s.progress).toMatchObject({ percent: 40, quantityDone: 150, note: '第二批', evidence: ['c'], reports: 3, reportedAt: NOW });
  });

  it('lets co-department staff add notes but not percentages, and never submit', () => {
    const withCo = assignCmd({ coDepartments: ['air'] });
    const s = run(working(), { command: 'reassign', input: withCo.input } as MeasureCommandInput);
    const accepted = run(s, { command: 'accept', input: { actor: staff } });
    expect(run(accepted, { command: 'reportProgress', input: { actor: coStaff, note: '配合意见' } }).progress.note).toBe('配合意见');
    expect(refusal(accepted, { command: 'reportProgress', input: { actor: coStaff, percent: 10 } }).message).toContain('配合处室人员');
    expect(refusal(accepted, { command: 'submitForReview', input: { actor: coStaff } }).reason).toBe('wrong_person');
  });

  it('submits, returns with a comment (rework counted), resubmits, approves', () => {
    let s = underReview();
    expect(s).toMatchObject({ state: 'under_review', submittedOn: TODAY, progress: { evidence: ['e1'] } });
    expect(refusal(s, { command: 'returnForRework', input: { actor: head } }).message).toBe('退回时必须填写意见');
    s = run(s, { command: 'returnForRework', input: { actor: head, comment: '补充材料' } });
    expect(s).toMatchObject({ state: 'returned', submittedOn: null, reworkCount: 1 });
    s = run(s, { command: 'submitForReview', input: { actor: staff } });
    s = run(s, { command: 'approve', input: { actor: head } }, {}, '2026-03-03T17:00:00.000Z');
    // 17:00 UTC is 01:00 the next day in Beijing.
    expect(s).toMatchObject({ state: 'completed', completedOn: '2026-03-04', submittedOn: null });
  });

  it('requests and decides extensions; an approval moves the due date and resets the ladder level', () => {
    let s = working();
    s = evolveMeasure(s, { ...escalationEvent([{ ...plannedLadder(s, DEFAULT_ESCALATION_POLICY, calendar)[0] }], ['user:water.staff1']), occurredAt: NOW }, evolveCtx);
    expect(s.escalation).toMatchObject({ level: 'warning', fired: ['assignee:2026-06-30:warning'] });
    s = run(s, { command: 'requestExtension', input: { actor: staff, newDueDate: '2026-07-31', reason: '汛期' } });
    expect(s.extensions).toEqual([expect.objectContaining({ n: 1, status: 'pending', requestedBy: 'water.staff1', requestedAt: NOW })]);
    expect(refusal(s, { command: 'requestExtension', input: { actor: staff, newDueDate: '2026-08-31', reason: '再延' } }).message).toBe('已有待审批的延期申请');
    expect(refusal(s, { command: 'decideExtension', input: { actor: head, n: 1, approve: false } }).message).toBe('不同意延期时必须填写意见');
    expect(refusal(s, { command: 'decideExtension', input: { actor: head, n: 2, approve: true } }).message).toContain('没有编号为 2');
    s = run(s, { command: 'decideExtension', input: { actor: head, n: 1, approve: true } });
    expect(s).toMatchObject({ dueDate: '2026-07-31', escalation: { level: null, fired: ['assignee:2026-06-30:warning'] } });
    expect(s.extensions[0]).toMatchObject({ status: 'approved', decidedBy: 'water.head' });
  });

  it('bounds the extensions a measure may hold', () => {
    let s = working();
    for (let n = 1; n <= STATE_LIMITS.extensions; n++) {
      s = run(s, { command: 'requestExtension', input: { actor: staff, newDueDate: `2027-01-${String(n).padStart(2, '0')}`, reason: '理由' } });
      s = run(s, { command: 'decideExtension', input: { actor: head, n, approve: false, comment: '不同意' } });
    }
    expect(refusal(s, { command: 'requestExtension', input: { actor: staff, newDueDate: '2027-02-01', reason: '理由' } }).message).toContain('上限');
  });

  it('files inspections (findings numbered on), blocks approval until they are closed, and bounds them', () => {
    let s = working();
    s = run(s, { command: 'fileInspection', input: { actor: supervisor, findings: [{ description: '台账不全', dueDate: '2026-04-30' }, { description: '  照片缺失 ', dueDate: '2026-04-30' }] } });
    expect(s.findings.map((f) => [f.findingId, f.description, f.status])).toEqual([
      ['2026-1.1-f1', '台账不全', 'open'],
      ['2026-1.1-f2', '照片缺失', 'open'],
    ]);
    s = run(s, { command: 'submitForReview', input: { actor: staff } });
    expect(refusal(s, { command: 'approve', input: { actor: head } }).message).toContain('尚有 2 个检查问题未整改销号');
    const closed = (n: number) => findingSummary({ ...openedFinding(s.findings[n - 1], { measureId: s.measureId, inspectorId: 'sup1', assigneeId: 'water.staff1', leadDepartment: 'water' }), status: 'closed', sequence: 3 });
    s = withFindingChanged(withFindingChanged(s, closed(1)), closed(2));
    // A late report of an older state changes nothing.
    expect(withFindingChanged(s, { ...closed(1), status: 'open', sequence: 2 })).toBe(s);
    expect(run(s, { command: 'approve', input: { actor: head } }).state).toBe('completed');
    const many = { ...working(), findings: Array.from({ length: STATE_LIMITS.findings }, (_, i) => ({ ...s.findings[0], n: i + 1 })) };
    expect(refusal(many, { command: 'fileInspection', input: { actor: supervisor, findings: [{ description: 'x', dueDate: '2026-04-30' }] } }).message).toContain('最多');
  });

  it('cancels (admin, with a reason) and reopens (leader) back to work', () => {
    const s = run(working(), { command: 'cancel', input: { actor: admin, reason: '任务调整' } });
    expect(s).toMatchObject({ state: 'cancelled', cancelReason: '任务调整' });
    const decision = decideMeasure(s, { command: 'reopen', input: { actor: leader, reason: '恢复' } }, ctx());
    expect(decision).toMatchObject({ ok: true, event: { type: 'reopen', payload: { reason: '恢复', previousState: 'cancelled' } } });
    expect(run(s, { command: 'reopen', input: { actor: leader, reason: '恢复' } })).toMatchObject({ state: 'in_progress', cancelReason: null });
  });

  it('follows the lifecycle table for the state after every command', () => {
    // Each command from a state it is allowed in ends where COMMAND_RULES says (reopen: reopenedState).
    const states: Record<string, () => MeasureSnapshot> = { imported: fresh, assigned, in_progress: working, under_review: underReview };
    for (const command of MEASURE_COMMANDS) {
      const rule = COMMAND_RULES[command];
      const from = rule.from.find((s) => states[s]);
      if (!from || !rule.to) continue;
      const state = states[from]();
      const after = evolveMeasure(state, { type: command, actor: head, payload: {}, occurredAt: NOW }, { quantityTarget: null });
      expect([command, after.state]).toEqual([command, rule.to as MeasureState]);
    }
  });

  it('escalates: the keys of every reached step are kept, the oldest dropped past the bound', () => {
    const s = working();
    const ladder = plannedLadder(s, DEFAULT_ESCALATION_POLICY, calendar);
    const after = evolveMeasure(s, { ...escalationEvent(ladder.slice(0, 3), ['user:water.staff1']), occurredAt: NOW }, evolveCtx);
    expect(after.escalation).toEqual({ level: 'supervision', against: 'assignee', fired: ladder.slice(0, 3).map((l) => l.key) });
    const crowded = { ...s, escalation: { level: null, against: null, fired: Array.from({ length: STATE_LIMITS.firedSteps }, (_, i) => `assignee:2025-01-${String(i + 1).padStart(2, '0')}:urging`) } };
    const bounded = evolveMeasure(crowded, { ...escalationEvent(ladder.slice(0, 1), []), occurredAt: NOW }, evolveCtx);
    expect(bounded.escalation.fired).toHaveLength(STATE_LIMITS.firedSteps);
    expect(bounded.escalation.fired.at(-1)).toBe(ladder[0].key);
  });

  it('never drops the fired keys of a ladder that can still run, however many reviews came between', () => {
    const s = working();
    const current = plannedLadder(s, DEFAULT_ESCALATION_POLICY, calendar).slice(0, 2).map((l) => l.key);
    const oldReviews = Array.from({ length: 40 }, (_, i) => `reviewer:2026-0${1 + (i % 5)}-${String(1 + (i % 28)).padStart(2, '0')}:urging`);
    const crowded = { ...s, state: 'under_review' as const, submittedOn: TODAY, escalation: { level: null, against: null, fired: [...current, ...oldReviews] } };
    const review = plannedLadder(crowded, DEFAULT_ESCALATION_POLICY, calendar);
    const after = evolveMeasure(crowded, { ...escalationEvent(review.slice(0, 1), []), occurredAt: NOW }, evolveCtx);
    expect(after.escalation.fired.length).toBeLessThanOrEqual(STATE_LIMITS.firedSteps);
    expect(after.escalation.fired).toEqual(expect.arrayContaining([...current, review[0].key]));
  });

  it('plans the review ladder against the reviewer while under review', () => {
    const ladder = plannedLadder(underReview(), DEFAULT_ESCALATION_POLICY, calendar);
    expect(ladder.map((s) => [s.against, s.level])).toEqual([
      ['reviewer', 'urging'],
      ['reviewer', 'supervision'],
      ['reviewer', 'accountability'],
    ]);
    expect(ladder[0].key).toBe(`reviewer:${TODAY}:urging`);
  });

  it('refuses text beyond the limits and commands too large to cross into a workflow, in plain Chinese', () => {
    const long = 'x'.repeat(TEXT_LIMITS.note + 1);
    expect(refusal(working(), { command: 'reportProgress', input: { actor: staff, note: long } }).message).toContain('不能超过');
    const evidence = Array.from({ length: TEXT_LIMITS.evidenceCount + 1 }, () => 'e');
    expect(refusal(working(), { command: 'reportProgress', input: { actor: staff, note: 'n', evidence } }).message).toContain('佐证材料最多');
    const huge = { actor: staff, note: 'n', padding: '汉'.repeat(COMMAND_MAX_BYTES / 3 + 10) };
    const decision = refusal(working(), { command: 'reportProgress', input: huge });
    expect(decision).toMatchObject({ reason: 'invalid_input' });
    expect(decision.message).toContain('提交的内容过大');
  });

  it("in the 'apply' stage re-checks only who may act in which state (what old histories replay with)", () => {
    const past = assignCmd({ dueDate: '2020-01-01' });
    expect(decideMeasure(fresh(), past, ctx({ stage: 'apply' })).ok).toBe(true);
    expect(decideMeasure(assigned(), past, ctx({ stage: 'apply' })).ok).toBe(false);
  });

  it('marks dates provisional when a ladder step falls in a year without holiday data', () => {
    const s = run(fresh(), assignCmd({ dueDate: '2027-03-31' }));
    expect(s.dueProvisional).toBe(true);
    expect(evolveMeasure(s, { type: 'calendarReplanned', actor: { userId: 'system', role: 'system' }, payload: { dueProvisional: false }, occurredAt: NOW }, { quantityTarget: null }).dueProvisional).toBe(false);
  });

  describe('退回交办, 移交, 节点, 年终结转', () => {
    it('lets only the assignee send a task back before 签收, with a reason; it returns to 待交办 of its department with no ladder', () => {
      expect(refusal(assigned(), { command: 'decline', input: { actor: { ...staff, userId: 'water.staff2' }, reason: '不属于本人' } }).reason).toBe('wrong_person');
      expect(refusal(assigned(), { command: 'decline', input: { actor: staff, reason: ' ' } }).message).toBe('退回交办必须说明理由（例如不属于本人职责）');
      expect(refusal(working(), { command: 'decline', input: { actor: staff, reason: '不属于本人' } }).reason).toBe('wrong_state');
      const s = run(assigned(), { command: 'decline', input: { actor: staff, reason: '不属于本人职责' } });
      expect(s).toMatchObject({ state: 'imported', assigneeId: null, dueDate: null, leadDepartment: 'water', headId: 'water.head', declines: 1 });
      expect(plannedLadder(s, DEFAULT_ESCALATION_POLICY, calendar)).toEqual([]);
      // Its department's head may assign it again (it owns it), another's may not.
      expect(decideMeasure(s, assignCmd(), ctx({ suggestedDepartment: null })).ok).toBe(true);
      expect(refusal(s, assignCmd({ actor: otherHead, leadDepartment: 'air' }), { suggestedDepartment: null }).reason).toBe('wrong_department');
    });

    it("moves a measure to another department only when that department's head (or a leader) accepts", () => {
      const request = { command: 'requestTransfer' as const, input: { actor: head, toDepartment: 'air', reason: '属大气处职责' } };
      expect(refusal(working(), { ...request, input: { ...request.input, actor: otherHead } }).reason).toBe('wrong_department');
      expect(refusal(working(), { ...request, input: { ...request.input, toDepartment: 'water' } }).message).toBe('接收处室不能是本事项现在的牵头处室');
      const asked = run(working(), request);
      expect(asked).toMatchObject({ state: 'in_progress', leadDepartment: 'water', transfer: { n: 1, fromDepartment: 'water', toDepartment: 'air', status: 'pending' } });
      expect(refusal(asked, request).message).toContain('已有待接收处室审批的移交申请');
      // The requesting head cannot accept on the other department's behalf (推诿 needs its consent).
      const decide = (actor: Actor, accept: boolean, comment?: string): MeasureCommandInput => ({ command: 'decideTransfer', input: { actor, n: 1, accept, comment } });
      expect(refusal(asked, decide(head, true)).reason).toBe('wrong_department');
      expect(refusal(asked, decide(otherHead, false)).message).toBe('不同意移交时必须填写意见');
      expect(refusal(asked, { command: 'decideTransfer', input: { actor: otherHead, n: 2, accept: true } }).message).toBe('没有编号为 2 的移交申请');
      const refused = run(asked, decide(otherHead, false, '不属本处职责'));
      expect(refused).toMatchObject({ state: 'in_progress', leadDepartment: 'water', assigneeId: 'water.staff1', transfer: { status: 'rejected', decidedBy: 'air.head' } });
      const accepted = run(run(refused, { ...request, input: { ...request.input, reason: '再次申请' } }), { command: 'decideTransfer', input: { actor: otherHead, n: 2, accept: true } });
      expect(accepted).toMatchObject({ state: 'imported', leadDepartment: 'air', assigneeId: null, dueDate: null, headId: null, transfer: { n: 2, status: 'accepted' } });
      // Now air's head assigns it within air, water's head no longer may.
      expect(refusal(accepted, assignCmd()).reason).toBe('wrong_department');
      const leaderAccepts = run(asked, decide(leader, true));
      expect(leaderAccepts.leadDepartment).toBe('air');
    });

    it("plans each open milestone's own 预警 and 催办, reports completion once, and a slipped one turns the light yellow", () => {
      const milestones = [
        { title: '完成方案', dueDate: '2026-04-15' },
        { title: '中期评估', dueDate: '2026-05-29' },
      ];
      const s = run(run(fresh(), assignCmd({ milestones })), { command: 'accept', input: { actor: staff } });
      expect(plannedLadder(s, DEFAULT_ESCALATION_POLICY, calendar).some((p) => p.milestone)).toBe(false);
      const ladder = plannedLadder(s, DEFAULT_ESCALATION_POLICY, calendar, { milestones: true });
      const firstMilestone = ladder.filter((p) => p.milestone === 1);
      expect(firstMilestone.map((p) => [p.key, p.date])).toEqual([
        ['milestone1:2026-04-15:warning', '2026-04-08'],
        ['milestone1:2026-04-15:urging', '2026-04-15'],
      ]);
      // Reached together with nothing of the deadline: one escalation event per ladder.
      const reached = reachedSteps(ladder, stepInstant('2026-04-15'));
      expect(groupBySource(reached).map((g) => g.map((p) => p.key))).toEqual([['milestone1:2026-04-15:warning', 'milestone1:2026-04-15:urging']]);
      const escalated = evolveMeasure(s, { ...escalationEvent(reached, ['user:water.staff1']), occurredAt: NOW }, evolveCtx);
      expect(escalated.escalation).toMatchObject({ level: null, fired: ['milestone1:2026-04-15:warning', 'milestone1:2026-04-15:urging'] });
      expect(pendingLadder(escalated, DEFAULT_ESCALATION_POLICY, calendar, { milestones: true }).filter((p) => p.milestone === 1)).toEqual([]);

      const light = (state: MeasureSnapshot, today: string) =>
        statusLight({ state: state.state, dueDate: state.dueDate, assignedOn: '2026-04-01', progressPercent: 50, openFindingDueDates: [], milestones: state.milestones }, today, calendar, DEFAULT_ESCALATION_POLICY);
      expect(light(s, '2026-04-16')).toMatchObject({ light: 'yellow', reasons: ['1 个节点逾期未完成'] });
      expect(refusal(s, { command: 'completeMilestone', input: { actor: head, n: 1 } }).reason).toBe('wrong_role');
      expect(refusal(s, { command: 'completeMilestone', input: { actor: staff, n: 3 } }).message).toBe('没有第 3 个节点');
      const done = run(s, { command: 'completeMilestone', input: { actor: staff, n: 1, note: '方案已印发' } }, {}, '2026-04-16T02:00:00.000Z');
      expect(done.milestones[0]).toEqual({ title: '完成方案', dueDate: '2026-04-15', completedOn: '2026-04-16' });
      expect(light(done, '2026-04-16').reasons).not.toContain('1 个节点逾期未完成');
      expect(plannedLadder(done, DEFAULT_ESCALATION_POLICY, calendar, { milestones: true }).some((p) => p.milestone === 1)).toBe(false);
      expect(refusal(done, { command: 'completeMilestone', input: { actor: staff, n: 1 } }).message).toContain('已于 2026-04-16 报告完成');
      // A reassignment that repeats the milestone keeps its completion.
      const reassigned = run(done, { command: 'reassign', input: { actor: head, assigneeId: 'water.staff1', leadDepartment: 'water', dueDate: '2026-06-30', milestones, assignee } });
      expect(reassigned.milestones[0].completedOn).toBe('2026-04-16');
    });

    it('carries an unfinished measure over (leader or admin, a later year, a reason); it closes 已结转 and is never reopened', () => {
      const cmd = (over: Record<string, unknown> = {}): MeasureCommandInput => ({ command: 'carryOver', input: { actor: leader, successorId: '2027-9.1', toYear: 2027, reason: '跨年度实施', ...over } });
      expect(refusal(working(), cmd({ actor: head })).reason).toBe('wrong_role');
      expect(refusal(working(), cmd({ toYear: 2026 })).message).toBe('结转年度应晚于本事项所属年度（2026）');
      expect(refusal(working(), cmd({ reason: '' })).message).toBe('年终结转必须说明理由');
      const s = run(working(), cmd());
      expect(s).toMatchObject({ state: 'carried_over', successorId: '2027-9.1' });
      expect(plannedLadder(s, DEFAULT_ESCALATION_POLICY, calendar)).toEqual([]);
      expect(refusal(s, { command: 'reopen', input: { actor: leader, reason: '恢复' } }).reason).toBe('wrong_state');
      expect(refusal(run(underReview(), { command: 'approve', input: { actor: head } }), cmd()).reason).toBe('wrong_state');
      expect(run(fresh(), cmd()).state).toBe('carried_over');
    });
  });
});

describe('the recorded form of an event', () => {
  it('takes its id, sequence and state from the state after it, and its clock from the workflow', () => {
    const before = initialSnapshot('2026-2.1.1');
    const event = { type: 'accept', actor: staff, payload: {} };
    const after: MeasureSnapshot = { ...before, sequence: 3, state: 'in_progress' };
    expect(recordedMeasureEvent('measure-2026-2.1.1', event, NOW, after)).toEqual({
      eventId: 'measure-2026-2.1.1#3',
      measureId: '2026-2.1.1',
      workflowId: 'measure-2026-2.1.1',
      sequence: 3,
      type: 'accept',
      actor: staff,
      stateAfter: 'in_progress',
      payload: {},
      occurredAt: NOW,
      snapshot: after,
    });
  });
});
