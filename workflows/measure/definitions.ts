// Messages of the measure workflow, shared by the workflow and every client.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor, MeasureState } from '@duban/domain';

export const MEASURE_WORKFLOW_TYPE = 'measureWorkflow';

export interface MeasureWorkflowInput {
  year: number;
  code: string;
  /** Carried over by continue-as-new. */
  snapshot?: MeasureSnapshot;
}

export interface MeasureSnapshot {
  measureId: string;
  state: MeasureState;
  /** Number of events recorded so far; the next event gets sequence + 1. */
  sequence: number;
  assigneeId: string | null;
  dueDate: string | null;
}

export interface AssignInput {
  actor: Actor;
  assigneeId: string;
  /** Calendar date YYYY-MM-DD. */
  dueDate: string;
}

export interface AcceptInput {
  actor: Actor;
}

export const assignUpdate = defineUpdate<MeasureSnapshot, [AssignInput]>('assign');
export const acceptUpdate = defineUpdate<MeasureSnapshot, [AcceptInput]>('accept');
export const snapshotQuery = defineQuery<MeasureSnapshot>('snapshot');

/** Failure types a rejected command carries, so callers can map them (409 / 403). */
export const COMMAND_REJECTED = {
  wrong_state: 'MeasureWrongState',
  wrong_role: 'MeasureWrongRole',
  wrong_person: 'MeasureWrongPerson',
  invalid_input: 'MeasureInvalidInput',
} as const;
