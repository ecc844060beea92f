import { Injectable } from '@nestjs/common';
import { MeasureEventRepository, MeasureRepository } from '@duban/db';
import { beijingDate, WORKING_STATES, type MeasureState, type MeasureSnapshot } from '@duban/domain';
import { toActor, type AuthenticatedUser } from '../auth/authenticated-user';
import { DomainError, ErrorCode } from '../errors/domain-error';
import { ErrorFilter } from '../errors/error.filter';
import { measureScopeOf } from '../measure/measure-read';
import type { AssignBody } from '../measure/measure.dto';
import { MeasureService } from '../measure/measure.service';
import { BULK_LIMIT, type BulkAssignBody, type BulkReassignBody, type BulkResultDto } from './bulk.dto';

/** Commands of one bulk request in flight at once (each still one at a time per measure). */
const CONCURRENCY = 4;

/**
 * Bulk 交办 / 改派: each measure goes through MeasureService like a single command (the same
 * authority rules, the same Update, the same per-measure lease), so each is one event; the answer
 * lists what went through and, for the rest, the code and message the single command would give.
 */
@Injectable()
export class BulkService {
  private readonly errors = new ErrorFilter();

  constructor(
    private readonly measures: MeasureService,
    private readonly repository: MeasureRepository,
    private readonly events: MeasureEventRepository,
  ) {}

  assign(user: AuthenticatedUser, body: BulkAssignBody): Promise<BulkResultDto> {
    const { measureIds, ...command } = body;
    const actor = toActor(user);
    return this.each(unique(measureIds), (id) => this.measures.assign(id, actor, command));
  }

  async reassign(user: AuthenticatedUser, body: BulkReassignBody): Promise<BulkResultDto> {
    const ids = body.measureIds ? unique(body.measureIds) : await this.inHandOf(user, body.fromAssigneeId!);
    const rows = new Map((await this.repository.listRows(ids)).map((r) => [r.id, r]));
    const actor = toActor(user);
    const today = beijingDate(Date.now());
    return this.each(ids, async (id) => {
      const row = rows.get(id);
      if (!row) throw new DomainError(ErrorCode.MeasureNotFound, `事项 ${id} 不存在`);
      const snapshot = (await this.events.findState(id))?.snapshot as Partial<MeasureSnapshot> | undefined;
      const dueDate = body.dueDate ?? row.dueDate ?? '';
      const command: AssignBody = {
        assigneeId: body.assigneeId,
        leadDepartment: body.leadDepartment ?? row.leadDepartment ?? '',
        coDepartments: body.coDepartments ?? row.coDepartments.map((d) => d.code),
        dueDate,
        // The milestones still ahead stay with the measure (those passed are history).
        milestones: (snapshot?.milestones ?? [])
          .filter((m) => m.dueDate >= today && m.dueDate <= dueDate)
          .map((m) => ({ title: m.title, dueDate: m.dueDate })),
        ...(body.assignedOn !== undefined ? { assignedOn: body.assignedOn } : {}),
        ...(body.backdateReason !== undefined ? { backdateReason: body.backdateReason } : {}),
      };
      return this.measures.reassign(id, actor, command);
    });
  }

  /** The measures this person holds in a state 改派 applies to, among those the user may see. */
  private async inHandOf(user: AuthenticatedUser, assigneeId: string): Promise<string[]> {
    const today = beijingDate(Date.now());
    const held = await this.repository.pageIds({ assignee: assigneeId }, measureScopeOf(user), 'code', today, { limit: 10 * BULK_LIMIT, offset: 0 });
    const working = new Set<string>(WORKING_STATES);
    const ids = (await this.repository.listRows(held)).filter((r) => working.has(r.state as MeasureState)).map((r) => r.id);
    const order = new Map(held.map((id, i) => [id, i]));
    ids.sort((a, b) => order.get(a)! - order.get(b)!);
    if (ids.length === 0) throw new DomainError(ErrorCode.ValidationFailed, `${assigneeId} 名下没有可改派的在办事项`);
    if (ids.length > BULK_LIMIT) {
      throw new DomainError(ErrorCode.ValidationFailed, `${assigneeId} 名下有 ${ids.length} 项在办事项，超过一次 ${BULK_LIMIT} 项的上限，请按事项分批改派`);
    }
    return ids;
  }

  /** Runs the command for every measure (a few at a time); a refusal is that measure's failure, in selection order. */
  private async each(ids: string[], run: (id: string) => Promise<unknown>): Promise<BulkResultDto> {
    const outcomes: Array<{ ok: true } | { ok: false; code: string; message: string }> = new Array(ids.length);
    let next = 0;
    const worker = async () => {
      while (next < ids.length) {
        const i = next++;
        try {
          await run(ids[i]);
          outcomes[i] = { ok: true };
        } catch (error) {
          const { code, message } = this.errors.toBody(error);
          outcomes[i] = { ok: false, code, message };
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, ids.length) }, worker));
    const result: BulkResultDto = { succeeded: [], failed: [] };
    ids.forEach((measureId, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) result.succeeded.push({ measureId });
      else result.failed.push({ measureId, code: outcome.code, message: outcome.message });
    });
    return result;
  }
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}
