// Shapes of the API's answers that the web UI reads (see apps/api/*/*.dto.ts).
import type { EscalationLevel, FindingStatus, MeasureState, Role, StatusLight } from '@duban/domain';

export interface SessionUser {
  username: string;
  displayName: string;
  role: Role;
  departmentCode: string;
}

export interface LoginResponse {
  accessToken: string;
  expiresAt: string;
  user: SessionUser;
}

export interface Quantity {
  value: number;
  unit: string;
  text: string;
}

export interface PlanSummary {
  year: number;
  title: string;
  measures: number;
  importedAt: string;
}

export interface PlanMeasure {
  id: string;
  code: string;
  title: string;
  body: string;
  state: MeasureState;
  suggestedDepartmentCode: string | null;
  assigneeId: string | null;
  leadDepartment?: string | null;
  dueDate: string | null;
  escalationLevel?: EscalationLevel | null;
  light?: StatusLight;
  lightReasons?: string[];
  quantities: Quantity[];
}

export interface LightCounts {
  red: number;
  yellow: number;
  green: number;
  grey: number;
  done: number;
}

/** Counts over a group of measures (GET /plans/:year roll-ups). */
export interface Rollup {
  total: number;
  lights: LightCounts;
  states: Record<MeasureState, number>;
  completed: number;
  completionRate: number;
}

export interface PlanSection extends Partial<Rollup> {
  code: string;
  title: string;
  measures: PlanMeasure[];
}

export interface PlanChapter extends Partial<Rollup> {
  code: string;
  title: string;
  sections: PlanSection[];
}

export interface DepartmentRollup extends Rollup {
  code: string | null;
  name: string;
}

export interface PlanTree {
  year: number;
  title: string;
  targets: Array<{ code: string; text: string; quantities: Quantity[] }>;
  chapters: PlanChapter[];
  summary?: Rollup;
  departments?: DepartmentRollup[];
}

export interface MeasureEvent {
  sequence: number;
  type: string;
  actorId: string;
  actorRole: string;
  stateAfter: string;
  payload: Record<string, unknown>;
  occurredAt: string;
}

export interface FindingSummary {
  n: number;
  findingId: string;
  description: string;
  status: FindingStatus;
  round: number;
  dueDate: string;
}

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

export interface MeasureSnapshot {
  measureId: string;
  state: MeasureState;
  assigneeId: string | null;
  headId: string | null;
  leadDepartment: string | null;
  coDepartments: string[];
  dueDate: string | null;
  assignedOn: string | null;
  dueProvisional: boolean;
  milestones: Array<{ title: string; dueDate: string }>;
  progress: { percent: number | null; quantityDone: number | null; note: string | null; evidence: string[]; reportedAt: string | null };
  submittedOn: string | null;
  extensions: ExtensionRequest[];
  escalation: { level: EscalationLevel | null; against: 'assignee' | 'reviewer' | null; fired: string[] };
  reworkCount: number;
  findings: FindingSummary[];
  completedOn: string | null;
  cancelReason: string | null;
}

export interface MeasureDetail {
  id: string;
  year: number;
  code: string;
  title: string;
  body: string;
  state: MeasureState;
  assigneeId: string | null;
  leadDepartment: string | null;
  dueDate: string | null;
  dueProvisional: boolean;
  escalationLevel: EscalationLevel | null;
  snapshot: MeasureSnapshot | null;
  events: MeasureEvent[];
  light?: StatusLight;
  lightReasons?: string[];
  workingDaysOverdue?: number;
  suggestedDepartmentCode?: string | null;
  suggestedDepartmentName?: string | null;
  leadDepartmentName?: string | null;
  assigneeName?: string | null;
  headName?: string | null;
  quantities?: Quantity[];
  quantityTarget?: Quantity | null;
  findings?: MeasureFinding[];
  ladder?: LadderStepView[];
}

export interface MeasureFinding extends FindingSummary {
  assigneeId: string;
  inspectorId: string;
  escalationLevel: EscalationLevel | null;
  overdue: boolean;
}

/** A step of the escalation ladder: fired already, or planned for the current deadline or review. */
export interface LadderStepView {
  key: string;
  level: EscalationLevel;
  label: string;
  against: 'assignee' | 'reviewer';
  date: string;
  provisional: boolean;
  status: 'fired' | 'pending';
}

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

export interface FindingDetail {
  findingId: string;
  measureId: string;
  n: number;
  description: string;
  inspectorId: string;
  assigneeId: string;
  status: FindingStatus;
  round: number;
  dueDate: string;
  rounds: FindingRound[];
}

/** One row of GET /measures (server-side paging and filters). */
export interface MeasureListItem {
  id: string;
  year: number;
  code: string;
  title: string;
  state: MeasureState;
  light: StatusLight;
  lightReasons: string[];
  leadDepartment: string | null;
  suggestedDepartmentCode: string | null;
  assigneeId: string | null;
  dueDate: string | null;
  escalationLevel: EscalationLevel | null;
  progressPercent: number | null;
  leadDepartmentName?: string | null;
  assigneeName?: string | null;
  openFindings?: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Department {
  code: string;
  name: string;
  kind: string;
}

export interface UserSummary {
  username: string;
  displayName: string;
  role: Role;
  departmentCode: string;
}

export interface PersonRef {
  username: string;
  displayName: string | null;
}

export interface DepartmentRef {
  code: string;
  name: string | null;
}

/** GET /audit/overdue: a measure or a finding past its due date, with every urging so far. */
export interface OverdueItem {
  kind: 'measure' | 'finding';
  measureId: string;
  measureTitle: string | null;
  findingId: string | null;
  description: string | null;
  state: string;
  dueDate: string;
  workingDaysOverdue: number;
  escalationLevel: EscalationLevel | null;
  escalationLabel: string | null;
  department: DepartmentRef | null;
  person: PersonRef | null;
  urgings: Array<{ level: string; label: string; date: string; occurredAt: string }>;
}

export interface OverduePage extends Page<OverdueItem> {
  today: string;
}

/** GET /audit/escalations */
export interface EscalationLogItem {
  eventId: string;
  level: string;
  label: string;
  against: string | null;
  measureId: string;
  measureTitle: string | null;
  findingId: string | null;
  stepDate: string | null;
  recipients: string[];
  notified: string[];
  date: string;
  occurredAt: string;
}

/** GET /audit/scorecard */
export interface ScorecardDepartment {
  department: DepartmentRef;
  assigned: number;
  completed: number;
  completedOnTime: number;
  due: number;
  onTimeRate: number | null;
  overdue: number;
  averageWorkingDaysOverdue: number | null;
  reworked: number;
  reworkRate: number | null;
  openFindings: number;
}

export interface Scorecard {
  year: number;
  today: string;
  departments: ScorecardDepartment[];
}

export type TaskKind = 'accept' | 'report' | 'resubmit' | 'rectify' | 'review' | 'decideExtension' | 'assign' | 'verify' | 'supervise';

/** One thing waiting for the signed-in user (GET /me/tasks). */
export interface Task {
  kind: TaskKind;
  actionLabel: string;
  measureId: string;
  findingId: string | null;
  title: string;
  dueDate: string | null;
  light: StatusLight;
  lightReasons: string[];
}

export interface TaskList {
  items: Task[];
}
