import { Controller, Get, Header, Query, type StreamableFile } from '@nestjs/common';
import { Roles } from '../auth/access.decorators';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { download } from './download';
import { bulletinQuery, ledgerQuery, type BulletinQuery, type LedgerQuery } from './report.dto';
import { ReportService } from './report.service';

/** Spreadsheet downloads (XLSX or CSV) for the people who follow the whole plan. */
@Controller('reports')
export class ReportController {
  constructor(private readonly reports: ReportService) {}

  @Get('bulletin')
  @Roles(['department_head', 'supervisor', 'admin'])
  @Header('Cache-Control', 'no-store')
  bulletin(@Query(new ZodValidationPipe(bulletinQuery)) query: BulletinQuery): Promise<StreamableFile> {
    return this.reports.bulletin(query).then(download);
  }

  @Get('ledger')
  @Roles(['department_head', 'supervisor', 'admin'])
  @Header('Cache-Control', 'no-store')
  ledger(@Query(new ZodValidationPipe(ledgerQuery)) query: LedgerQuery): Promise<StreamableFile> {
    return this.reports.ledger(query).then(download);
  }
}
