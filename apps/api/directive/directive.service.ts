import { Injectable } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { startDirectiveWorkflow } from '@duban/temporal';
import { DirectiveRepository, MeasureRepository, type DirectiveRow } from '@duban/db';
import {
  checkDirectiveCommand,
  checkIssue,
  directiveId,
  directiveStatusLabel,
  directiveWorkflowId,
  DIRECTIVE_KIND_LABELS,
  ESCALATION_LABELS,
  ESCALATION_LEVELS,
  isFinalDirective,
  LADDER_ISSUER_LABEL,
  issueInputProblem,
  openedDirective,
  OUTCOME_KIND_LABELS,
  owningDepartment,
  parseMeasureId,
  type Actor,
  type DirectiveCommand,
  type DirectiveKind,
  type DirectiveSnapshot,
  type OutcomeKind,
} from '@duban/domain';
import {
  acknowledgeDirectiveUpdate,
  closeDirectiveUpdate,
  directiveIssuedUpdate,
  respondDirectiveUpdate,
  type DirectiveActionInput,
  type DirectiveWorkflowInput,
} from '@duban/workflows';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { LightReader } from '../measure/light-reader';
import { CalendarService } from '../calendar/calendar.service';
import { sendOneCommand } from '../common/one-command';
import { currentUpdateId } from '../common/idempotency-context';
import { DomainError, ErrorCode, refusal } from '../errors/domain-error';
import { COMMAND_DEADLINE_MS, fromTemporal, sendUpdate } from '../errors/temporal-errors';
import { ApiConfig } from '../infra/api-config';
import { assertMeasureVisible } from '../measure/measure-read';
import { DEFAULT_ISSUER, noticeDocumentOf, officialDocumentPdf, outcomeDocumentOf } from '../documents/notice-document';
import { documentFonts } from '../documents/fonts';
import type { DirectiveDto, DirectiveListDto, DirectivePersonDto } from './directive.dto';

const UPDATES = { acknowledge: acknowledgeDirectiveUpdate, respond: respondDirectiveUpdate, close: closeDirectiveUpdate } as const;

/**
 * 批示, 催办, 督办单 and 问责结果: each is started as a workflow of its own (its number per measure and
 * kind given here, once), then 签收 / 答复 / 办结 go to it as Updates. The measure's workflow is never
 * involved, so they work on a measure in any state and never reopen it. Reads come from `directives`.
 */
@Injectable()
export class DirectiveService {
  constructor(
    private readonly client: Client,
    private readonly config: ApiConfig,
    private readonly measures: MeasureRepository,
    private readonly directives: DirectiveRepository,
    private readonly calendar: CalendarService,
  ) {}

  async issue(measureId: string, kind: DirectiveKind, actor: Actor, body: { text: string; dueDate?: string; outcomeKind?: OutcomeKind }): Promise<DirectiveDto> {
    if (!parseMeasureId(measureId)) throw new DomainError(ErrorCode.ValidationFailed, `事项编号 ${measureId} 无效`);
    const facts = await this.measures.authorityFacts(measureId);
    if (!facts) throw new DomainError(ErrorCode.MeasureNotFound, `事项 ${measureId} 不存在`);
    const allowed = checkIssue(kind, facts, actor);
    if (!allowed.ok) throw refusal(allowed.reason, allowed.message);
    const today = this.calendar.today();
    const input = issueInputProblem({ kind, ...body }, today, await this.calendar.workingDayCalendar());
    if (!input.ok) throw refusal(input.reason, input.message);

    const n = await this.directives.nextN(measureId, kind);
    const directive = openedDirective({
      measureId,
      kind,
      n,
      text: body.text,
      outcomeKind: body.outcomeKind ?? null,
      actor,
      departmentCode: owningDepartment(facts),
      assigneeId: facts.assigneeId ?? null,
      dueDate: input.dueDate,
    });
    const year = Number(today.slice(0, 4));
    // The ladder of an unanswered directive runs on the thresholds of its measure's plan.
    const policy = (await LightReader.open(this.calendar)).policyFor(measureId);
    const workflowInput: DirectiveWorkflowInput = { directive, calendarYears: { fromYear: year - 1, toYear: year + 3 }, policy };
    const workflowId = directiveWorkflowId(directive.directiveId);
    const deadline = Date.now() + COMMAND_DEADLINE_MS;
    try {
      if ((await startDirectiveWorkflow(this.client, this.config.values.taskQueue, workflowInput)) === 'exists') {
        throw new DomainError(ErrorCode.ServiceUnavailable, '编号冲突，本次未提交，请重试');
      }
      // Answers once the issue is recorded, so the caller reads it back at once.
      const handle = this.client.workflow.getHandle(workflowId);
      const updateId = currentUpdateId();
      await sendUpdate(deadline, () => this.client.withDeadline(deadline, () => handle.executeUpdate(directiveIssuedUpdate, { args: [], updateId }))).catch(async (error: unknown) => {
        // An outcome's workflow records its one event and ends, maybe before the Update reaches it.
        if (error instanceof WorkflowNotFoundError && (await this.directives.find(directive.directiveId))) return;
        throw error;
      });
    } catch (error) {
      throw fromTemporal(error, measureId);
    }
    return this.dto(await this.found(directive.directiveId));
  }

