import { WorkingDayCalendar } from './calendar';
import { DEFAULT_ESCALATION_POLICY } from './escalation';
import { statusLight, type LightInput } from './status-light';

// Weekdays only (no holiday data) keeps the arithmetic easy to follow.
const calendar = new WorkingDayCalendar({ years: {} });
const base: LightInput = { state: 'in_progress', dueDate: '2031-03-31', assignedOn: '2031-03-03', progressPercent: 50, openFindingDueDates: [] };
const light = (m: Partial<LightInput>, today: string) => statusLight({ ...base, ...m }, today, calendar, DEFAULT_ESCALATION_POLICY);

describe('status light', () => {
  it('is grey before assignment and done when completed', () => {
    expect(light({ state: 'imported', dueDate: null }, '2031-03-10').light).toBe('grey');
    expect(light({ state: 'completed' }, '2031-05-10').light).toBe('done');
  });

  it('is red when overdue, counting working days', () => {
    // 2031-03-31 is a Monday; Friday 04-04 is 4 working days later.
    expect(light({}, '2031-04-04')).toEqual({ light: 'red', reasons: ['逾期 4 个工作日'], workingDaysOverdue: 4 });
  });

  it('is red when a finding is overdue even if the measure is not', () => {
    expect(light({ openFindingDueDates: ['2031-03-10'] }, '2031-03-12').light).toBe('red');
  });

  it('is yellow inside the warning window and green before it', () => {
    expect(light({ progressPercent: 90 }, '2031-03-24').light).toBe('yellow');
    expect(light({ progressPercent: 90 }, '2031-03-21').light).toBe('green');
  });

  it('is yellow when progress trails the elapsed share of working days by more than 15 points', () => {
    // 20 working days from 03-03 to 03-31; on 03-17, 10 have passed: 50 % expected.
    expect(light({ progressPercent: 30 }, '2031-03-17').light).toBe('yellow');
    expect(light({ progressPercent: 40 }, '2031-03-17').light).toBe('green');
  });
});
