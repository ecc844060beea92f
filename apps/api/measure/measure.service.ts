import { Injectable } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { EvidenceRepository, MeasureEventRepository, MeasureRepository, OrganizationRepository, PlanRepository, type MeasureListFilter } from '@duban/db';
import {
  assignInputProblem,
  assignmentAuthorityProblem,
  beijingDate,
  checkCommand,
  COMMAND_RULES,
  MEASURE_STATE_LABELS,
  parseMeasureId,
  STATUS_LIGHT_LABELS,
  transferTargetProblem,
  type Actor,
  type AssigneeFacts,
  type MeasureCommand,
  type MeasureFacts,
  isClosedState,
} from '@duban/domain';
import { MeasureClosedError, measureHandle, reopenMeasureWorkflow, startMeasureWorkflow, type MeasureHandle } from '@duban/temporal';
import {
  acceptUpdate,
  approveUpdate,
  assignUpdate,
  cancelUpdate,
  carryOverUpdate,
  completeMilestoneUpdate,
  decideExtensionUpdate,
  decideTransferUpdate,
  declineUpdate,
  fileInspectionUpdate,
  requestTransferUpdate,
  reassignUpdate,
  reportProgressUpdate,
  requestExtensionUpdate,
  returnForReworkUpdate,
  submitForReviewUpdate,
  type MeasureSnapshot,
} from '@duban/workflows';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CalendarService } from '../calendar/calendar.service';
import { assertEvidenceOfMeasure } from '../common/evidence-refs';
import { earlierResult, sendOneCommand } from '../common/one-command';
import { DomainError, ErrorCode, refusal } from '../errors/domain-error';
import { toEvidenceFileDto } from '../evidence/evidence-read';
import { COMMAND_DEADLINE_MS, fromTemporal } from '../errors/temporal-errors';
import { ApiConfig } from '../infra/api-config';
import type {
  ApproveBody,
  AssignBody,
  CancelBody,
  DeclineBody,
  MilestoneCompletionBody,
  TransferDecisionBody,
  TransferRequestBody,
  ExtensionDecisionBody,
  ExtensionRequestBody,
  InspectionBody,
  MeasureCommandResultDto,
  MeasureDto,
  MeasureListDto,
  MeasureListQuery,
  MeasureTimelineDto,
  ProgressBody,
  ReopenBody,
  ReturnBody,
  SubmitBody,
  TimelineQuery,
} from './measure.dto';
import { TIMELINE_PAGE } from './measure.dto';
import { LightReader } from './light-reader';
import { EXPORT_WINDOW, ListExportService, measuresTable } from '../export/list-export';
import type { ReportFile } from '../report/table';
import { asMeasureState, assertMeasureVisible, ladderOf, measureScopeOf, toEventDto, toFindingDto, toListItem, toQuantities } from './measure-read';

/** Commands go to the measure's workflow as Updates; reads come from the PostgreSQL projection. */
@Injectable()
export class MeasureService {
  constructor(
    private readonly client: Client,
    private readonly events: MeasureEventRepository,
    private readonly plans: PlanRepository,
    private readonly config: ApiConfig,
    private readonly measures: MeasureRepository,
    private readonly calendar: CalendarService,
    private readonly evidenceFiles: EvidenceRepository,
    private readonly organization: OrganizationRepository,
    private readonly exports: ListExportService,
  ) {}

  async start(id: string): Promise<MeasureCommandResultDto> {
    const { year, code } = this.parse(id);
    const measure = (await this.plans.measureToStart(year, code)) ?? { year, code };
    try {
      // Like a command: a workflow no worker answers (all workers down) is pending (503), not a 500.
      return await this.client.withDeadline(Date.now() + COMMAND_DEADLINE_MS, async () => {
        const handle = await startMeasureWorkflow(this.client, this.config.values.taskQueue, measure);
        return handle.query('snapshot');
      });
    } catch (error) {
      if (error instanceof MeasureClosedError) throw await this.notRestarted(id);
      throw fromTemporal(error, id);
    }
  }

