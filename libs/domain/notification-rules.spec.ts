import { WorkingDayCalendar } from './calendar';
import { ladderRecipients } from './escalation';
import type { FindingSnapshot } from './finding';
import type { FindingEvent, MeasureEvent } from './measure-event';
import { initialSnapshot, type MeasureSnapshot } from './measure-snapshot';
import { notificationFor, notificationTitle, workingDaysPastDeadline } from './notification-rules';

// Weekdays only (no holiday data): 2031-03-31 is a Monday.
const calendar = new WorkingDayCalendar({ years: {} });
const MEASURE = '2031-2.1.1';

const snapshot: MeasureSnapshot = {
  ...initialSnapshot(MEASURE),
  state: 'in_progress',
  assigneeId: 'air.staff1',
  headId: 'air.head',
  leadDepartment: 'air',
  dueDate: '2031-03-31',
};

function measureEvent(type: string, actor: MeasureEvent['actor'], payload: Record<string, unknown> = {}, snap: Partial<MeasureSnapshot> = {}): MeasureEvent {
  return {
    eventId: `measure-${MEASURE}#5`,
    measureId: MEASURE,
    workflowId: `measure-${MEASURE}`,
    sequence: 5,
    type,
    actor,
    stateAfter: 'in_progress',
    payload,
    occurredAt: '2031-04-03T01:00:00.000Z',
    snapshot: { ...snapshot, ...snap },
  };
}

const finding: FindingSnapshot = {
  findingId: `${MEASURE}-f2`,
  measureId: MEASURE,
  n: 2,
  description: '台账不全',
  inspectorId: 'supervisor1',
  assigneeId: 'air.staff1',
  leadDepartment: 'air',
  status: 'submitted',
  round: 1,
  dueDate: '2031-03-31',
  rounds: [],
  sequence: 3,
  escalation: { level: null, against: null, fired: [] },
};

function findingEvent(type: string, actor: FindingEvent['actor'], payload: Record<string, unknown> = {}): FindingEvent {
  return {
    eventId: `finding-${MEASURE}-f2#3`,
    findingId: `${MEASURE}-f2`,
    measureId: MEASURE,
    workflowId: `finding-${MEASURE}-f2`,
    sequence: 3,
    type,
    actor,
    stateAfter: 'submitted',
    payload,
    occurredAt: '2031-04-03T01:00:00.000Z',
    snapshot: finding,
  };
}

const head = { userId: 'air.head', role: 'department_head' } as const;
const staff = { userId: 'air.staff1', role: 'staff' } as const;
const supervisor = { userId: 'supervisor1', role: 'supervisor' } as const;
const system = { userId: 'system', role: 'system' } as const;

describe('who is told about which event', () => {
  it.each([
    ['assign', head, 'assigned', ['user:air.staff1']],
    ['reassign', head, 'assigned', ['user:air.staff1']],
    ['submitForReview', staff, 'submitted', ['user:air.head']],
    ['returnForRework', head, 'returned', ['user:air.staff1']],
    ['approve', head, 'approved', ['user:air.staff1']],
    ['requestExtension', staff, 'extensionRequested', ['user:air.head']],
    ['decideExtension', head, 'extensionDecided', ['user:air.staff1']],
    ['fileInspection', supervisor, 'inspection', ['user:air.staff1', 'user:air.head']],
  ] as const)('%s tells its counterpart', (type, actor, kind, recipients) => {
    expect(notificationFor(measureEvent(type, actor))).toEqual({ kind, level: null, recipients });
  });

  it('tells nobody about acceptance, progress reports, cancellation or a calendar re-plan', () => {
    for (const type of ['accept', 'reportProgress', 'cancel', 'calendarReplanned']) {
      expect(notificationFor(measureEvent(type, type === 'calendarReplanned' ? system : staff))).toBeUndefined();
    }
  });

  it('never tells people what they did themselves', () => {
    // A head who assigns a measure to themselves, and then inspects… nothing to announce.
    expect(notificationFor(measureEvent('assign', head, {}, { assigneeId: 'air.head' }))).toBeUndefined();
    expect(notificationFor(measureEvent('fileInspection', { userId: 'air.head', role: 'supervisor' }))).toEqual({
      kind: 'inspection',
      level: null,
      recipients: ['user:air.staff1'],
    });
  });

  it('tells the ladder recipients of an escalation, keys unresolved', () => {
    const recipients = ladderRecipients('accountability', snapshot, 'assignee');
    const plan = notificationFor(measureEvent('escalation', system, { level: 'accountability', against: 'assignee', stepDate: '2031-04-14', recipients }));
    expect(plan).toEqual({ kind: 'escalation', level: 'accountability', recipients: ['user:air.staff1', 'head:air', 'group:supervisors', 'group:leadership'] });
  });

  it('ignores an escalation payload it cannot read', () => {
    expect(notificationFor(measureEvent('escalation', system, { level: 'panic', recipients: ['user:x'] }))).toBeUndefined();
    expect(notificationFor(measureEvent('escalation', system, { level: 'urging', recipients: 'user:x' }))).toBeUndefined();
  });

  it('tells the inspector of a rectification and the assignee of the verdict', () => {
    expect(notificationFor(findingEvent('rectificationSubmitted', staff))).toEqual({ kind: 'rectificationSubmitted', level: null, recipients: ['user:supervisor1'] });
    expect(notificationFor(findingEvent('rectificationVerified', supervisor))).toEqual({ kind: 'rectificationVerified', level: null, recipients: ['user:air.staff1'] });
    expect(notificationFor(findingEvent('findingOpened', supervisor))).toBeUndefined();
  });
});

