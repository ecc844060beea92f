// Every API call the web UI makes, one small function each (paths as in apps/api/*/*.controller.ts).
import { downloadFile, getJson, postFile, postJson, putJson } from './http';
import type {
  ChainVerification,
  Notice,
  NoticeKind,
  EvidenceFile,
  OfficialCalendarYear,
  CalendarYear,
  Department,
  EscalationLogItem,
  FindingSnapshot,
  LoginResponse,
  MeasureDetail,
  MeasureList,
  NotificationPage,
  NotificationView,
  NotificationsRead,
  OfficialYearSaved,
  OverduePage,
  Page,
  PlanImportResult,
  PlanSummary,
  PlanTree,
  Scorecard,
  TaskList,
  UserSummary,
} from './types';

export const login = (username: string, password: string) => postJson<LoginResponse>('/auth/login', { username, password });

export const listPlans = () => getJson<PlanSummary[]>('/plans');
export const getPlanTree = (year: number) => getJson<PlanTree>(`/plans/${year}`);

export interface MeasureFilters {
  year?: number;
  page: number;
  pageSize: number;
  status?: string;
  department?: string;
  light?: string;
  assignee?: string;
  q?: string;
}
export const listMeasures = (filters: MeasureFilters) => getJson<MeasureList>('/measures', { ...filters });
export const getMeasure = (id: string) => getJson<MeasureDetail>(`/measures/${id}`);
export const getFinding = (id: string) => getJson<FindingSnapshot>(`/findings/${id}`);
export const myTasks = () => getJson<TaskList>('/me/tasks');

export const listDepartments = () => getJson<Department[]>('/departments');
export const listUsers = (department?: string) => getJson<UserSummary[]>('/users', { department });

export const overdueAudit = (page: number, pageSize: number) => getJson<OverduePage>('/audit/overdue', { page, pageSize });
export const escalationLog = (query: { page: number; pageSize: number; level?: string; from?: string; to?: string }) =>
  getJson<Page<EscalationLogItem>>('/audit/escalations', query);
export const auditNotices = (query: { kind: NoticeKind; page: number; pageSize: number }) => getJson<Page<Notice>>('/audit/notices', query);
export const verifyAuditChain = () => getJson<ChainVerification>('/audit/verify');
export const departmentScorecard = (year: number) => getJson<Scorecard>('/audit/scorecard', { year });

export interface AssignInput {
  assigneeId: string;
  leadDepartment: string;
  coDepartments?: string[];
  dueDate: string;
}
export const assignMeasure = (id: string, body: AssignInput) => postJson(`/measures/${id}/assign`, body);
export const reassignMeasure = (id: string, body: AssignInput) => postJson(`/measures/${id}/reassign`, body);
export const acceptMeasure = (id: string) => postJson(`/measures/${id}/accept`);
export const reportProgress = (id: string, body: { note?: string; percent?: number; quantityDone?: number; evidence?: string[] }) =>
  postJson(`/measures/${id}/progress`, body);
export const submitForReview = (id: string, body: { note?: string; evidence?: string[] }) => postJson(`/measures/${id}/submit`, body);
export const approveMeasure = (id: string, comment?: string) => postJson(`/measures/${id}/approve`, { comment });
export const returnMeasure = (id: string, comment: string) => postJson(`/measures/${id}/return`, { comment });
export const requestExtension = (id: string, body: { newDueDate: string; reason: string }) => postJson(`/measures/${id}/extension-requests`, body);
export const decideExtension = (id: string, n: number, body: { approve: boolean; comment?: string }) =>
  postJson(`/measures/${id}/extension-requests/${n}/decision`, body);
export const cancelMeasure = (id: string, reason: string) => postJson(`/measures/${id}/cancel`, { reason });
export const fileInspection = (id: string, findings: Array<{ description: string; dueDate: string }>) =>
  postJson(`/measures/${id}/inspections`, { findings });
export const submitRectification = (findingId: string, body: { note: string; evidence?: string[] }) =>
  postJson(`/findings/${findingId}/rectification`, body);
export const verifyRectification = (findingId: string, body: { passed: boolean; comment?: string; nextDueDate?: string }) =>
  postJson(`/findings/${findingId}/verification`, body);

export const downloadBulletin = (month: string, year: number) =>
  downloadFile('/reports/bulletin', { month, year, format: 'xlsx' }, `督办通报-${month}.xlsx`);
export const downloadLedger = (year: number) => downloadFile('/reports/ledger', { year, format: 'xlsx' }, `工作要点台账-${year}.xlsx`);

export const listNotifications = (query: { page: number; pageSize: number; unread?: boolean }) =>
  getJson<NotificationPage>('/notifications', { ...query, unread: query.unread ? 'true' : undefined });
export const markNotificationRead = (id: string) => postJson<NotificationView>(`/notifications/${id}/read`);
export const markAllNotificationsRead = () => postJson<NotificationsRead>('/notifications/read-all');

export const uploadEvidence = (measureId: string, file: File) => postFile<EvidenceFile>(`/measures/${measureId}/evidence`, 'file', file);
export const downloadEvidence = (file: Pick<EvidenceFile, 'downloadUrl' | 'fileName'>) => downloadFile(file.downloadUrl, {}, file.fileName);

export const importPlan = (file: File) => postFile<PlanImportResult>('/plans/import', 'file', file);
export const officialCalendar = () => getJson<OfficialCalendarYear[]>('/calendar/official');
export const calendarCoverage = () => getJson<CalendarYear[]>('/calendar/years');
export const loadOfficialYear = (year: number, body: { holidays: string[]; workdays: string[] }) =>
  putJson<OfficialYearSaved>(`/calendar/years/${year}`, body);
