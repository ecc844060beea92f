import {
  cockpitTotals,
  completedLate,
  departmentScore,
  indicatorProgress,
  rankDepartments,
  topOverdue,
  trendMonthEnds,
  type CockpitMeasure,
} from './cockpit';

const TODAY = '2026-06-15';
let n = 0;
const m = (over: Partial<CockpitMeasure>): CockpitMeasure => ({
  id: `2026-${++n}`,
  code: String(n),
  title: `事项${n}`,
  department: 'air',
  state: 'in_progress',
  dueDate: '2026-12-31',
  completedOn: null,
  escalationLevel: null,
  outcomes: 0,
  ...over,
});

describe('cockpit figures', () => {
  const measures = [
    m({ state: 'completed', dueDate: '2026-06-30', completedOn: '2026-06-01' }), // on time
    m({ state: 'completed', dueDate: '2026-06-30', completedOn: '2026-06-30' }), // on the due date: on time
    m({ state: 'completed', dueDate: '2026-05-31', completedOn: '2026-06-02', escalationLevel: 'urging' }), // late
    m({ state: 'in_progress', dueDate: '2026-05-01', escalationLevel: 'accountability' }), // overdue, 问责
    m({ state: 'returned', dueDate: '2026-06-15' }), // due today: not overdue yet
    m({ state: 'imported', dueDate: null, department: 'water' }),
    m({ state: 'cancelled', dueDate: '2026-01-01', department: 'water', outcomes: 3 }), // not counted at all
    m({ state: 'assigned', dueDate: '2026-09-01', department: 'water', outcomes: 2 }), // outcomes only
  ];

  it('counts 办结率 without cancelled measures and 按期率 over the completed', () => {
    expect(cockpitTotals(measures, TODAY)).toEqual({
      total: 7,
      completed: 3,
      onTime: 2,
      late: 1,
      overdue: 1,
      accountability: 2,
      accountabilityLadder: 1,
      outcomes: 2,
      completionRate: 3 / 7,
      onTimeRate: 2 / 3,
    });
    expect(cockpitTotals([], TODAY)).toMatchObject({ total: 0, completionRate: null, onTimeRate: null });
  });

  it('calls a completion late only after the due date', () => {
    expect(completedLate({ state: 'completed', dueDate: '2026-06-30', completedOn: '2026-07-01' })).toBe(true);
    expect(completedLate({ state: 'completed', dueDate: '2026-06-30', completedOn: '2026-06-30' })).toBe(false);
    expect(completedLate({ state: 'completed', dueDate: null, completedOn: '2026-06-30' })).toBe(false);
  });

  it('scores a department by the documented rule and ranks best first, ties sharing a rank', () => {
    // air: 5 counted, 3 completed, 2 on time, 1 overdue, 1 under accountability.
    expect(departmentScore(cockpitTotals(measures.filter((x) => x.department === 'air'), TODAY))).toBe(Math.round((50 * 3 / 5 + 30 * 2 / 5 + 20 * (1 - 1 / 5) - 5) * 10) / 10);
    // water: 2 counted, nothing done, 1 under accountability: 20 - 5 = 15.
    const ranking = rankDepartments(measures, TODAY);
    expect(ranking.map((r) => [r.department, r.rank, r.score])).toEqual([
      ['air', 1, 53],
      ['water', 2, 15],
    ]);
    const tied = rankDepartments([m({ department: 'b' }), m({ department: 'a' }), m({ department: 'c', state: 'completed', completedOn: '2026-01-01' })], TODAY);
    expect(tied.map((r) => [r.department, r.rank])).toEqual([
      ['c', 1],
      ['a', 2],
      ['b', 2],
    ]);
    expect(departmentScore(cockpitTotals([m({ escalationLevel: 'accountability', dueDate: '2026-01-01' })], TODAY))).toBe(0);
  });

  it('lists the most working days overdue first, at most 10', () => {
    const items = Array.from({ length: 12 }, (_, i) => ({ id: `x${i}`, code: `${i}`, dueDate: `2026-05-${String(10 + i).padStart(2, '0')}`, workingDaysOverdue: i % 4 }));
    const top = topOverdue(items);
    expect(top).toHaveLength(10);
    expect(top.map((t) => t.workingDaysOverdue)).toEqual([3, 3, 3, 2, 2, 2, 1, 1, 1, 0]);
    expect(top[0].dueDate < top[1].dueDate).toBe(true);
  });

  it('has one trend point per month begun, the current one as of today', () => {
    expect(trendMonthEnds(2026, TODAY)).toEqual([
      { month: '2026-01', asOf: '2026-01-31' },
      { month: '2026-02', asOf: '2026-02-28' },
      { month: '2026-03', asOf: '2026-03-31' },
      { month: '2026-04', asOf: '2026-04-30' },
      { month: '2026-05', asOf: '2026-05-31' },
      { month: '2026-06', asOf: '2026-06-15' },
    ]);
    expect(trendMonthEnds(2024, TODAY)).toHaveLength(12);
    expect(trendMonthEnds(2024, TODAY)[1]).toEqual({ month: '2024-02', asOf: '2024-02-29' });
    expect(trendMonthEnds(2027, TODAY)).toEqual([]);
  });

  it('averages the progress of an indicator\'s measures, completed as 100', () => {
    expect(indicatorProgress([{ state: 'completed', progressPercent: 40 }, { state: 'in_progress', progressPercent: 50 }, { state: 'cancelled', progressPercent: 0 }])).toBe(75);
    expect(indicatorProgress([])).toBeNull();
  });
});
