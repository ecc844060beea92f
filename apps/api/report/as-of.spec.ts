import { WorkingDayCalendar, DEFAULT_ESCALATION_POLICY } from '@duban/domain';
import { endOfBeijingDay, isOverdue, lightOn, startOfBeijingDay, statusAsOf, statusFromSnapshot, type TimelineEvent } from './as-of';

const at = (iso: string) => new Date(iso);
const measure = (type: string, stateAfter: string, occurredAt: string, payload: Record<string, unknown> = {}): TimelineEvent => ({
  workflowId: 'measure-2031-1.1.1',
  type,
  stateAfter,
  payload,
  occurredAt: at(occurredAt),
});
const finding = (type: string, stateAfter: string, occurredAt: string, payload: Record<string, unknown> = {}): TimelineEvent => ({
  workflowId: 'finding-2031-1.1.1-f1',
  type,
  stateAfter,
  payload,
  occurredAt: at(occurredAt),
});

const timeline: TimelineEvent[] = [
  measure('assign', 'assigned', '2031-03-03T02:00:00Z', { assigneeId: 'soil.staff1', leadDepartment: 'soil', coDepartments: ['water'], dueDate: '2031-03-31' }),
  measure('accept', 'in_progress', '2031-03-04T02:00:00Z'),
  measure('reportProgress', 'in_progress', '2031-03-10T02:00:00Z', { percent: null, quantityDone: 150 }),
  measure('fileInspection', 'in_progress', '2031-03-12T02:00:00Z', { findings: [{ n: 1, dueDate: '2031-03-20' }] }),
  finding('findingOpened', 'open', '2031-03-12T02:00:01Z', { description: '台账不全', dueDate: '2031-03-20' }),
  measure('escalation', 'in_progress', '2031-03-24T01:00:00Z', { level: 'warning' }),
  measure('escalation', 'in_progress', '2031-04-01T01:00:00Z', { level: 'urging' }),
  finding('rectificationSubmitted', 'submitted', '2031-04-02T02:00:00Z'),
  finding('rectificationVerified', 'open', '2031-04-03T02:00:00Z', { passed: false, nextDueDate: '2031-04-10' }),
  measure('requestExtension', 'in_progress', '2031-04-03T03:00:00Z', { n: 1, newDueDate: '2031-04-30' }),
  measure('decideExtension', 'in_progress', '2031-04-03T04:00:00Z', { n: 1, approve: true, newDueDate: '2031-04-30' }),
  measure('submitForReview', 'under_review', '2031-04-20T02:00:00Z'),
  measure('returnForRework', 'returned', '2031-04-21T02:00:00Z', { comment: '补充材料' }),
  finding('rectificationSubmitted', 'submitted', '2031-04-22T02:00:00Z'),
  finding('rectificationVerified', 'closed', '2031-04-23T02:00:00Z', { passed: true, nextDueDate: null }),
  measure('submitForReview', 'under_review', '2031-04-24T02:00:00Z'),
  // 2031-04-30T17:00Z is already 05-01 in Beijing.
  measure('approve', 'completed', '2031-04-30T17:00:00Z'),
];

describe('measure status as of a moment', () => {
  it('is not started before the first event', () => {
    expect(statusAsOf(timeline, at('2031-03-01T00:00:00Z'), 600)).toMatchObject({ state: 'imported', dueDate: null, findings: [] });
  });

  it('replays assignment, progress (a count becomes a percentage) and findings', () => {
    const s = statusAsOf(timeline, endOfBeijingDay('2031-03-31'), 600);
    expect(s).toMatchObject({
      state: 'in_progress',
      assigneeId: 'soil.staff1',
      leadDepartment: 'soil',
      coDepartments: ['water'],
      dueDate: '2031-03-31',
      assignedOn: '2031-03-03',
      progressPercent: 25,
      quantityDone: 150,
      escalationLevel: 'warning',
      findings: [{ status: 'open', dueDate: '2031-03-20' }],
    });
    expect(isOverdue(s, '2031-03-31')).toBe(false);
    expect(isOverdue(s, '2031-04-01')).toBe(true);
  });

  it('follows an approved extension (new due date, ladder reset), re-inspection rounds and rework', () => {
    const s = statusAsOf(timeline, endOfBeijingDay('2031-04-21'), 600);
    expect(s).toMatchObject({ state: 'returned', dueDate: '2031-04-30', escalationLevel: null, reworkCount: 1, findings: [{ status: 'open', dueDate: '2031-04-10' }] });
  });

  it('counts completion on the Beijing calendar day', () => {
    expect(statusAsOf(timeline, endOfBeijingDay('2031-04-30'), 600).state).toBe('under_review');
    expect(statusAsOf(timeline, endOfBeijingDay('2031-05-01'), 600)).toMatchObject({ state: 'completed', completedOn: '2031-05-01', findings: [{ status: 'closed' }] });
  });

  it('bounds Beijing days in UTC', () => {
    expect(startOfBeijingDay('2031-05-01').toISOString()).toBe('2031-04-30T16:00:00.000Z');
    expect(endOfBeijingDay('2031-04-30').toISOString()).toBe('2031-04-30T16:00:00.000Z');
  });

  it('reads today from the projection and applies the one light rule', () => {
    const calendar = new WorkingDayCalendar({ years: {} });
    const s = statusFromSnapshot(
      'in_progress',
      { state: 'in_progress', dueDate: '2031-03-31', assignedOn: '2031-03-03', progress: { percent: 50 }, escalation: { level: 'urging' } },
      [{ status: 'open', dueDate: '2031-03-10' }],
    );
    expect(s).toMatchObject({ escalationLevel: 'urging', progressPercent: 50, reworkCount: 0, coDepartments: [] });
    expect(lightOn(s, '2031-03-12', calendar, DEFAULT_ESCALATION_POLICY).light).toBe('red');
    expect(lightOn({ ...s, findings: [] }, '2031-03-12', calendar, DEFAULT_ESCALATION_POLICY).light).toBe('green');
    expect(statusFromSnapshot(null, null, []).state).toBe('imported');
  });
});
