// 检查—整改—复查: findings a discipline supervisor files on a measure, rectified in rounds.
import type { EscalationLevel, LadderStep } from './escalation';
import type { Actor } from './measure-event';

export type FindingStatus = 'open' | 'submitted' | 'closed';

export const FINDING_STATUS_LABELS: Record<FindingStatus, string> = {
  open: '整改中',
  submitted: '待复查',
  closed: '已销号',
};

export interface FindingRound {
  round: number;
  dueDate: string;
  submittedAt: string | null;
  note: string | null;
  evidence: string[];
  verdict: 'passed' | 'failed' | null;
  comment: string | null;
  verifiedBy: string | null;
}

export interface FindingSnapshot {
  findingId: string;
  measureId: string;
  n: number;
  description: string;
  inspectorId: string;
  assigneeId: string;
  leadDepartment: string | null;
  status: FindingStatus;
  round: number;
  dueDate: string;
  rounds: FindingRound[];
  sequence: number;
  escalation: { level: EscalationLevel | null; against: LadderStep['against'] | null; fired: string[] };
}

/** The finding as the measure workflow tracks it (enough to block completion and to list). */
export interface FindingSummary {
  n: number;
  findingId: string;
  description: string;
  status: FindingStatus;
  round: number;
  dueDate: string;
  /**
   * The finding's event sequence when this summary was sent: its writes finish (and signal the
   * measure) in any order, so the measure keeps the newest. Absent in summaries sent before it
   * existed, which are applied as they come, as they were.
   */
  sequence?: number;
}

export interface InspectionInput {
  actor: Actor;
  findings: Array<{ description: string; dueDate: string }>;
}

export interface RectificationInput {
  actor: Actor;
  note: string;
  evidence?: string[];
}

export interface VerificationInput {
  actor: Actor;
  passed: boolean;
  comment?: string;
  /** Due date of the next round, required when the re-inspection fails. */
  nextDueDate?: string;
}

/** `<measureId>-f<n>`, e.g. `2022-2.1.1-f1`. */
export function findingId(measureId: string, n: number): string {
  return `${measureId}-f${n}`;
}

export function findingWorkflowId(id: string): string {
  return `finding-${id}`;
}

const FINDING_ID = /^(\d{4}-\d+(?:\.\d+)*)-f(\d{1,4})$/;

export function parseFindingId(id: string): { measureId: string; n: number } | undefined {
  const m = FINDING_ID.exec(id);
  return m ? { measureId: m[1], n: Number(m[2]) } : undefined;
}
