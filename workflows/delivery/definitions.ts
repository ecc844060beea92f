// Messages of the delivery workflows: one lane per channel (outbox rows in id order) and the daily digest.
import { defineSignal } from '@temporalio/workflow';
import type { Pace } from '@duban/domain';

export const DELIVERY_LANE_WORKFLOW_TYPE = 'deliveryLaneWorkflow';
export const DIGEST_WORKFLOW_TYPE = 'digestWorkflow';

/** One lane per channel: `delivery-<channel id>`. */
export function deliveryLaneWorkflowId(lane: string): string {
  return `delivery-${lane}`;
}

/** The one digest timer of a deployment. */
export const DIGEST_WORKFLOW_ID = 'duban-digest';

export interface DeliveryLaneInput {
  lane: string;
  /** Carried over continueAsNew: workflow times of the lane's recent sends, and its pace. */
  recentSends?: number[];
  pace?: Pace | null;
}

export interface DigestWorkflowInput {
  /** The digest after this instant (ms) is the next one; absent: after the workflow's start. */
  after?: number;
}

/** New rows, a saved channel, 重发: the lane looks at once instead of at its next timer. */
export const kickSignal = defineSignal<[]>('kick');
