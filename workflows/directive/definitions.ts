// Messages of a directive's workflow (批示, 催办, 督办单, 问责结果): one workflow per directive.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor, DirectiveSnapshot, EscalationPolicy } from '@duban/domain';

export const DIRECTIVE_WORKFLOW_TYPE = 'directiveWorkflow';

export interface DirectiveWorkflowInput {
  /** The directive as issued (`openedDirective`, nothing recorded yet); the workflow records the issue first. */
  directive: DirectiveSnapshot;
  /** Calendar years the due date's ladder can reach. */
  calendarYears: { fromYear: number; toYear: number };
  policy: EscalationPolicy;
}

export interface DirectiveActionInput {
  actor: Actor;
  /** 答复 / 反馈 / 办理情况 (respond). */
  text?: string;
  /** An optional comment on closing. */
  comment?: string;
}

/** Answers once the issue is recorded: the caller reads its own write. */
export const directiveIssuedUpdate = defineUpdate<DirectiveSnapshot, []>('directiveIssued');
export const acknowledgeDirectiveUpdate = defineUpdate<DirectiveSnapshot, [DirectiveActionInput]>('acknowledgeDirective');
export const respondDirectiveUpdate = defineUpdate<DirectiveSnapshot, [DirectiveActionInput]>('respondDirective');
export const closeDirectiveUpdate = defineUpdate<DirectiveSnapshot, [DirectiveActionInput]>('closeDirective');
export const directiveQuery = defineQuery<DirectiveSnapshot>('directive');

/** The plan's escalation policy changed: an overdue answer's steps not fired yet are re-planned. */
export const directivePolicyChangedSignal = defineSignal<[EscalationPolicy]>('policyChanged');
