// A plan's own escalation policy (督办规则): which thresholds an admin or leader may set, and the plain
// reason a proposed policy is refused. Used by the API before a new version is stored, and by the web
// for its fields' bounds and labels. The workflows take whatever policy they are given (validated here).
import { DEFAULT_ESCALATION_POLICY, type EscalationPolicy } from './escalation';

export const POLICY_FIELDS = ['warningDaysBefore', 'supervisionDaysOverdue', 'accountabilityDaysOverdue', 'reviewSlaDays'] as const;
export type PolicyField = (typeof POLICY_FIELDS)[number];

/** Bounds of each threshold, in working days (inclusive). 问责 must also come after 督办. */
export const POLICY_LIMITS: Record<PolicyField, { min: number; max: number }> = {
  warningDaysBefore: { min: 0, max: 30 },
  supervisionDaysOverdue: { min: 1, max: 60 },
  accountabilityDaysOverdue: { min: 2, max: 120 },
  reviewSlaDays: { min: 1, max: 30 },
};

export const POLICY_FIELD_LABELS: Record<PolicyField, string> = {
  warningDaysBefore: '预警提前天数',
  supervisionDaysOverdue: '督办逾期天数',
  accountabilityDaysOverdue: '问责逾期天数',
  reviewSlaDays: '审核时限',
};

/** What each threshold means, in one plain sentence (the web shows it under the field). */
export const POLICY_FIELD_HINTS: Record<PolicyField, string> = {
  warningDaysBefore: '截止日期前多少个工作日发出预警（0 表示当天）',
  supervisionDaysOverdue: '逾期满多少个工作日转为督办',
  accountabilityDaysOverdue: '逾期满多少个工作日转为问责（须多于督办逾期天数）',
  reviewSlaDays: '提交审核后多少个工作日内应审核完毕，超出即对审核人催办',
};

/** The longest reason stored with a policy change. */
export const POLICY_REASON_MAX = 500;

export const POLICY_MESSAGES = {
  reasonRequired: '修改督办规则必须说明理由',
  reasonTooLong: `修改理由不能超过 ${POLICY_REASON_MAX} 个字`,
  unchanged: '督办规则没有变化，无需保存新版本',
} as const;

export interface PolicyProblem {
  field: PolicyField | 'reason';
  message: string;
}

/**
 * Every reason the proposed thresholds are unusable (empty when they are fine): whole numbers of
 * working days within POLICY_LIMITS, and 问责 strictly after 督办.
 */
export function policyProblems(input: Partial<Record<PolicyField, unknown>>): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  for (const field of POLICY_FIELDS) {
    const value = input[field];
    const { min, max } = POLICY_LIMITS[field];
    const label = POLICY_FIELD_LABELS[field];
    if (value === undefined || value === null) problems.push({ field, message: `请填写${label}` });
    else if (typeof value !== 'number' || !Number.isInteger(value)) problems.push({ field, message: `${label}应为整数个工作日` });
    else if (value < min || value > max) problems.push({ field, message: `${label}应在 ${min}–${max} 个工作日之间` });
  }
  const { supervisionDaysOverdue: supervision, accountabilityDaysOverdue: accountability } = input;
  if (Number.isInteger(supervision) && Number.isInteger(accountability) && (accountability as number) <= (supervision as number)) {
    if (!problems.some((p) => p.field === 'accountabilityDaysOverdue')) {
      problems.push({ field: 'accountabilityDaysOverdue', message: `问责逾期天数应多于督办逾期天数（${supervision as number} 个工作日）` });
    }
  }
  return problems;
}

/** The reason a change needs, or its problem. */
export function policyReasonProblem(reason: unknown): PolicyProblem | undefined {
  if (typeof reason !== 'string' || !reason.trim()) return { field: 'reason', message: POLICY_MESSAGES.reasonRequired };
  if (reason.length > POLICY_REASON_MAX) return { field: 'reason', message: POLICY_MESSAGES.reasonTooLong };
  return undefined;
}

/** The policy's four thresholds only (a stored or submitted object may carry more). */
export function toEscalationPolicy(input: Record<PolicyField, number>): EscalationPolicy {
  return {
    warningDaysBefore: input.warningDaysBefore,
    supervisionDaysOverdue: input.supervisionDaysOverdue,
    accountabilityDaysOverdue: input.accountabilityDaysOverdue,
    reviewSlaDays: input.reviewSlaDays,
  };
}

/** The fields whose value differs, in POLICY_FIELDS order. */
export function policyChanges(before: EscalationPolicy, after: EscalationPolicy): PolicyField[] {
  return POLICY_FIELDS.filter((f) => before[f] !== after[f]);
}

/** One line per changed field, e.g. 「督办逾期天数：3 → 5 个工作日」. */
export function describePolicyChanges(before: EscalationPolicy, after: EscalationPolicy): string[] {
  return policyChanges(before, after).map((f) => `${POLICY_FIELD_LABELS[f]}：${before[f]} → ${after[f]} 个工作日`);
}

/** A plan without a policy of its own runs the default thresholds (version 0). */
export const DEFAULT_PLAN_POLICY = { version: 0, policy: DEFAULT_ESCALATION_POLICY } as const;
