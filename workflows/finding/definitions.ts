// Messages of the rectification (整改) workflow of one inspection finding.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { EscalationPolicy, FindingSnapshot, FindingSummary, RectificationInput, VerificationInput } from '@duban/domain';

export const RECTIFICATION_WORKFLOW_TYPE = 'rectificationWorkflow';

export interface RectificationWorkflowInput {
  finding: FindingSnapshot;
  /** The measure's workflow, told of every status change. */
  measureWorkflowId: string;
  headId: string | null;
  calendarYears: { fromYear: number; toYear: number };
  policy: EscalationPolicy;
}

export const submitRectificationUpdate = defineUpdate<FindingSnapshot, [RectificationInput]>('submitRectification');
export const verifyRectificationUpdate = defineUpdate<FindingSnapshot, [VerificationInput]>('verifyRectification');
export const findingQuery = defineQuery<FindingSnapshot>('finding');

/** The plan's escalation policy changed: the open round's steps not fired yet are re-planned. */
export const findingPolicyChangedSignal = defineSignal<[EscalationPolicy]>('policyChanged');

/** Sent by a rectification workflow to its measure when the finding's status or round changes. */
export const findingChangedSignal = defineSignal<[FindingSummary]>('findingChanged');
