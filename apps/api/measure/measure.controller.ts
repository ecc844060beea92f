import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import type { Actor } from '@duban/domain';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { assignBody, measureIdParam, type AssignBody, type MeasureCommandResultDto, type MeasureDto } from './measure.dto';
import { MeasureService } from './measure.service';

const MeasureId = () => Param('id', new ZodValidationPipe(measureIdParam));

@Controller('measures')
export class MeasureController {
  constructor(private readonly measures: MeasureService) {}

  @Post(':id/start')
  @HttpCode(200)
  start(@MeasureId() id: string): Promise<MeasureCommandResultDto> {
    return this.measures.start(id);
  }

  @Post(':id/assign')
  @HttpCode(200)
  assign(@MeasureId() id: string, @CurrentActor() actor: Actor, @Body(new ZodValidationPipe(assignBody)) body: AssignBody) {
    return this.measures.assign(id, actor, body);
  }

  @Post(':id/accept')
  @HttpCode(200)
  accept(@MeasureId() id: string, @CurrentActor() actor: Actor): Promise<MeasureCommandResultDto> {
    return this.measures.accept(id, actor);
  }

  @Get(':id')
  get(@MeasureId() id: string): Promise<MeasureDto> {
    return this.measures.get(id);
  }
}
