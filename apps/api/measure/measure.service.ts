import { Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { parseMeasureId, type Actor } from '@duban/domain';
import { MeasureEventRepository } from '@duban/db';
import { acceptUpdate, assignUpdate, type MeasureSnapshot } from '@duban/workflows';
import { measureHandle, startMeasureWorkflow } from '@duban/temporal';
import { ApiConfig } from '../infra/api-config';
import { DomainError, ErrorCode } from '../errors/domain-error';
import { fromTemporal } from '../errors/temporal-errors';
import type { AssignBody, MeasureCommandResultDto, MeasureDto } from './measure.dto';

@Injectable()
export class MeasureService {
  constructor(
    private readonly client: Client,
    private readonly events: MeasureEventRepository,
    private readonly config: ApiConfig,
  ) {}

  async start(id: string): Promise<MeasureCommandResultDto> {
    const handle = await startMeasureWorkflow(this.client, this.config.values.taskQueue, this.parse(id));
    return toResult(await handle.query('snapshot'));
  }

  async assign(id: string, actor: Actor, body: AssignBody): Promise<MeasureCommandResultDto> {
    return this.command(id, (handle) => handle.executeUpdate(assignUpdate, { args: [{ actor, ...body }] }));
  }

  async accept(id: string, actor: Actor): Promise<MeasureCommandResultDto> {
    return this.command(id, (handle) => handle.executeUpdate(acceptUpdate, { args: [{ actor }] }));
  }

  /** Reads come from PostgreSQL: the projection plus the event timeline. */
  async get(id: string): Promise<MeasureDto> {
    this.parse(id);
    const [state, events] = await Promise.all([this.events.findState(id), this.events.listForMeasure(id)]);
    if (!state) throw new DomainError(ErrorCode.MeasureNotFound, `事项 ${id} 不存在或尚无记录`);
    return {
      id,
      state: state.state,
      assigneeId: state.assigneeId,
      dueDate: state.dueDate,
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
    send: (handle: ReturnType<typeof measureHandle>) => Promise<MeasureSnapshot>,
  ): Promise<MeasureCommandResultDto> {
    try {
      return toResult(await send(measureHandle(this.client, this.parse(id))));
    } catch (error) {
      throw fromTemporal(error, id);
    }
  }

  private parse(id: string): { year: number; code: string } {
    const parsed = parseMeasureId(id);
    if (!parsed) throw new DomainError(ErrorCode.ValidationFailed, `事项编号 ${id} 无效，应为 年份-编号，例如 2022-2.1.1`);
    return parsed;
  }
}

function toResult(snapshot: MeasureSnapshot): MeasureCommandResultDto {
  return { measureId: snapshot.measureId, state: snapshot.state, assigneeId: snapshot.assigneeId, dueDate: snapshot.dueDate };
}
