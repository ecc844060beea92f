import { Body, Controller, Get, Header, Param, Put, Query } from '@nestjs/common';
import { Roles } from '../auth/access.decorators';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-actor.decorator';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import {
  cockpitQuery,
  indicatorMeasuresBody,
  indicatorCodeParam,
  indicatorYearParam,
  type CockpitDto,
  type CockpitQuery,
  type IndicatorMeasuresBody,
  type IndicatorMeasuresDto,
} from './cockpit.dto';
import { CockpitService } from './cockpit.service';

/** 领导驾驶舱 (leaders, supervisors, admins) and the hand-made links of target indicators to measures. */
@Controller()
export class CockpitController {
  constructor(private readonly cockpit: CockpitService) {}

  @Get('reports/cockpit')
  @Roles(['leader', 'supervisor', 'admin'])
  @Header('Cache-Control', 'no-store')
  figures(@Query(new ZodValidationPipe(cockpitQuery)) query: CockpitQuery, @CurrentUser() user: AuthenticatedUser): Promise<CockpitDto> {
    return this.cockpit.figures(user, query);
  }

  @Put('plans/:year/indicators/:code/measures')
  @Roles(['leader', 'admin'])
  link(
    @Param('year', new ZodValidationPipe(indicatorYearParam)) year: number,
    @Param('code', new ZodValidationPipe(indicatorCodeParam)) code: string,
    @Body(new ZodValidationPipe(indicatorMeasuresBody)) body: IndicatorMeasuresBody,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<IndicatorMeasuresDto> {
    return this.cockpit.linkIndicator(user, year, code, body.measureIds);
  }
}