describe('notification titles', () => {
  const context = { measureTitle: '深化挥发性有机物治理攻坚', on: '2031-04-03', calendar };

  it('counts working days overdue from the due date for an escalation', () => {
    const event = measureEvent('escalation', system, { level: 'supervision', against: 'assignee', stepDate: '2031-04-03', recipients: ['user:air.staff1'] });
    const plan = notificationFor(event)!;
    expect(notificationTitle(event, plan, context)).toBe('【督办】2031-2.1.1 深化挥发性有机物治理攻坚 已逾期 3 个工作日');
    // Without a calendar the count still follows from a step fired on its own day …
    expect(notificationTitle(event, plan, { measureTitle: null, on: '2031-04-03' })).toBe('【督办】2031-2.1.1 已逾期 3 个工作日');
    // … but not from one reached late.
    expect(notificationTitle(event, plan, { measureTitle: null, on: '2031-04-09' })).toBe('【督办】2031-2.1.1 已逾期');
  });

  it('says when a measure is due today, and when a warning falls due', () => {
    const urging = measureEvent('escalation', system, { level: 'urging', against: 'assignee', stepDate: '2031-03-31', recipients: ['user:air.staff1'] });
    expect(notificationTitle(urging, notificationFor(urging)!, { ...context, on: '2031-03-31' })).toBe('【催办】2031-2.1.1 深化挥发性有机物治理攻坚 今日到期，尚未办结');
    const warning = measureEvent('escalation', system, { level: 'warning', against: 'assignee', stepDate: '2031-03-24', recipients: ['user:air.staff1'] });
    expect(notificationTitle(warning, notificationFor(warning)!, context)).toBe('【预警】2031-2.1.1 深化挥发性有机物治理攻坚 将于 2031-03-31 到期');
  });

  it('counts a slow review from its SLA step', () => {
    const event = measureEvent('escalation', system, { level: 'supervision', against: 'reviewer', stepDate: '2031-04-01', recipients: ['user:air.head'] });
    expect(notificationTitle(event, notificationFor(event)!, context)).toBe('【督办】2031-2.1.1 深化挥发性有机物治理攻坚 审核已逾期 5 个工作日');
  });

  it('names the finding and the round of a rectification', () => {
    const failed = findingEvent('rectificationVerified', supervisor, { passed: false, nextDueDate: '2031-04-20' });
    expect(notificationTitle(failed, notificationFor(failed)!, context)).toBe('【复查】2031-2.1.1 深化挥发性有机物治理攻坚（检查问题 2） 复查未通过，请于 2031-04-20 前再次整改');
  });

  it('writes each command in plain words', () => {
    const title = (type: string, actor: MeasureEvent['actor'], payload: Record<string, unknown>) => {
      const event = measureEvent(type, actor, payload);
      return notificationTitle(event, notificationFor(event)!, context);
    };
    expect(title('assign', head, { dueDate: '2031-03-31' })).toBe('【交办】2031-2.1.1 深化挥发性有机物治理攻坚 已交办给您，截止日期 2031-03-31');
    expect(title('returnForRework', head, { comment: '缺少检测报告' })).toBe('【退回】2031-2.1.1 深化挥发性有机物治理攻坚 被退回整改：缺少检测报告');
    expect(title('decideExtension', head, { approve: false })).toBe('【延期审批】2031-2.1.1 深化挥发性有机物治理攻坚 延期申请未获同意');
    expect(title('fileInspection', supervisor, { findings: [{}, {}] })).toBe('【检查】2031-2.1.1 深化挥发性有机物治理攻坚 检查发现 2 个问题，请按期整改');
    expect(title('returnForRework', head, { comment: '长'.repeat(100) })).toHaveLength('【退回】2031-2.1.1 深化挥发性有机物治理攻坚 被退回整改：'.length + 61);
  });
});

describe('working days past the deadline', () => {
  it('adds the working days since the step to the step offset', () => {
    // Supervision falls 3 working days after the due date: reached on its day, 3; a week later, 8.
    expect(workingDaysPastDeadline('supervision', '2031-04-03', '2031-04-03', calendar)).toBe(3);
    expect(workingDaysPastDeadline('supervision', '2031-04-03', '2031-04-10', calendar)).toBe(8);
    expect(workingDaysPastDeadline('accountability', '2031-04-14', '2031-04-14', calendar)).toBe(10);
  });
});
