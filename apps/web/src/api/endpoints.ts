// Every API call the web UI makes, one small function each (paths as in apps/api/*/*.controller.ts).
import { downloadFile, getJson, openFile, patchJson, postFile, postJson, putJson } from './http';
import type {
  ChainVerification,
  Notice,
  NoticeKind,
  EvidenceFile,
  OfficialCalendarYear,
  CalendarYear,
  Delegation,
  Directive,
  DirectiveList,
  Department,
  EscalationLogItem,
  FindingSnapshot,
  LoginResponse,
  SessionUser,
  MeasureDetail,
  MeasureTimeline,
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
import type { BulkResult, SuggestedDepartmentsResult } from './types';
import type { PlanPreview, ReviewedPlan } from './types';

export const login = (username: string, password: string) => postJson<LoginResponse>('/auth/login', { username, password });
export const refreshSession = () => postJson<LoginResponse>('/auth/refresh');
export const logoutSession = () => postJson<{ signedOut: boolean; endSessionUrl?: string }>('/auth/logout');
export const changeOwnPassword = (currentPassword: string, newPassword: string) =>
  postJson<{ user: SessionUser; otherSessionsSignedOut: number }>('/auth/password', { currentPassword, newPassword });

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
  // The cockpit's click-throughs (GET /measures; definitions in libs/domain/cockpit.ts).
  overdue?: string;
  escalationLevel?: string;
  /** Owning departments, comma-separated. */
  lead?: string;
  completion?: string;
  accountability?: string;
  excludeCancelled?: string;
}
export const listMeasures = (filters: MeasureFilters) => getJson<MeasureList>('/measures', { ...filters });
/** 导出 Excel of 全部事项: the list's own filters (paging left out: every matching row). */
export const exportMeasures = (filters: Omit<MeasureFilters, 'page' | 'pageSize'>) => downloadFile('/measures/export', { ...filters }, '全部事项.xlsx');
export const getMeasure = (id: string) => getJson<MeasureDetail>(`/measures/${id}`);
export const getMeasureEvents = (id: string, offset: number, limit = 50) => getJson<MeasureTimeline>(`/measures/${id}/events?offset=${offset}&limit=${limit}`);
export const getFinding = (id: string) => getJson<FindingSnapshot>(`/findings/${id}`);
export const myTasks = () => getJson<TaskList>('/me/tasks');

// ── 批示, 催办, 督办单, 问责结果 (each a workflow of its own, tied to the measure) ──
export const listDirectives = (id: string) => getJson<DirectiveList>(`/measures/${id}/directives`);
export const issueInstruction = (id: string, body: { text: string; dueDate?: string }) => postJson<Directive>(`/measures/${id}/instructions`, body);
export const acknowledgeInstruction = (id: string, n: number) => postJson<Directive>(`/measures/${id}/instructions/${n}/acknowledge`);
export const answerInstruction = (id: string, n: number, text: string) => postJson<Directive>(`/measures/${id}/instructions/${n}/responses`, { text });
export const closeInstruction = (id: string, n: number, comment?: string) => postJson<Directive>(`/measures/${id}/instructions/${n}/close`, { comment });
export const urgeMeasure = (id: string, note: string) => postJson<Directive>(`/measures/${id}/urgings`, { note });
export const answerUrging = (id: string, n: number, text: string) => postJson<Directive>(`/measures/${id}/urgings/${n}/responses`, { text });
export const issueSupervisionNotice = (id: string, body: { text: string; dueDate: string }) => postJson<Directive>(`/measures/${id}/supervision-notices`, body);
export const signSupervisionNotice = (id: string, n: number) => postJson<Directive>(`/measures/${id}/supervision-notices/${n}/sign`);
export const answerSupervisionNotice = (id: string, n: number, text: string) => postJson<Directive>(`/measures/${id}/supervision-notices/${n}/responses`, { text });
export const recordAccountability = (id: string, body: { kind: string; note: string }) => postJson<Directive>(`/measures/${id}/accountability`, body);

// ── 委托代理 ──
export const listDelegations = () => getJson<Delegation[]>('/delegations');
export const createDelegation = (body: { deputyId: string; startsOn: string; endsOn: string; reason?: string; principalId?: string }) =>
  postJson<Delegation>('/delegations', body);
export const revokeDelegation = (id: string) => postJson<Delegation>(`/delegations/${id}/revoke`);

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

// 批量交办 / 批量改派 (one command per measure; the answer lists what failed and why) and 建议牵头处室.
export interface BulkAssignInput extends AssignInput {
  measureIds: string[];
  milestones?: Array<{ title: string; dueDate: string }>;
  assignedOn?: string;
  backdateReason?: string;
}
export interface BulkReassignInput {
  measureIds?: string[];
  fromAssigneeId?: string;
  assigneeId: string;
  leadDepartment?: string;
  coDepartments?: string[];
  dueDate?: string;
  assignedOn?: string;
  backdateReason?: string;
}
export const bulkAssign = (body: BulkAssignInput) => postJson<BulkResult>('/measures/bulk/assign', body);
export const bulkReassign = (body: BulkReassignInput) => postJson<BulkResult>('/measures/bulk/reassign', body);
export const setSuggestedDepartments = (year: number, body: { department: string; measureIds?: string[]; chapterCode?: string; sectionCode?: string }) =>
  postJson<SuggestedDepartmentsResult>(`/plans/${year}/suggested-departments`, body);
