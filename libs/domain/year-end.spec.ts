import { carriedPlanTitle, carryOverChapterCode, completionFigures, carryOverRequestProblem, isCarryable, notCarriedReason, successorFor } from './year-end';
import { nextFreeCode } from './plan-edits';
import { MEASURE_STATE_LABELS } from './lifecycle';

describe('year end', () => {
  it('carries what is not finished', () => {
    expect(['imported', 'assigned', 'in_progress', 'under_review', 'returned'].every(isCarryable)).toBe(true);
    expect(['completed', 'cancelled', 'carried_over'].some(isCarryable)).toBe(false);
    expect(notCarriedReason('carried_over', MEASURE_STATE_LABELS)).toBe('已结转');
    expect(notCarriedReason('completed', MEASURE_STATE_LABELS)).toBe('事项当前状态为「已办结」，无需结转');
    expect(notCarriedReason('in_progress', MEASURE_STATE_LABELS)).toBeUndefined();
  });

  it('checks the request', () => {
    const ok = { fromYear: 2022, toYear: 2023, reason: '年度结束' };
    expect(carryOverRequestProblem(ok)).toBeUndefined();
    expect(carryOverRequestProblem({ ...ok, toYear: 2022 })).toBe('结转年度应晚于 2022 年');
    expect(carryOverRequestProblem({ ...ok, toYear: 2023.5 })).toBe('结转年度应为整数年份');
    expect(carryOverRequestProblem({ ...ok, toYear: 2101 })).toBe('结转年度超出范围');
    expect(carryOverRequestProblem({ ...ok, reason: ' ' })).toBe('年终结转必须说明理由');
    expect(carryOverRequestProblem({ ...ok, measureIds: [] })).toContain('请至少选择一个事项');
    expect(carryOverRequestProblem({ ...ok, measureIds: ['2021-1.1.1'] })).toBe('事项 2021-1.1.1 不属于 2022 年工作要点');
    expect(carryOverRequestProblem({ ...ok, measureIds: ['2022-1.1.1'] })).toBeUndefined();
  });

  it('appends in chapter 90, or after every code in use', () => {
    expect(carryOverChapterCode(['1.1', '2', '2.1', '2.1.3', '6', '6.2.1'])).toBe('90');
    expect(carryOverChapterCode([])).toBe('90');
    expect(carryOverChapterCode(['90', '90.1', '99.1.1'])).toBe('100');
    expect(nextFreeCode('7.1', ['7.1.1', '7.1.2', '7.2.9', '17.1.5'])).toBe('7.1.3');
    expect(nextFreeCode('7.1', [])).toBe('7.1.1');
    expect(carriedPlanTitle(2023)).toBe('2023年工作要点（结转）');
  });

  it('links to the measure already linked, else one of the same title nobody else continues into', () => {
    const candidates = [
      { id: '2023-1.1.1', title: '推进大气治理', predecessorId: '2022-9.9.9' },
      { id: '2023-1.1.2', title: ' 推进大气治理 ', predecessorId: null },
      { id: '2023-7.1.1', title: '其他', predecessorId: '2022-1.1.1' },
    ];
    expect(successorFor({ id: '2022-1.1.1', title: '其他' }, candidates)?.id).toBe('2023-7.1.1');
    expect(successorFor({ id: '2022-2.1.1', title: '推进大气治理' }, candidates)?.id).toBe('2023-1.1.2');
    expect(successorFor({ id: '2022-2.1.2', title: '新的' }, candidates)).toBeUndefined();
    expect(successorFor({ id: '2022-2.1.3', title: '其他' }, candidates)).toBeUndefined();
    expect(successorFor({ id: '2022-2.1.1', title: 'x', successorId: '2023-1.1.2' }, candidates)?.id).toBe('2023-1.1.2');
  });
});

describe('completion figures', () => {
  it('counts by state and rates completion without the cancelled', () => {
    expect(completionFigures(['completed', 'completed', 'carried_over', 'cancelled', 'in_progress'])).toEqual({
      total: 5,
      completed: 2,
      carriedOver: 1,
      cancelled: 1,
      unfinished: 1,
      completionRate: 50,
    });
    expect(completionFigures([])).toMatchObject({ total: 0, completionRate: 0 });
    expect(completionFigures(['completed', 'carried_over', 'carried_over']).completionRate).toBe(33.3);
  });
});
