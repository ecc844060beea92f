import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { Roles, SignedIn } from '../auth/access.decorators';
import { toActor, type AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-actor.decorator';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { assignBody, measureIdParam, type AssignBody, type MeasureCommandResultDto, type MeasureDto } from './measure.dto';
import { MeasureService } from './measure.service';

const MeasureId = () => Param('id', new ZodValidationPipe(measureIdParam));

@Controller('measures')
export class MeasureController {
  constructor(private readonly measures: MeasureService) {}

  @Post(':id/start')
  @Roles(['admin'])
  @HttpCode(200)
  start(@MeasureId() id: string): Promise<MeasureCommandResultDto> {
    return this.measures.start(id);
  }

  @Post(':id/assign')
  @SignedIn()
  @HttpCode(200)
  assign(@MeasureId() id: string, @CurrentUser() user: AuthenticatedUser, @Body(new ZodValidationPipe(assignBody)) body: AssignBody) {
    return this.measures.assign(id, toActor(user), body);
  }

  @Post(':id/accept')
  @SignedIn()
  @HttpCode(200)
  accept(@MeasureId() id: string, @CurrentUser() user: AuthenticatedUser): Promise<MeasureCommandResultDto> {
    return this.measures.accept(id, toActor(user));
  }

  @Get(':id')
  @SignedIn()
  get(@MeasureId() id: string): Promise<MeasureDto> {
    return this.measures.get(id);
  }
}
