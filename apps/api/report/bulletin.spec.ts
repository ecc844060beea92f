import { DEFAULT_ESCALATION_POLICY, WorkingDayCalendar } from '@duban/domain';
import { NOT_STARTED, type MeasureStatus } from './as-of';
import { bulletinTables, bulletinTitle, computeBulletin, type BulletinMeasure } from './bulletin';

// Weekdays only (no holiday data): 2031-06-30 is a Monday.
const calendar = new WorkingDayCalendar({ years: {} });
const names = { departments: new Map([['soil', '土壤生态环境处'], ['air', '大气环境处']]), users: new Map([['soil.staff1', '马晓燕']]) };
const active = (over: Partial<MeasureStatus>): MeasureStatus => ({
  ...NOT_STARTED,
  state: 'in_progress',
  assigneeId: 'soil.staff1',
  leadDepartment: 'soil',
  assignedOn: '2031-03-03',
  progressPercent: 90,
  ...over,
});
const m = (code: string, now: MeasureStatus, previous: MeasureStatus = now, suggested: string | null = 'air'): BulletinMeasure => ({
  code,
  title: `事项 ${code}`,
  suggestedDepartmentCode: suggested,
  now,
  previous,
});

const measures = [
  // Due in June and overdue since: newly overdue this month.
  m('1.1', active({ dueDate: '2031-06-20', escalationLevel: 'supervision' }), active({ dueDate: '2031-06-20' })),
  // Overdue since May: not new this month.
  m('1.2', active({ dueDate: '2031-05-20', escalationLevel: 'accountability' })),
  // Completed this month on time, and one completed late.
  m('1.3', active({ state: 'completed', dueDate: '2031-06-30', completedOn: '2031-06-15' })),
  m('1.4', active({ state: 'completed', dueDate: '2031-06-10', completedOn: '2031-06-12' })),
  // On track, not yet due.
  m('1.5', active({ dueDate: '2031-09-30', assignedOn: '2031-06-01', progressPercent: 20 })),
  // Never assigned: counted for the suggested department.
  m('1.6', NOT_STARTED),
];

describe('monthly bulletin', () => {
  const figures = computeBulletin({
    planTitle: '某局2031年工作要点',
    month: '2031-06',
    asOf: '2031-06-30',
    asOfIsToday: false,
    previousMonthEnd: '2031-05-31',
    measures,
    escalationsInMonth: ['warning', 'urging', 'supervision', 'supervision'],
    calendar,
    policy: DEFAULT_ESCALATION_POLICY,
    names,
  });

  it('titles the bulletin with the plan and the month', () => {
    expect(bulletinTitle('青岛市生态环境局2022年工作要点', '2022-06')).toBe('青岛市生态环境局2022年工作要点督办通报（2022年6月）');
    expect(figures.title).toBe('某局2031年工作要点督办通报（2031年6月）');
  });

  it('counts every measure under exactly one light', () => {
    expect(figures.lights).toEqual({ red: 2, yellow: 0, green: 1, grey: 1, done: 2 });
    expect(Object.values(figures.lights).reduce((a, b) => a + b, 0)).toBe(figures.total);
  });

  it('counts the month: completions, newly overdue, escalations by level', () => {
    expect(figures.completedThisMonth).toBe(2);
    expect(figures.newlyOverdue).toBe(1);
    expect(figures.escalations).toEqual({ warning: 1, urging: 1, supervision: 2, accountability: 0 });
  });

  it('tabulates departments with the on-time completion rate', () => {
    expect(figures.departments).toEqual([
      // Due by 06-30 or completed: 1.1, 1.2, 1.3, 1.4; on time: 1.3.
      { department: '土壤生态环境处', measures: 5, completed: 2, onTimeRate: 0.25, overdue: 2, supervision: 1, accountability: 1 },
      { department: '大气环境处', measures: 1, completed: 0, onTimeRate: null, overdue: 0, supervision: 0, accountability: 0 },
    ]);
  });

  it('lists overdue measures, longest overdue first', () => {
    expect(figures.overdue.map((o) => [o.code, o.workingDaysOverdue, o.level, o.assignee])).toEqual([
      ['1.2', 29, '问责', '马晓燕'],
      ['1.1', 6, '督办', '马晓燕'],
    ]);
  });

  it('renders three sheets: summary, departments with a totals row, overdue list', () => {
    const [summary, departments, overdue] = bulletinTables(figures);
    expect([summary.sheet, departments.sheet, overdue.sheet]).toEqual(['概况', '处室统计', '逾期事项']);
    expect(summary.notes[0]).toBe('统计截至 2031-06-30（月末）');
    expect(departments.rows.at(-1)?.cells).toEqual(['合计', 6, 2, '25.0%', 2, 1, 1]);
    expect(overdue.rows).toHaveLength(2);
  });
});
