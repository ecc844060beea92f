import { Body, Controller, Get, Header, HttpCode, Param, Post, type StreamableFile } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AdminAuditRepository } from '@duban/db';
import { Roles, SignedIn } from '../auth/access.decorators';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-actor.decorator';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { measureIdParam } from '../measure/measure.dto';
import { yearParam } from '../plan/plan.dto';
import { download } from '../report/download';
import { carryOverBody, type CarryOverBody, type CarryOverLinksDto, type CarryOverResultDto, type CompletionReportViewDto } from './year-end.dto';
import { YearEndService } from './year-end.service';

const Year = () => Param('year', new ZodValidationPipe(yearParam));
/** Those who follow the whole plan read its 完成情况 (as the other reports). */
const REPORT_READERS = ['leader', 'department_head', 'supervisor', 'admin'] as const;

/** 年终结转 of a plan, its frozen 完成情况 report, and the links between a carried measure and its successor. */
@Controller()
export class YearEndController {
  constructor(
    private readonly yearEnd: YearEndService,
    private readonly adminAudit: AdminAuditRepository,
  ) {}

  @Post('plans/:year/carry-over')
  @Roles(['leader', 'admin'])
  @HttpCode(200)
  carryOver(@Year() year: number, @Body(new ZodValidationPipe(carryOverBody)) body: CarryOverBody, @CurrentUser() user: AuthenticatedUser): Promise<CarryOverResultDto> {
    return this.yearEnd.carryOver(year, body, user);
  }

  @Get('plans/:year/completion-report')
  @Roles([...REPORT_READERS])
  completionReport(@Year() year: number): Promise<CompletionReportViewDto> {
    return this.yearEnd.completionReport(year);
  }

  @Get('plans/:year/completion-report/xlsx')
  @Roles([...REPORT_READERS])
  @Header('Cache-Control', 'no-store')
  async completionReportFile(@Year() year: number, @CurrentUser() user: AuthenticatedUser): Promise<StreamableFile> {
    const file = await this.yearEnd.completionReportFile(year);
    await this.adminAudit.record({
      actorId: user.username,
      actorRole: user.role,
      action: 'report.export',
      target: 'report:completion',
      after: { year, fileName: file.fileName, format: file.format, bytes: file.content.length, sha256: createHash('sha256').update(file.content).digest('hex') },
    });
    return download(file);
  }

  @Get('measures/:id/carry-over')
  @SignedIn()
  links(@Param('id', new ZodValidationPipe(measureIdParam)) id: string, @CurrentUser() user: AuthenticatedUser): Promise<CarryOverLinksDto> {
    return this.yearEnd.links(id, user);
  }
}