export const reportProgress = (id: string, body: { note?: string; problems?: string; nextSteps?: string; percent?: number; quantityDone?: number; evidence?: string[] }) =>
  postJson(`/measures/${id}/progress`, body);
export const submitForReview = (id: string, body: { note?: string; evidence?: string[] }) => postJson(`/measures/${id}/submit`, body);
export const approveMeasure = (id: string, comment?: string) => postJson(`/measures/${id}/approve`, { comment });
export const returnMeasure = (id: string, comment: string) => postJson(`/measures/${id}/return`, { comment });
export const requestExtension = (id: string, body: { newDueDate: string; reason: string }) => postJson(`/measures/${id}/extension-requests`, body);
export const decideExtension = (id: string, n: number, body: { approve: boolean; comment?: string }) =>
  postJson(`/measures/${id}/extension-requests/${n}/decision`, body);
export const cancelMeasure = (id: string, reason: string) => postJson(`/measures/${id}/cancel`, { reason });
export const declineMeasure = (id: string, reason: string) => postJson(`/measures/${id}/decline`, { reason });
export const requestTransfer = (id: string, toDepartment: string, reason: string) => postJson(`/measures/${id}/transfer-requests`, { toDepartment, reason });
export const decideTransfer = (id: string, n: number, accept: boolean, comment?: string) =>
  postJson(`/measures/${id}/transfer-requests/${n}/decision`, { accept, comment });
export const completeMilestone = (id: string, n: number, note?: string) => postJson(`/measures/${id}/milestones/${n}/completion`, { note });
export const fileInspection = (id: string, findings: Array<{ description: string; dueDate: string }>) =>
  postJson(`/measures/${id}/inspections`, { findings });
export const submitRectification = (findingId: string, body: { note: string; evidence?: string[] }) =>
  postJson(`/findings/${findingId}/rectification`, body);
export const verifyRectification = (findingId: string, body: { passed: boolean; comment?: string; nextDueDate?: string }) =>
  postJson(`/findings/${findingId}/verification`, body);

export const downloadBulletin = (month: string, year: number) =>
  downloadFile('/reports/bulletin', { month, year, format: 'xlsx' }, `督办通报-${month}.xlsx`);
/** 台账: XLSX (print-ready, A3 landscape) or PDF. */
export const downloadLedger = (year: number, format: 'xlsx' | 'pdf' = 'xlsx') =>
  downloadFile('/reports/ledger', { year, format }, `工作要点台账-${year}.${format}`);

export const listNotifications = (query: { page: number; pageSize: number; unread?: boolean }) =>
  getJson<NotificationPage>('/notifications', { ...query, unread: query.unread ? 'true' : undefined });
export const markNotificationRead = (id: string) => postJson<NotificationView>(`/notifications/${id}/read`);
export const markAllNotificationsRead = () => postJson<NotificationsRead>('/notifications/read-all');

export const uploadEvidence = (measureId: string, file: File) => postFile<EvidenceFile>(`/measures/${measureId}/evidence`, 'file', file);
export const downloadEvidence = (file: Pick<EvidenceFile, 'downloadUrl' | 'fileName'>) => downloadFile(file.downloadUrl, {}, file.fileName);

export const importPlan = (file: File) => postFile<PlanImportResult>('/plans/import', 'file', file);
export const previewPlan = (file: File) => postFile<PlanPreview>('/plans/preview', 'file', file);
export const planOutline = (year: number) => getJson<PlanPreview>(`/plans/${year}/outline`);
/** Sent as a JSON file: a plan of some hundred measures outgrows the API's 100 KB JSON body limit. */
export const importReviewedPlan = (plan: ReviewedPlan) =>
  postFile<PlanImportResult>('/plans/import-reviewed', 'plan', new File([JSON.stringify(plan)], 'plan.json', { type: 'application/json' }));
export const officialCalendar = () => getJson<OfficialCalendarYear[]>('/calendar/official');
export const calendarCoverage = () => getJson<CalendarYear[]>('/calendar/years');
export const loadOfficialYear = (year: number, body: { holidays: string[]; workdays: string[] }) =>
  putJson<OfficialYearSaved>(`/calendar/years/${year}`, body);

