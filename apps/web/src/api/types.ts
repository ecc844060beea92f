// Shapes of the API's answers that the web UI reads. Nothing here is declared twice: domain types come
// from @duban/domain, response shapes from the API's own DTOs (apps/api/*/*.dto.ts). The DTOs are
// imported for their types only (erased by the bundler, so no server code reaches the browser; eslint
// refuses a value import of @duban/api/*). The web names are kept as aliases of the API's names.
import type { MeasureSnapshot } from '@duban/domain';
import type { MeasureDto } from '@duban/api/measure/measure.dto';
import type { RollupDto } from '@duban/api/plan/plan.dto';

// POST /plans/preview, POST /plans/import-reviewed
export type {
  PlanPreviewDto as PlanPreview,
  PreviewMeasureDto as PreviewMeasure,
  PreviewWarningDto as PreviewWarning,
  PlanDiffDto as PlanDiff,
  ReviewedPlanBody as ReviewedPlan,
} from '@duban/api/plan/plan-preview.dto';

export type {
  EscalationLevel,
  ExtensionRequest,
  FindingRound,
  FindingSnapshot,
  FindingStatus,
  FindingSummary,
  MeasureSnapshot,
  MeasureState,
  ProgressReport,
  Role,
  StatusLight,
} from '@duban/domain';

// POST /auth/login
export type { LoginResponseDto as LoginResponse, UserDto as SessionUser } from '@duban/api/auth/auth.dto';

// GET /plans, GET /plans/:year, POST /plans/import
export type {
  PlanImportResultDto as PlanImportResult,
  DepartmentRollupDto as DepartmentRollup,
  PlanChapterDto as PlanChapter,
  PlanMeasureDto as PlanMeasure,
  PlanSectionDto as PlanSection,
  PlanSummaryDto as PlanSummary,
  PlanTreeDto as PlanTree,
  QuantityDto as Quantity,
  RollupDto as Rollup,
} from '@duban/api/plan/plan.dto';

/** Measures per status light (a roll-up's `lights`). */
export type LightCounts = RollupDto['lights'];

// GET /measures, GET /measures/:id
export type {
  DepartmentRefDto as MeasureDepartment,
  LadderStepDto as LadderStepView,
  MeasureEventDto as MeasureEventView,
  MeasureTimelineDto as MeasureTimeline,
  MeasureFindingDto as MeasureFinding,
  MeasureListDto as MeasureList,
  MeasureListItemDto as MeasureListItem,
} from '@duban/api/measure/measure.dto';

/**
 * GET /measures/:id. The DTO types `snapshot` only as a JSON object; it is the measure workflow's
 * snapshot as the projection stored it, which the detail page reads as the domain's MeasureSnapshot.
 */
export type MeasureDetail = Omit<MeasureDto, 'snapshot'> & { snapshot: MeasureSnapshot | null };

// GET /calendar/official
export type { OfficialCalendarYearDto as OfficialCalendarYear } from '@duban/api/calendar/calendar.dto';

// POST /measures/:id/evidence, GET /measures/:id/evidence
export type { EvidenceFileDto as EvidenceFile } from '@duban/api/evidence/evidence.dto';

// GET /me/tasks
export type { TaskDto as Task, TaskKind, TaskListDto as TaskList } from '@duban/api/task/task.dto';

// POST /measures/bulk/assign, POST /measures/bulk/reassign, POST /plans/:year/suggested-departments
export type { BulkResultDto as BulkResult } from '@duban/api/bulk/bulk.dto';
export type { SuggestedDepartmentsResultDto as SuggestedDepartmentsResult } from '@duban/api/plan/plan.dto';

// GET /departments, GET /users
export type { DepartmentDto as Department, UserDto as UserSummary } from '@duban/api/organization/organization.dto';

// GET /audit/overdue, /audit/escalations, /audit/scorecard, /audit/notices, /audit/verify
export type {
  ChainVerificationDto as ChainVerification,
  DepartmentDto as DepartmentRef,
  EscalationLogItemDto as EscalationLogItem,
  NoticeDto as Notice,
  NoticeKind,
  OverdueItemDto as OverdueItem,
  OverduePageDto as OverduePage,
  PageDto as Page,
  PersonDto as PersonRef,
  ScorecardDepartmentDto as ScorecardDepartment,
  ScorecardDto as Scorecard,
} from '@duban/api/audit/audit.dto';

// GET /notifications, POST /notifications/:id/read, POST /notifications/read-all
export type {
  NotificationDto as NotificationView,
  NotificationPageDto as NotificationPage,
  NotificationsReadDto as NotificationsRead,
} from '@duban/api/notification/notification.dto';

// GET /delegations, POST /delegations, POST /delegations/:id/revoke
export type { DelegationDto as Delegation } from '@duban/api/delegation/delegation.dto';

// GET /calendar/years, PUT /calendar/years/:year
export type { CalendarYearDto as CalendarYear, OfficialYearSavedDto as OfficialYearSaved } from '@duban/api/calendar/calendar.dto';

// GET /measures/:id/directives and the 批示 / 催办 / 督办单 / 问责结果 commands
export type { DirectiveDto as Directive, DirectiveListDto as DirectiveList, DirectiveResponseDto as DirectiveResponse } from '@duban/api/directive/directive.dto';