  async command(measureId: string, kind: DirectiveKind, n: number, command: DirectiveCommand, actor: Actor, body: Omit<DirectiveActionInput, 'actor'>): Promise<DirectiveDto> {
    const id = directiveId(measureId, kind, n);
    const row = await this.found(id);
    const allowed = checkDirectiveCommand(row.snapshot, command, actor);
    if (!allowed.ok) throw refusal(allowed.reason, allowed.message);
    const handle = this.client.workflow.getHandle(directiveWorkflowId(id));
    try {
      await sendOneCommand(this.measures, id, '该事项正在办理另一项操作，本次操作未提交，请稍后重试', (updateId, deadline) =>
        this.client.withDeadline(deadline, () => handle.executeUpdate(UPDATES[command], { args: [{ actor, ...body }], updateId })),
      );
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) {
        const now = await this.found(id);
        if (isFinalDirective(now.snapshot)) throw new DomainError(ErrorCode.MeasureWrongState, '该事项已办结');
      }
      throw fromTemporal(error, id);
    }
    return this.dto(await this.found(id));
  }

  /** A measure's directives, for whoever may see the measure's work. */
  async list(measureId: string, user: AuthenticatedUser): Promise<DirectiveListDto> {
    await assertMeasureVisible(this.measures, measureId, user);
    return { items: (await this.directives.listForMeasure(measureId)).map((r) => this.dto(r)) };
  }

  /** A 督办单 or 问责结果 as its printable A4 document (督办通知单 / 问责记录), for whoever may see the measure's work. */
  async document(measureId: string, kind: 'notice' | 'outcome', n: number, user: AuthenticatedUser): Promise<{ content: Buffer; fileName: string; asciiFileName: string }> {
    await assertMeasureVisible(this.measures, measureId, user);
    return this.documentOf(await this.found(directiveId(measureId, kind, n)));
  }

  /** The directive's document, its access already checked (the notice list prints through it too). */
  async documentOf(row: DirectiveRow): Promise<{ content: Buffer; fileName: string; asciiFileName: string }> {
    const [listed] = await this.measures.listRows([row.measureId]);
    const matter = { id: row.measureId, title: listed?.title ?? null, assignee: listed ? (listed.assigneeName ?? listed.assigneeId) : null };
    const document = row.kind === 'outcome' ? outcomeDocumentOf(row, matter, DEFAULT_ISSUER) : noticeDocumentOf(row, matter, DEFAULT_ISSUER);
    const content = await officialDocumentPdf(document, documentFonts(this.config.values));
    const label = document.number ?? `${row.measureId}-${row.n}`;
    return { content, fileName: `${document.title}-${label}.pdf`, asciiFileName: `${row.kind}-${row.measureId}-${row.n}.pdf` };
  }

  private async found(id: string): Promise<DirectiveRow> {
    const row = await this.directives.find(id);
    if (!row) throw new DomainError(ErrorCode.DirectiveNotFound, `${kindWord(id)}不存在`);
    return row;
  }

  private dto(row: DirectiveRow): DirectiveDto {
    const d: DirectiveSnapshot = row.snapshot;
    const person = (username: string | null): DirectivePersonDto | null => (username ? { username, displayName: row.names[username] ?? null } : null);
    const level = ESCALATION_LEVELS.find((l) => l === row.escalationLevel) ?? null;
    return {
      directiveId: row.directiveId,
      measureId: row.measureId,
      kind: row.kind,
      kindLabel: DIRECTIVE_KIND_LABELS[row.kind],
      n: row.n,
      noticeNumber: row.noticeNumber,
      text: d.text,
      outcomeKind: d.outcomeKind,
      outcomeKindLabel: d.outcomeKind ? OUTCOME_KIND_LABELS[d.outcomeKind] : null,
      status: d.status,
      statusLabel: directiveStatusLabel(d.kind, d.status),
      department: row.departmentCode ? { code: row.departmentCode, name: row.departmentName } : null,
      assignee: person(d.assigneeId),
      issuedBy: { username: row.issuedBy, displayName: d.issuerRole === 'system' ? LADDER_ISSUER_LABEL : row.issuedByName },
      issuerRole: d.issuerRole,
      issuedAt: row.issuedAt.toISOString(),
      dueDate: row.dueDate,
      escalationLevel: level,
      escalationLabel: level ? ESCALATION_LABELS[level] : null,
      acknowledgedBy: person(d.acknowledgedBy),
      acknowledgedAt: d.acknowledgedAt,
      responses: d.responses.map((r) => ({ by: person(r.by) as DirectivePersonDto, role: r.role, text: r.text, at: r.at })),
      closedBy: person(d.closedBy),
      closedAt: d.closedAt,
      closeComment: d.closeComment,
    };
  }
}

function kindWord(id: string): string {
  const kind = id.split(':')[1] as DirectiveKind | undefined;
  return kind && kind in DIRECTIVE_KIND_LABELS ? `该${DIRECTIVE_KIND_LABELS[kind]}` : '该事项';
}
