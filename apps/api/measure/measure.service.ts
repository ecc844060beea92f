import { Injectable } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { MeasureEventRepository, PlanRepository } from '@duban/db';
import { COMMAND_RULES, MEASURE_STATE_LABELS, parseMeasureId, type Actor, type MeasureCommand } from '@duban/domain';
import { measureHandle, startMeasureWorkflow, type MeasureHandle } from '@duban/temporal';
import {
  acceptUpdate,
  approveUpdate,
  assignUpdate,
  cancelUpdate,
  decideExtensionUpdate,
  fileInspectionUpdate,
  reassignUpdate,
  reportProgressUpdate,
  requestExtensionUpdate,
  returnForReworkUpdate,
  submitForReviewUpdate,
  type MeasureSnapshot,
} from '@duban/workflows';
import { DomainError, ErrorCode } from '../errors/domain-error';
import { fromTemporal } from '../errors/temporal-errors';
import { ApiConfig } from '../infra/api-config';
import type {
  ApproveBody,
  AssignBody,
  CancelBody,
  ExtensionDecisionBody,
  ExtensionRequestBody,
  InspectionBody,
  MeasureCommandResultDto,
  MeasureDto,
  ProgressBody,
  ReturnBody,
  SubmitBody,
} from './measure.dto';

/** Commands go to the measure's workflow as Updates; reads come from the PostgreSQL projection. */
@Injectable()
export class MeasureService {
  constructor(
    private readonly client: Client,
    private readonly events: MeasureEventRepository,
    private readonly plans: PlanRepository,
    private readonly config: ApiConfig,
  ) {}

  async start(id: string): Promise<MeasureCommandResultDto> {
    const handle = await startMeasureWorkflow(this.client, this.config.values.taskQueue, this.parse(id));
    return handle.query('snapshot');
  }

  assign(id: string, actor: Actor, body: AssignBody) {
    return this.command(id, 'assign', (h) => h.executeUpdate(assignUpdate, { args: [{ actor, ...body }] }));
  }
  reassign(id: string, actor: Actor, body: AssignBody) {
    return this.command(id, 'reassign', (h) => h.executeUpdate(reassignUpdate, { args: [{ actor, ...body }] }));
  }
  accept(id: string, actor: Actor) {
    return this.command(id, 'accept', (h) => h.executeUpdate(acceptUpdate, { args: [{ actor }] }));
  }
  reportProgress(id: string, actor: Actor, body: ProgressBody) {
    return this.command(id, 'reportProgress', (h) => h.executeUpdate(reportProgressUpdate, { args: [{ actor, ...body }] }));
  }
  submit(id: string, actor: Actor, body: SubmitBody) {
    return this.command(id, 'submitForReview', (h) => h.executeUpdate(submitForReviewUpdate, { args: [{ actor, ...body }] }));
  }
  approve(id: string, actor: Actor, body: ApproveBody) {
    return this.command(id, 'approve', (h) => h.executeUpdate(approveUpdate, { args: [{ actor, ...body }] }));
  }
  returnForRework(id: string, actor: Actor, body: ReturnBody) {
    return this.command(id, 'returnForRework', (h) => h.executeUpdate(returnForReworkUpdate, { args: [{ actor, ...body }] }));
  }
  requestExtension(id: string, actor: Actor, body: ExtensionRequestBody) {
    return this.command(id, 'requestExtension', (h) => h.executeUpdate(requestExtensionUpdate, { args: [{ actor, ...body }] }));
  }
  decideExtension(id: string, n: number, actor: Actor, body: ExtensionDecisionBody) {
    return this.command(id, 'decideExtension', (h) => h.executeUpdate(decideExtensionUpdate, { args: [{ actor, n, ...body }] }));
  }
  fileInspection(id: string, actor: Actor, body: InspectionBody) {
    return this.command(id, 'fileInspection', (h) => h.executeUpdate(fileInspectionUpdate, { args: [{ actor, ...body }] }));
  }
  cancel(id: string, actor: Actor, body: CancelBody) {
    return this.command(id, 'cancel', (h) => h.executeUpdate(cancelUpdate, { args: [{ actor, ...body }] }));
  }

  /** The measure as stored: plan text, projection and the full event timeline. */
  async get(id: string): Promise<MeasureDto> {
    const { year, code } = this.parse(id);
    const [measure, state, events] = await Promise.all([
      this.plans.findMeasure(id),
      this.events.findState(id),
      this.events.listForMeasure(id),
    ]);
    if (!measure && !state) throw new DomainError(ErrorCode.MeasureNotFound, `事项 ${id} 不存在`);
    return {
      id,
      year,
      code,
      title: measure?.title ?? '',
      body: measure?.body ?? '',
      state: state?.state ?? 'imported',
      assigneeId: state?.assigneeId ?? null,
      leadDepartment: state?.leadDepartment ?? null,
      dueDate: state?.dueDate ?? null,
      dueProvisional: state?.dueProvisional ?? false,
      escalationLevel: state?.escalationLevel ?? null,
      snapshot: state?.snapshot ?? null,
      events: events.map((e) => ({
        sequence: e.sequence,
        type: e.type,
        actorId: e.actorId,
        actorRole: e.actorRole,
        stateAfter: e.stateAfter,
        payload: e.payload,
        occurredAt: e.occurredAt.toISOString(),
      })),
    };
  }

  private async command(
    id: string,
    command: MeasureCommand,
    send: (handle: MeasureHandle) => Promise<MeasureSnapshot>,
  ): Promise<MeasureCommandResultDto> {
    const handle = measureHandle(this.client, this.parse(id));
    try {
      return await send(handle);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw await this.closedOrMissing(id, command);
      throw fromTemporal(error, id);
    }
  }

  /** An update to a finished workflow: say the measure is closed (409), not that it is missing. */
  private async closedOrMissing(id: string, command: MeasureCommand): Promise<DomainError> {
    const state = await this.events.findState(id);
    if (state && (state.state === 'completed' || state.state === 'cancelled')) {
      const label = MEASURE_STATE_LABELS[state.state];
      return new DomainError(ErrorCode.MeasureWrongState, `事项当前状态为「${label}」，不能${COMMAND_RULES[command].label}`);
    }
    return new DomainError(ErrorCode.MeasureNotFound, `事项 ${id} 不存在或尚未启动`);
  }

  private parse(id: string): { year: number; code: string } {
    const parsed = parseMeasureId(id);
    if (!parsed) throw new DomainError(ErrorCode.ValidationFailed, `事项编号 ${id} 无效，应为 年份-编号，例如 2022-2.1.1`);
    return parsed;
  }
}
