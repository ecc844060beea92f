import type { MeasureState, Role } from './lifecycle';
import type { FindingSnapshot, FindingStatus } from './finding';
import type { MeasureSnapshot } from './measure-snapshot';

/** Who did something: the user and the role they acted in (`system` for timers: the ladder). */
export interface Actor {
  userId: string;
  role: Role;
  /** The actor's department (from the verified token); the authority rules need it. */
  department?: string;
  /**
   * The head this person acted for (委托代理): set only when a deputy chose to act on a head's
   * behalf under an active delegation; absent otherwise (and in every event recorded before).
   */
  onBehalfOf?: string;
}

export type EventActor = Actor | { userId: 'system'; role: 'system' };

export const SYSTEM_ACTOR: EventActor = { userId: 'system', role: 'system' };

/** An accepted command on a measure, as the workflow hands it to persistence. */
export interface MeasureEvent {
  eventId: string;
  measureId: string;
  workflowId: string;
  sequence: number;
  type: string;
  actor: EventActor;
  stateAfter: MeasureState;
  payload: Record<string, unknown>;
  /** ISO timestamp from the workflow clock. */
  occurredAt: string;
  /** The measure as it stands after this event, for the read-side projection. */
  snapshot: MeasureSnapshot;
}

/** An event of a finding's rectification workflow; it belongs to the measure's timeline too. */
export interface FindingEvent extends Omit<MeasureEvent, 'stateAfter' | 'snapshot'> {
  findingId: string;
  stateAfter: FindingStatus;
  snapshot: FindingSnapshot;
}
