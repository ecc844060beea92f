import type { EscalationLevel, LadderStep } from './escalation';
import type { FindingSummary } from './finding';
import type { MeasureState } from './lifecycle';

export interface ExtensionRequest {
  n: number;
  newDueDate: string;
  reason: string;
  requestedBy: string;
  requestedAt: string;
  status: 'pending' | 'approved' | 'rejected';
  decidedBy?: string;
  comment?: string;
}

export interface ProgressReport {
  percent: number | null;
  quantityDone: number | null;
  note: string | null;
  /** 存在问题 of the latest written report (absent when it named none, and in states from before the field). */
  problems?: string;
  /** 下步打算 of the latest written report (absent likewise). */
  nextSteps?: string;
  /** The latest report's (or submission's) evidence references; every report's own are in its event. */
  evidence: string[];
  reportedAt: string | null;
  /** Progress reports so far (absent in states from before it was counted). */
  reports?: number;
}

/** 移交: the owning department asks another to take the measure over; that department's head decides. */
export interface TransferRequest {
  n: number;
  fromDepartment: string;
  toDepartment: string;
  reason: string;
  requestedBy: string;
  requestedAt: string;
  status: 'pending' | 'accepted' | 'rejected';
  decidedBy?: string;
  comment?: string;
}

/** 节点: an intermediate date of the work; the assignee reports it complete. */
export interface Milestone {
  title: string;
  dueDate: string;
  /** Beijing date the assignee reported it complete (absent or null while open). */
  completedOn?: string | null;
}

/** The live state of one measure: held by its workflow, mirrored in the PostgreSQL projection. */
export interface MeasureSnapshot {
  measureId: string;
  state: MeasureState;
  /** Number of events recorded so far; the next event gets sequence + 1. */
  sequence: number;
  assigneeId: string | null;
  /** The department head who assigned the measure and reviews it. */
  headId: string | null;
  leadDepartment: string | null;
  coDepartments: string[];
  dueDate: string | null;
  /** Beijing date of the (latest) assignment, from which schedule progress (序时进度) is measured. */
  assignedOn: string | null;
  /** The due date or a ladder step was computed across a year without official holiday data. */
  dueProvisional: boolean;
  milestones: Milestone[];
  progress: ProgressReport;
  /** Beijing date of the submission now under review. */
  submittedOn: string | null;
  extensions: ExtensionRequest[];
  escalation: { level: EscalationLevel | null; against: LadderStep['against'] | null; fired: string[] };
  reworkCount: number;
  /** Inspection findings (检查问题); the measure cannot be completed while one is not closed. */
  findings: FindingSummary[];
  completedOn: string | null;
  cancelReason: string | null;
  /** The latest transfer asked for (older ones are in the record); absent in states from before 移交. */
  transfer?: TransferRequest | null;
  /** Times the assignee sent it back before 签收 (退回交办). */
  declines?: number;
  /** Year-end carry-over: the measure of next year's plan that continues this one (已结转). */
  successorId?: string | null;
  /** The measure of last year's plan this one continues. */
  predecessorId?: string | null;
}

/** Whether a milestone's date has passed without its completion being reported (today: Beijing). */
export function milestoneSlipped(m: Milestone, today: string): boolean {
  return !m.completedOn && m.dueDate < today;
}

export function initialSnapshot(measureId: string): MeasureSnapshot {
  return {
    measureId,
    state: 'imported',
    sequence: 0,
    assigneeId: null,
    headId: null,
    leadDepartment: null,
    coDepartments: [],
    dueDate: null,
    assignedOn: null,
    dueProvisional: false,
    milestones: [],
    progress: { percent: null, quantityDone: null, note: null, evidence: [], reportedAt: null },
    submittedOn: null,
    extensions: [],
    escalation: { level: null, against: null, fired: [] },
    reworkCount: 0,
    findings: [],
    completedOn: null,
    cancelReason: null,
  };
}
