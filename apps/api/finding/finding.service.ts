import { Injectable } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { EvidenceRepository, MeasureEventRepository, MeasureRepository } from '@duban/db';
import { findingWorkflowId, parseFindingId, type Actor, type FindingSnapshot } from '@duban/domain';
import { submitRectificationUpdate, verifyRectificationUpdate } from '@duban/workflows';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { assertEvidenceOfMeasure } from '../common/evidence-refs';
import { measureScopeOf } from '../measure/measure-read';
import { sendOneCommand } from '../common/one-command';
import { DomainError, ErrorCode } from '../errors/domain-error';
import { fromTemporal } from '../errors/temporal-errors';
import type { RectificationBody, VerificationBody } from './finding.dto';

/** 整改 and 复查 go to the finding's rectification workflow; reads come from the findings projection. */
@Injectable()
export class FindingService {
  constructor(
    private readonly client: Client,
    private readonly events: MeasureEventRepository,
    private readonly evidenceFiles: EvidenceRepository,
    private readonly measures: MeasureRepository,
  ) {}

  async rectify(id: string, actor: Actor, body: RectificationBody): Promise<FindingSnapshot> {
    const finding = parseFindingId(id);
    if (finding) await assertEvidenceOfMeasure(this.evidenceFiles, finding.measureId, body.evidence);
    return this.command(id, (h, updateId) => h.executeUpdate(submitRectificationUpdate, { args: [{ actor, ...body }], updateId }));
  }

  verify(id: string, actor: Actor, body: VerificationBody): Promise<FindingSnapshot> {
    return this.command(id, (h, updateId) => h.executeUpdate(verifyRectificationUpdate, { args: [{ actor, ...body }], updateId }));
  }

  /**
   * A finding (inspector's comments, notes, evidence) is scoped work: only those who may see its
   * measure's work, or who must rectify it, read it. Anyone else is told it does not exist (404),
   * so finding ids cannot be probed.
   */
  async get(id: string, user: AuthenticatedUser): Promise<Record<string, unknown>> {
    const row = await this.events.findFinding(id);
    const parsed = parseFindingId(id);
    const visible =
      row && parsed && (row.snapshot.assigneeId === user.username || (await this.measures.isVisible(parsed.measureId, measureScopeOf(user))));
    if (!row || !visible) throw new DomainError(ErrorCode.FindingNotFound, `检查问题 ${id} 不存在`);
    return row.snapshot;
  }

  private async command(id: string, send: (handle: ReturnType<Client['workflow']['getHandle']>, updateId: string) => Promise<FindingSnapshot>): Promise<FindingSnapshot> {
    if (!parseFindingId(id)) throw new DomainError(ErrorCode.ValidationFailed, `问题编号 ${id} 无效`);
    const handle = this.client.workflow.getHandle(findingWorkflowId(id));
    try {
      return await sendOneCommand(this.measures, id, '该问题正在办理另一项操作，本次操作未提交，请稍后重试', (updateId, deadline) =>
        this.client.withDeadline(deadline, () => send(handle, updateId)),
      );
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) {
        const row = await this.events.findFinding(id);
        if (row?.status === 'closed') throw new DomainError(ErrorCode.MeasureWrongState, '该问题已销号');
        throw new DomainError(ErrorCode.MeasureNotFound, `检查问题 ${id} 不存在`);
      }
      throw fromTemporal(error, id);
    }
  }

}
