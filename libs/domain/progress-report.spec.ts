// 报送进展 with 存在问题 / 下步打算: the input rule, the event payload and what the state keeps.
import { OFFICIAL_2024_2026 } from './calendar/official-2024-2026.fixture';
import { WorkingDayCalendar } from './calendar/working-day-calendar';
import { PROGRESS_TEXT_FIELDS, progressInputProblem, progressTextProblem, progressTextTooLong, textLimitProblem, TEXT_LIMITS } from './command-inputs';
import { DEFAULT_ESCALATION_POLICY } from './escalation';
import { dateProvisional } from './due-date';
import { decideMeasure, evolveMeasure, type DecideContext, type MeasureCommandInput } from './measure-machine';
import type { Actor } from './measure-event';
import { initialSnapshot, type MeasureSnapshot } from './measure-snapshot';

const head: Actor = { userId: 'water.head', role: 'department_head', department: 'water' };
const staff: Actor = { userId: 'water.staff1', role: 'staff', department: 'water' };
const assignee = { userId: 'water.staff1', role: 'staff', department: 'water', active: true };
const ctx: DecideContext = { today: '2026-03-02', suggestedDepartment: 'water', quantityTarget: null, stage: 'validate' };
const evolveCtx = { quantityTarget: null, ladder: { policy: DEFAULT_ESCALATION_POLICY, calendar: new WorkingDayCalendar(OFFICIAL_2024_2026) } };

function decide(state: MeasureSnapshot, cmd: MeasureCommandInput) {
  return decideMeasure(state, cmd, ctx);
}
function run(state: MeasureSnapshot, cmd: MeasureCommandInput, at = '2026-03-02T02:00:00.000Z'): MeasureSnapshot {
  const decision = decide(state, cmd);
  if (!decision.ok) throw new Error(decision.message);
  return evolveMeasure(state, { ...decision.event, occurredAt: at }, evolveCtx);
}
const working = () => {
  const assigned = run(initialSnapshot('2026-1.1'), { command: 'assign', input: { actor: head, assigneeId: 'water.staff1', leadDepartment: 'water', dueDate: '2026-06-30', assignee } });
  return run(assigned, { command: 'accept', input: { actor: staff } });
};
const report = (input: Record<string, unknown>): MeasureCommandInput => ({ command: 'reportProgress', input: { actor: staff, ...input } });

describe('存在问题 / 下步打算 input rule', () => {
  it('names both fields in Chinese and takes the note’s length limit', () => {
    expect(PROGRESS_TEXT_FIELDS).toEqual({ problems: '存在问题', nextSteps: '下步打算' });
    expect(progressTextTooLong('problems')).toBe(`存在问题不能超过 ${TEXT_LIMITS.note} 个字`);
    expect(progressTextProblem('problems', '汉'.repeat(TEXT_LIMITS.note))).toBeUndefined();
    // Surrounding blanks do not count, as for the note.
    expect(progressTextProblem('nextSteps', ` ${'汉'.repeat(TEXT_LIMITS.note)} `)).toBeUndefined();
    expect(progressTextProblem('nextSteps', '汉'.repeat(TEXT_LIMITS.note + 1))).toBe(`下步打算不能超过 ${TEXT_LIMITS.note} 个字`);
    expect(progressTextProblem('problems', 42)).toBe('存在问题应为文字');
    expect(progressTextProblem('problems', undefined)).toBeUndefined();
  });

  it('is part of the progress rule and of the size rule for callers that bypass the API', () => {
    const long = '汉'.repeat(TEXT_LIMITS.note + 1);
    expect(progressInputProblem({ actor: staff, note: 'n', problems: long }, null)).toBe(progressTextTooLong('problems'));
    expect(progressInputProblem({ actor: staff, note: 'n', nextSteps: long }, null)).toBe(progressTextTooLong('nextSteps'));
    expect(textLimitProblem({ nextSteps: long })).toBe(progressTextTooLong('nextSteps'));
    // A report of its problems alone is a report.
    expect(progressInputProblem({ actor: staff, problems: '资金未到位' }, null)).toBeUndefined();
    expect(progressInputProblem({ actor: staff, problems: '  ' }, null)).toBe('请填写进展说明、完成百分比或完成数量');
  });

  it('refuses a too long 存在问题 in the workflow’s decision with the same message', () => {
    const decision = decide(working(), report({ note: 'n', problems: '汉'.repeat(TEXT_LIMITS.note + 1) }));
    expect(decision).toMatchObject({ ok: false, reason: 'invalid_input', message: progressTextTooLong('problems') });
  });
});

describe('存在问题 / 下步打算 in the event and the state', () => {
  it('carries them (trimmed) in the payload only when written, so older reports record as before', () => {
    const with_ = decide(working(), report({ note: '完成一半', problems: ' 资金未到位 ', nextSteps: '月底前招标' }));
    expect(with_).toMatchObject({ ok: true, event: { payload: { note: '完成一半', problems: '资金未到位', nextSteps: '月底前招标' } } });
    const without = decide(working(), report({ note: '完成一半', problems: '  ' }));
    if (!without.ok) throw new Error(without.message);
    expect(without.event.payload).toEqual({ percent: null, quantityDone: null, note: '完成一半', evidence: [] });
  });

  it('keeps the latest written report’s problems and next steps; a figures-only report keeps them; a written one replaces them', () => {
    let s = run(working(), report({ note: '第一批', problems: '资金未到位', nextSteps: '月底前招标' }));
    expect(s.progress).toMatchObject({ note: '第一批', problems: '资金未到位', nextSteps: '月底前招标' });
    s = run(s, report({ percent: 40 }));
    expect(s.progress).toMatchObject({ percent: 40, note: '第一批', problems: '资金未到位', nextSteps: '月底前招标' });
    s = run(s, report({ note: '资金已到位，开始施工', nextSteps: '六月底完工' }));
    expect(s.progress.note).toBe('资金已到位，开始施工');
    expect(s.progress.problems).toBeUndefined();
    expect(s.progress.nextSteps).toBe('六月底完工');
  });

  it('folds a report recorded before the fields existed into the same state as before (no new keys)', () => {
    const s = evolveMeasure(
      working(),
      { type: 'reportProgress', actor: staff, payload: { percent: 10, quantityDone: null, note: '旧报告', evidence: [] }, occurredAt: '2026-03-02T02:00:00.000Z' },
      evolveCtx,
    );
    expect(Object.keys(s.progress).sort()).toEqual(['evidence', 'note', 'percent', 'quantityDone', 'reportedAt', 'reports']);
  });
});

describe('dateProvisional (时限 暂定)', () => {
  const calendar = new WorkingDayCalendar(OFFICIAL_2024_2026);
  it('marks only a date in a year without official holidays', () => {
    expect(dateProvisional('2026-12-31', calendar)).toBe(false);
    expect(dateProvisional('2027-01-04', calendar)).toBe(true);
    expect(dateProvisional(null, calendar)).toBe(false);
  });
});