// ── 人员与处室管理 (admin) ──
export type {
  AdminDepartmentDto as AdminDepartment,
  AdminUserDto as AdminUser,
  CreatedUserDto as CreatedUser,
  DepartmentMergeDto as DepartmentMerge,
  DepartmentSplitDto as DepartmentSplit,
  OpenMeasureDto as OpenMeasure,
  PasswordResetDto as PasswordReset,
  PeopleImportDto as PeopleImport,
  PersonChangeDto as PersonChange,
} from '@duban/api/organization/people.dto';
import type {
  AdminDepartmentDto,
  AdminUserDto,
  CreatedUserDto,
  DepartmentMergeDto,
  DepartmentSplitDto,
  PasswordResetDto,
  PeopleImportDto,
  PersonChangeDto,
} from '@duban/api/organization/people.dto';

export interface PersonInput {
  username: string;
  displayName: string;
  role: string;
  departmentCode: string;
  email?: string | null;
  mobile?: string | null;
  /** 统一身份标识 (single sign-on); null clears it. */
  externalId?: string | null;
  password?: string;
}
export const adminUsers = () => getJson<AdminUserDto[]>('/admin/users');
export const createPerson = (body: PersonInput) => postJson<CreatedUserDto>('/admin/users', body);
export const updatePerson = (username: string, body: Partial<Omit<PersonInput, 'username' | 'password'>>) => patchJson<PersonChangeDto>(`/admin/users/${username}`, body);
export const movePerson = (username: string, departmentCode: string) => postJson<PersonChangeDto>(`/admin/users/${username}/move`, { departmentCode });
export const deactivatePerson = (username: string) => postJson<PersonChangeDto>(`/admin/users/${username}/deactivate`);
export const activatePerson = (username: string) => postJson<PersonChangeDto>(`/admin/users/${username}/activate`);
export const resetPersonPassword = (username: string, password?: string) => postJson<PasswordResetDto>(`/admin/users/${username}/reset-password`, password ? { password } : {});
export const adminDepartments = () => getJson<AdminDepartmentDto[]>('/admin/departments');
export const createDepartment = (body: { code: string; name: string; kind: string }) => postJson<AdminDepartmentDto>('/admin/departments', body);
export const renameDepartment = (code: string, name: string) => patchJson<AdminDepartmentDto>(`/admin/departments/${code}`, { name });
export const mergeDepartment = (code: string, into: string) => postJson<DepartmentMergeDto>(`/admin/departments/${code}/merge`, { into });
export const splitDepartment = (code: string, body: { code: string; name: string; people: string[] }) => postJson<DepartmentSplitDto>(`/admin/departments/${code}/split`, body);
export const importPeople = (file: File, dryRun: boolean) => postFile<PeopleImportDto>(`/admin/people-import?dryRun=${dryRun}`, 'file', file);

// ── 领导驾驶舱 and 分管领导 ──
export type { CockpitDto as Cockpit, CockpitScope } from '@duban/api/report/cockpit.dto';
export type { LeaderDepartmentsDto as LeaderDepartments } from '@duban/api/organization/leader.dto';
import type { CockpitDto, CockpitScope, IndicatorMeasuresDto } from '@duban/api/report/cockpit.dto';
import type { LeaderDepartmentsDto } from '@duban/api/organization/leader.dto';
export const getCockpit = (year: number, scope?: CockpitScope) => getJson<CockpitDto>('/reports/cockpit', { year, scope });
export const linkIndicatorMeasures = (year: number, code: string, measureIds: string[]) =>
  putJson<IndicatorMeasuresDto>(`/plans/${year}/indicators/${encodeURIComponent(code)}/measures`, { measureIds });
export const myLeaderDepartments = () => getJson<LeaderDepartmentsDto>('/leaders/me/departments');
export const leaderDepartments = (username: string) => getJson<LeaderDepartmentsDto>(`/leaders/${username}/departments`);
export const setLeaderDepartments = (username: string, departments: string[]) => putJson<LeaderDepartmentsDto>(`/leaders/${username}/departments`, { departments });

// 打印 and 导出 Excel (issue 15): printable 督办单 / 问责记录 (PDF in a new tab), the supervision lists as XLSX.
export const openNoticeDocument = (measureId: string, n: number) => openFile(`/measures/${measureId}/supervision-notices/${n}/document`);
export const openOutcomeDocument = (measureId: string, n: number) => openFile(`/measures/${measureId}/accountability/${n}/document`);
export const openAuditNoticeDocument = (eventId: string) => openFile(`/audit/notices/${encodeURIComponent(eventId)}/document`);
export const exportOverdueAudit = () => downloadFile('/audit/overdue/export', {}, '逾期审计.xlsx');
export const exportEscalationLog = (query: { level?: string; from?: string; to?: string }) => downloadFile('/audit/escalations/export', query, '督办升级记录.xlsx');
export const exportScorecard = (year: number) => downloadFile('/audit/scorecard/export', { year }, '处室考核.xlsx');
export const exportNotices = (kind: NoticeKind) => downloadFile('/audit/notices/export', { kind }, kind === 'supervision' ? '督办单.xlsx' : '问责记录.xlsx');