  async assign(id: string, actor: Actor, body: AssignBody) {
    return this.command(id, 'assign', actor, async (h, updateId) =>
      h.executeUpdate(assignUpdate, { args: [{ actor, ...body, assignee: await this.assigneeFacts(actor, body) }], updateId }),
    );
  }
  async reassign(id: string, actor: Actor, body: AssignBody) {
    return this.command(id, 'reassign', actor, async (h, updateId) =>
      h.executeUpdate(reassignUpdate, { args: [{ actor, ...body, assignee: await this.assigneeFacts(actor, body) }], updateId }),
    );
  }
  accept(id: string, actor: Actor) {
    return this.command(id, 'accept', actor, (h, updateId) => h.executeUpdate(acceptUpdate, { args: [{ actor }], updateId }));
  }
  async reportProgress(id: string, actor: Actor, body: ProgressBody) {
    await assertEvidenceOfMeasure(this.evidenceFiles, id, body.evidence);
    return this.command(id, 'reportProgress', actor, (h, updateId) => h.executeUpdate(reportProgressUpdate, { args: [{ actor, ...body }], updateId }));
  }
  async submit(id: string, actor: Actor, body: SubmitBody) {
    await assertEvidenceOfMeasure(this.evidenceFiles, id, body.evidence);
    return this.command(id, 'submitForReview', actor, (h, updateId) => h.executeUpdate(submitForReviewUpdate, { args: [{ actor, ...body }], updateId }));
  }
  approve(id: string, actor: Actor, body: ApproveBody) {
    return this.command(id, 'approve', actor, (h, updateId) => h.executeUpdate(approveUpdate, { args: [{ actor, ...body }], updateId }));
  }
  returnForRework(id: string, actor: Actor, body: ReturnBody) {
    return this.command(id, 'returnForRework', actor, (h, updateId) => h.executeUpdate(returnForReworkUpdate, { args: [{ actor, ...body }], updateId }));
  }
  requestExtension(id: string, actor: Actor, body: ExtensionRequestBody) {
    return this.command(id, 'requestExtension', actor, (h, updateId) => h.executeUpdate(requestExtensionUpdate, { args: [{ actor, ...body }], updateId }));
  }
  decideExtension(id: string, n: number, actor: Actor, body: ExtensionDecisionBody) {
    return this.command(id, 'decideExtension', actor, (h, updateId) => h.executeUpdate(decideExtensionUpdate, { args: [{ actor, n, ...body }], updateId }));
  }
  fileInspection(id: string, actor: Actor, body: InspectionBody) {
    return this.command(id, 'fileInspection', actor, (h, updateId) => h.executeUpdate(fileInspectionUpdate, { args: [{ actor, ...body }], updateId }));
  }
  cancel(id: string, actor: Actor, body: CancelBody) {
    return this.command(id, 'cancel', actor, (h, updateId) => h.executeUpdate(cancelUpdate, { args: [{ actor, ...body }], updateId }));
  }
  decline(id: string, actor: Actor, body: DeclineBody) {
    return this.command(id, 'decline', actor, (h, updateId) => h.executeUpdate(declineUpdate, { args: [{ actor, ...body }], updateId }));
  }
  async requestTransfer(id: string, actor: Actor, body: TransferRequestBody) {
    const department = await this.organization.findDepartment(body.toDepartment);
    const problem = transferTargetProblem(body.toDepartment, department);
    if (problem) throw new DomainError(ErrorCode.ValidationFailed, problem);
    return this.command(id, 'requestTransfer', actor, (h, updateId) => h.executeUpdate(requestTransferUpdate, { args: [{ actor, ...body }], updateId }));
  }
  decideTransfer(id: string, n: number, actor: Actor, body: TransferDecisionBody) {
    return this.command(id, 'decideTransfer', actor, (h, updateId) => h.executeUpdate(decideTransferUpdate, { args: [{ actor, n, ...body }], updateId }));
  }
  completeMilestone(id: string, n: number, actor: Actor, body: MilestoneCompletionBody) {
    return this.command(id, 'completeMilestone', actor, (h, updateId) => h.executeUpdate(completeMilestoneUpdate, { args: [{ actor, n, ...body }], updateId }));
  }
  /** 年终结转 (the year-end service decides the successor and calls this for each unfinished measure). */
  carryOver(id: string, actor: Actor, body: { successorId: string; toYear: number; reason: string }) {
    return this.command(id, 'carryOver', actor, (h, updateId) => h.executeUpdate(carryOverUpdate, { args: [{ actor, ...body }], updateId }));
  }

