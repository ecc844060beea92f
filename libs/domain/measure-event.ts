import type { MeasureState, Role } from './lifecycle';

/** Who did something: the user and the role they acted in. */
export interface Actor {
  userId: string;
  role: Role;
}

/** An accepted command on a measure, as the workflow hands it to persistence. */
export interface MeasureEvent {
  eventId: string;
  measureId: string;
  workflowId: string;
  sequence: number;
  type: string;
  actor: Actor;
  stateAfter: MeasureState;
  payload: Record<string, unknown>;
  /** ISO timestamp from the workflow clock. */
  occurredAt: string;
  /** Projection fields that follow from this event. */
  projection: { assigneeId?: string | null; dueDate?: string | null };
}
