// Messages of the measure workflow, shared by the workflow and every client.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  ActorOnly,
  AssignInput,
  CancelInput,
  CarryOverInput,
  DeclineInput,
  EscalationPolicy,
  MilestoneCompletionInput,
  TransferDecisionInput,
  TransferRequestInput,
  ExtensionDecisionInput,
  ExtensionRequestInput,
  InspectionInput,
  MeasureSnapshot,
  ProgressInput,
  ReopenInput,
  ReviewInput,
  SubmitInput,
} from '@duban/domain';

export type { MeasureSnapshot } from '@duban/domain';

export const MEASURE_WORKFLOW_TYPE = 'measureWorkflow';

export interface MeasureWorkflowInput {
  year: number;
  code: string;
  /** The measure's quantified target, if the plan gives one (e.g. 600 个 村庄). */
  quantityTarget?: { value: number; unit: string; text: string } | null;
  /** Escalation thresholds of the measure's plan (DEFAULT_ESCALATION_POLICY when absent); changed by policyChangedSignal. */
  policy?: EscalationPolicy;
  /** Year-end carry-over: the measure of last year's plan this one continues. */
  predecessorId?: string | null;
  /** The department the plan suggests (the one whose head may 交办 it while unassigned). */
  suggestedDepartment?: string | null;
  /** Carried over by continue-as-new. */
  snapshot?: MeasureSnapshot;
  /** Set when a closed measure is reopened: the new run records the reopening first. */
  reopen?: ReopenInput;
}

export const assignUpdate = defineUpdate<MeasureSnapshot, [AssignInput]>('assign');
export const reassignUpdate = defineUpdate<MeasureSnapshot, [AssignInput]>('reassign');
export const acceptUpdate = defineUpdate<MeasureSnapshot, [ActorOnly]>('accept');
export const reportProgressUpdate = defineUpdate<MeasureSnapshot, [ProgressInput]>('reportProgress');
export const submitForReviewUpdate = defineUpdate<MeasureSnapshot, [SubmitInput]>('submitForReview');
export const approveUpdate = defineUpdate<MeasureSnapshot, [ReviewInput]>('approve');
export const returnForReworkUpdate = defineUpdate<MeasureSnapshot, [ReviewInput]>('returnForRework');
export const requestExtensionUpdate = defineUpdate<MeasureSnapshot, [ExtensionRequestInput]>('requestExtension');
export const decideExtensionUpdate = defineUpdate<MeasureSnapshot, [ExtensionDecisionInput]>('decideExtension');
export const cancelUpdate = defineUpdate<MeasureSnapshot, [CancelInput]>('cancel');
export const fileInspectionUpdate = defineUpdate<MeasureSnapshot, [InspectionInput]>('fileInspection');
export const declineUpdate = defineUpdate<MeasureSnapshot, [DeclineInput]>('decline');
export const requestTransferUpdate = defineUpdate<MeasureSnapshot, [TransferRequestInput]>('requestTransfer');
export const decideTransferUpdate = defineUpdate<MeasureSnapshot, [TransferDecisionInput]>('decideTransfer');
export const completeMilestoneUpdate = defineUpdate<MeasureSnapshot, [MilestoneCompletionInput]>('completeMilestone');
export const carryOverUpdate = defineUpdate<MeasureSnapshot, [CarryOverInput]>('carryOver');

export const snapshotQuery = defineQuery<MeasureSnapshot>('snapshot');

/** The plan was imported again with another suggested department for this measure. */
export const suggestedDepartmentSignal = defineSignal<[string | null]>('suggestedDepartmentChanged');

/** The plan's escalation policy changed: re-plan the ladder steps not fired yet (fired ones stay fired). */
export const policyChangedSignal = defineSignal<[EscalationPolicy]>('policyChanged');

/** An admin loaded a year's official holidays: re-plan deadlines and ladder steps. */
export const calendarChangedSignal = defineSignal('calendarChanged');

/** Failure types a rejected command carries, so callers can map them (409 / 403 / 400). */
export const COMMAND_REJECTED = {
  wrong_state: 'MeasureWrongState',
  wrong_role: 'MeasureWrongRole',
  wrong_person: 'MeasureWrongPerson',
  wrong_department: 'MeasureWrongDepartment',
  invalid_input: 'MeasureInvalidInput',
} as const;
