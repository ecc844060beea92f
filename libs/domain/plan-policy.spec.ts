import { DEFAULT_ESCALATION_POLICY } from './escalation';
import { describePolicyChanges, policyChanges, policyProblems, policyReasonProblem, toEscalationPolicy } from './plan-policy';

const valid = { warningDaysBefore: 5, supervisionDaysOverdue: 3, accountabilityDaysOverdue: 10, reviewSlaDays: 5 };

describe('plan policy rules', () => {
  it('accepts the default and the bounds', () => {
    expect(policyProblems(valid)).toEqual([]);
    expect(policyProblems({ warningDaysBefore: 0, supervisionDaysOverdue: 1, accountabilityDaysOverdue: 2, reviewSlaDays: 1 })).toEqual([]);
    expect(policyProblems({ warningDaysBefore: 30, supervisionDaysOverdue: 60, accountabilityDaysOverdue: 120, reviewSlaDays: 30 })).toEqual([]);
  });

  it('refuses numbers out of range, with the field and a plain message', () => {
    expect(policyProblems({ ...valid, warningDaysBefore: 31 })).toEqual([{ field: 'warningDaysBefore', message: '预警提前天数应在 0–30 个工作日之间' }]);
    expect(policyProblems({ ...valid, warningDaysBefore: -1 })[0].field).toBe('warningDaysBefore');
    expect(policyProblems({ ...valid, supervisionDaysOverdue: 0 })[0].field).toBe('supervisionDaysOverdue');
    expect(policyProblems({ ...valid, supervisionDaysOverdue: 61, accountabilityDaysOverdue: 100 })[0].field).toBe('supervisionDaysOverdue');
    expect(policyProblems({ ...valid, accountabilityDaysOverdue: 121 })).toEqual([{ field: 'accountabilityDaysOverdue', message: '问责逾期天数应在 2–120 个工作日之间' }]);
    expect(policyProblems({ ...valid, reviewSlaDays: 0 })[0].field).toBe('reviewSlaDays');
    expect(policyProblems({ ...valid, reviewSlaDays: 31 })[0].field).toBe('reviewSlaDays');
  });

  it('refuses fractions, strings and missing fields', () => {
    expect(policyProblems({ ...valid, warningDaysBefore: 2.5 })).toEqual([{ field: 'warningDaysBefore', message: '预警提前天数应为整数个工作日' }]);
    expect(policyProblems({ ...valid, reviewSlaDays: '5' })[0].message).toBe('审核时限应为整数个工作日');
    expect(policyProblems({ ...valid, supervisionDaysOverdue: Number.NaN })[0].field).toBe('supervisionDaysOverdue');
    expect(policyProblems({})).toHaveLength(4);
  });

  it('wants 问责 strictly after 督办', () => {
    expect(policyProblems({ ...valid, supervisionDaysOverdue: 10, accountabilityDaysOverdue: 10 })).toEqual([
      { field: 'accountabilityDaysOverdue', message: '问责逾期天数应多于督办逾期天数（10 个工作日）' },
    ]);
    expect(policyProblems({ ...valid, supervisionDaysOverdue: 9, accountabilityDaysOverdue: 10 })).toEqual([]);
  });

  it('needs a reason', () => {
    expect(policyReasonProblem('  ')?.message).toBe('修改督办规则必须说明理由');
    expect(policyReasonProblem(undefined)?.field).toBe('reason');
    expect(policyReasonProblem('x'.repeat(501))?.message).toContain('500');
    expect(policyReasonProblem('试行更严格的督办')).toBeUndefined();
  });

  it('keeps only the thresholds and says what changed', () => {
    const after = toEscalationPolicy({ ...valid, supervisionDaysOverdue: 2, extra: 1 } as typeof valid);
    expect(after).toEqual({ ...valid, supervisionDaysOverdue: 2 });
    expect(policyChanges(DEFAULT_ESCALATION_POLICY, after)).toEqual(['supervisionDaysOverdue']);
    expect(describePolicyChanges(DEFAULT_ESCALATION_POLICY, after)).toEqual(['督办逾期天数：3 → 2 个工作日']);
  });
});