  /**
   * 重新打开: a new run of the closed measure's workflow that carries its last state, so the
   * sequence and history continue; answers once the reopening is on the record.
   */
  async reopen(id: string, actor: Actor, body: ReopenBody): Promise<MeasureCommandResultDto> {
    const { year, code } = this.parse(id);
    await this.precheck(id, 'reopen', actor);
    const state = await this.events.findState(id);
    const handle = measureHandle(this.client, { year, code });
    try {
      return await this.client.withDeadline(Date.now() + COMMAND_DEADLINE_MS, async () => {
        const last = await this.lastSnapshot(handle, state?.snapshot as MeasureSnapshot | undefined);
        if (!last) throw new DomainError(ErrorCode.MeasureNotFound, `事项 ${id} 不存在或尚未启动`);
        const measure = (await this.plans.measureToStart(year, code)) ?? { year, code };
        await reopenMeasureWorkflow(this.client, this.config.values.taskQueue, measure, last, { actor, reason: body.reason });
        return this.waitForSequence(id, last.sequence + 1, handle);
      });
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) {
        throw new DomainError(ErrorCode.MeasureWrongState, '事项已重新打开，正在办理中');
      }
      throw fromTemporal(error, id);
    }
  }

  /** The closed run's own result (its final state); past the server's retention, the projection's. */
  private async lastSnapshot(handle: MeasureHandle, projected: MeasureSnapshot | undefined): Promise<MeasureSnapshot | undefined> {
    try {
      const { status } = await handle.describe();
      if (status.name === 'RUNNING') throw new DomainError(ErrorCode.MeasureWrongState, '事项正在办理中，不需要重新打开');
      if (status.name === 'COMPLETED') return await handle.result();
      return projected;
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return projected;
      throw error;
    }
  }

  /** Waits until the projection holds the event of `sequence` (the caller reads its own write). */
  private async waitForSequence(id: string, sequence: number, handle: MeasureHandle): Promise<MeasureSnapshot> {
    for (const deadline = Date.now() + COMMAND_DEADLINE_MS; Date.now() < deadline; ) {
      const state = await this.events.findState(id);
      if ((state?.lastSequence ?? 0) >= sequence) return handle.query('snapshot');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw fromTemporal(new WorkflowUpdateRPCTimeoutOrCancelledError('reopening not yet recorded'), id);
  }


  /**
   * One page of the measures the user may see. Filtering, scoping, ordering and paging run in SQL;
   * the light of each row on the page is computed here (it needs the working-day calendar).
   */
  /** The list's page, or (`window`) every row its filters match: the export reads through here too. */
  async list(user: AuthenticatedUser, query: MeasureListQuery, window?: { offset: number; limit: number }): Promise<MeasureListDto> {
    const lights = await LightReader.open(this.calendar);
    const scope = measureScopeOf(user);
    const { light, page, sort } = query;
    const pageSize = window?.limit ?? query.pageSize;
    const filter: MeasureListFilter = {
      state: query.status,
      department: query.department,
      assignee: query.assignee,
      overdue: query.overdue,
      escalationLevel: query.escalationLevel,
      year: query.year,
      q: query.q || undefined,
      leads: query.lead,
      completion: query.completion,
      accountability: query.accountability,
      excludeCancelled: query.excludeCancelled,
      // red, grey and done are decided in SQL; yellow and green only narrowed to the active ones.
      lightClass: light === 'yellow' || light === 'green' ? 'active' : light,
    };
    const offset = window?.offset ?? (page - 1) * pageSize;
    let ids: string[];
    let total: number;
    if (light === 'yellow' || light === 'green') {
      // Yellow vs green needs the calendar (warning window, 序时进度), so every active measure that
      // passes the other filters is judged here on every request: a few small columns per row from
      // SQL and an O(1) light each (WorkingDayIndex). Measured: ~95 ms with 5,600 active of 10,000.
      const judged = (await this.measures.lightRows(filter, scope, sort, lights.today)).filter((row) => lights.of(row).light === light);
      total = judged.length;
      ids = judged.slice(offset, offset + pageSize).map((row) => row.id);
    } else {
      [ids, total] = await Promise.all([
        this.measures.pageIds(filter, scope, sort, lights.today, { limit: pageSize, offset }),
        this.measures.count(filter, scope, lights.today),
      ]);
    }
    const rows = new Map((await this.measures.listRows(ids)).map((row) => [row.id, row]));
    const items = ids.flatMap((id) => {
      const row = rows.get(id);
      return row ? [toListItem(row, lights.of(row))] : [];
    });
    return { items, total, page, pageSize };
  }

  /** 导出 Excel: exactly the list's rows (same filters, same scope, same order), every page. */
  async export(user: AuthenticatedUser, query: MeasureListQuery): Promise<ReportFile> {
    const { items } = await this.list(user, query, EXPORT_WINDOW);
    return this.exports.file(user, 'measures', query, measuresTable(items, query, new Date()));
  }

  /** The measure as stored (plan text, projection, the newest page of its timeline) with its light, people, findings and ladder. */
  async get(id: string, user: AuthenticatedUser): Promise<MeasureDto> {
    const { year, code } = this.parse(id);
    // Out of scope answers 403 MEASURE_NOT_VISIBLE (the plan is public inside the bureau), unknown 404.
    const [, lights] = await Promise.all([assertMeasureVisible(this.measures, id, user), LightReader.open(this.calendar)]);
    const [measure, state, timeline, [row], findings, quantities, evidenceFiles] = await Promise.all([
      this.plans.findMeasure(id),
      this.events.findState(id),
      this.events.pageForMeasure(id, { offset: 0, limit: TIMELINE_PAGE }),
      this.measures.listRows([id]),
      this.measures.listFindings(id),
      this.measures.listQuantities(year, code),
      this.evidenceFiles.listForMeasure(id),
    ]);
    if (!row) throw new DomainError(ErrorCode.MeasureNotFound, `事项 ${id} 不存在`);
    const snapshot = (state?.snapshot ?? null) as Partial<MeasureSnapshot> | null;
    const verdict = lights.of(row);
    return {
      id,
      year,
      code,
      title: measure?.title ?? '',
      body: measure?.body ?? '',
      state: row.state,
      stateLabel: MEASURE_STATE_LABELS[asMeasureState(row.state)],
      assigneeId: row.assigneeId,
      assigneeName: row.assigneeName,
      headId: row.headId,
      headName: row.headName,
      leadDepartment: row.leadDepartment,
      leadDepartmentName: row.leadDepartmentName,
      coDepartments: row.coDepartments,
      suggestedDepartmentCode: row.suggestedDepartmentCode,
      suggestedDepartmentName: row.suggestedDepartmentName,
      suggestedCoDepartments: measure?.suggestedCoDepartmentCodes ?? [],
      leadText: measure?.leadText ?? null,
      coText: measure?.coText ?? null,
      dueDate: row.dueDate,
      dueProvisional: row.dueProvisional,
      escalationLevel: row.escalationLevel,
      light: verdict.light,
      lightLabel: STATUS_LIGHT_LABELS[verdict.light],
      lightReasons: verdict.reasons,
      workingDaysOverdue: verdict.workingDaysOverdue,
      progressPercent: row.progressPercent,
      ...toQuantities(quantities),
      quantityDone: snapshot?.progress?.quantityDone ?? null,
      findings: findings.map((f) => toFindingDto(f, lights.today)),
      evidenceFiles: evidenceFiles.map(toEvidenceFileDto),
      ladder: ladderOf(snapshot, lights),
      snapshot: state?.snapshot ?? null,
      events: timeline.rows.map(toEventDto),
      eventTotal: timeline.total,
    };
  }

  /** One page of the measure's timeline, newest pages first (`offset` counted from the newest event). */
  async timeline(id: string, user: AuthenticatedUser, query: TimelineQuery): Promise<MeasureTimelineDto> {
    await assertMeasureVisible(this.measures, id, user);
    const offset = query.offset ?? 0;
    const page = await this.events.pageForMeasure(id, { offset, limit: query.limit ?? TIMELINE_PAGE });
    return { total: page.total, offset, events: page.rows.map(toEventDto) };
  }

  private async command(
    id: string,
    command: MeasureCommand,
    actor: Actor,
    send: (handle: MeasureHandle, updateId: string | undefined) => Promise<MeasureSnapshot>,
  ): Promise<MeasureCommandResultDto> {
    const handle = measureHandle(this.client, this.parse(id));
    let refused: DomainError | undefined;
    try {
      return await sendOneCommand(
        this.measures,
        id,
        '该事项正在办理另一项操作，本次操作未提交，请稍后重试',
        (updateId, deadline) => this.client.withDeadline(deadline, () => send(handle, updateId)),
        (facts) => {
          refused = facts && authorityRefusal(facts, command, actor);
          if (refused) throw refused;
        },
      );
    } catch (error) {
      if (refused && error === refused) {
        // A retry of a command the workflow took, whose answer was lost: the state it led to must not
        // refuse it; its own result is the answer.
        const earlier = await earlierResult<MeasureSnapshot>(handle, (deadline, fn) => this.client.withDeadline(deadline, fn));
        if (earlier) return earlier;
        throw refused;
      }
      if (error instanceof WorkflowNotFoundError) throw await this.closedOrMissing(id, command);
      throw fromTemporal(error, id);
    }
  }

  /**
   * The authority rules of the domain on the projection, for a clean answer before the workflow is
   * asked (the workflow decides again: it is the last word, whoever calls it). 重新打开 reads them on
   * their own; every other command reads them in the statement that takes its lease.
   */
  private async precheck(id: string, command: MeasureCommand, actor: Actor): Promise<void> {
    let facts: MeasureFacts | undefined;
    try {
      facts = await this.measures.authorityFacts(id);
    } catch {
      // The projection is unreadable (PostgreSQL down): the workflow still decides, and accepts the
      // command to persist it once the database is back.
      return;
    }
    const refused = facts && authorityRefusal(facts, command, actor);
    if (refused) throw refused;
  }

  /** The assignee as the directory knows them, after the same input and authority rules the workflow applies. */
  private async assigneeFacts(actor: Actor, body: AssignBody): Promise<AssigneeFacts | undefined> {
    const problem = assignInputProblem({ actor, ...body }, beijingDate(Date.now()));
    if (problem) throw new DomainError(ErrorCode.ValidationFailed, problem);
    const user = await this.organization.findUser(body.assigneeId);
    const assignee = user ? { userId: user.username, role: user.role, department: user.departmentCode, active: user.active } : undefined;
    const authority = assignmentAuthorityProblem(actor, body, assignee);
    if (authority) throw refusal(authority.reason, authority.message);
    return assignee;
  }

  /** An update to a finished workflow: say the measure is closed (409), not that it is missing. */
  private async closedOrMissing(id: string, command: MeasureCommand): Promise<DomainError> {
    const state = await this.events.findState(id);
    if (state && isClosedState(state.state)) {
      const label = MEASURE_STATE_LABELS[state.state];
      return new DomainError(ErrorCode.MeasureWrongState, `事项当前状态为「${label}」，不能${COMMAND_RULES[command].label}`);
    }
    return new DomainError(ErrorCode.MeasureNotFound, `事项 ${id} 不存在或尚未启动`);
  }

  /** A start of a measure whose workflow has closed: it is continued only by reopening it. */
  private async notRestarted(id: string): Promise<DomainError> {
    const state = await this.events.findState(id);
    const label = state ? MEASURE_STATE_LABELS[asMeasureState(state.state)] : '已结束';
    return new DomainError(ErrorCode.MeasureWrongState, `事项已结束（当前状态「${label}」），不会重新启动；如需继续办理，请由局领导或系统管理员「重新打开」`);
  }


  private parse(id: string): { year: number; code: string } {
    const parsed = parseMeasureId(id);
    if (!parsed) throw new DomainError(ErrorCode.ValidationFailed, `事项编号 ${id} 无效，应为 年份-编号，例如 2022-2.1.1`);
    return parsed;
  }
}

/** The refusal the domain's authority rules give `command` on these facts, if any. */
function authorityRefusal(facts: MeasureFacts, command: MeasureCommand, actor: Actor): DomainError | undefined {
  const check = checkCommand(facts, command, actor);
  return check.ok ? undefined : refusal(check.reason, check.message);
}
