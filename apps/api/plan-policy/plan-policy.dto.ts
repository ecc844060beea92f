import { z } from 'zod';
import { POLICY_REASON_MAX, POLICY_MESSAGES, type EscalationPolicy } from '@duban/domain';

/**
 * PUT /plans/:year/policy. The thresholds are checked by the domain (policyProblems: integers, bounds,
 * 问责 after 督办) so the API and the web give the same messages; here only their shape.
 */
export const policyBody = z.object({
  warningDaysBefore: z.unknown().optional(),
  supervisionDaysOverdue: z.unknown().optional(),
  accountabilityDaysOverdue: z.unknown().optional(),
  reviewSlaDays: z.unknown().optional(),
  reason: z.string({ error: POLICY_MESSAGES.reasonRequired }).max(POLICY_REASON_MAX, POLICY_MESSAGES.reasonTooLong),
});
export type PolicyBody = z.infer<typeof policyBody>;

/** A plan's policy in force: its newest version, or the default (version 0) when it has none. */
export interface PlanPolicyDto {
  year: number;
  /** 0: the plan has no policy of its own and runs the default thresholds. */
  version: number;
  isDefault: boolean;
  policy: EscalationPolicy;
  defaults: EscalationPolicy;
  reason: string | null;
  changedBy: string | null;
  changedByName: string | null;
  changedAt: string | null;
}

export interface PlanPolicyVersionDto {
  version: number;
  policy: EscalationPolicy;
  reason: string;
  changedBy: string;
  changedByName: string | null;
  changedAt: string;
  /** What this version changed from the one before (the default for version 1), one line per field. */
  changes: string[];
}

export interface PlanPolicyVersionsDto {
  year: number;
  versions: PlanPolicyVersionDto[];
}

export interface PlanPolicyChangeDto extends PlanPolicyDto {
  /** false: the thresholds were already in force (a repeated request); no new version. */
  created: boolean;
  /** Running workflows told to re-plan their ladder steps not fired yet. */
  replanned: { measures: number; findings: number; directives: number };
}
