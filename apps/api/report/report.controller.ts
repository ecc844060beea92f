import { Controller, Get, Header, Query, type StreamableFile } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AdminAuditRepository } from '@duban/db';
import { Roles } from '../auth/access.decorators';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-actor.decorator';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { download } from './download';
import { bulletinQuery, ledgerQuery, type BulletinQuery, type LedgerQuery } from './report.dto';
import { ReportService } from './report.service';
import type { ReportFile } from './table';

/** Spreadsheet downloads (XLSX or CSV) for the people who follow the whole plan. */
@Controller('reports')
export class ReportController {
  constructor(
    private readonly reports: ReportService,
    private readonly adminAudit: AdminAuditRepository,
  ) {}

  @Get('bulletin')
  @Roles(['leader', 'department_head', 'supervisor', 'admin'])
  @Header('Cache-Control', 'no-store')
  async bulletin(@Query(new ZodValidationPipe(bulletinQuery)) query: BulletinQuery, @CurrentUser() user: AuthenticatedUser): Promise<StreamableFile> {
    return download(await this.exported(user, 'bulletin', query, await this.reports.bulletin(query)));
  }

  @Get('ledger')
  @Roles(['leader', 'department_head', 'supervisor', 'admin'])
  @Header('Cache-Control', 'no-store')
  async ledger(@Query(new ZodValidationPipe(ledgerQuery)) query: LedgerQuery, @CurrentUser() user: AuthenticatedUser): Promise<StreamableFile> {
    return download(await this.exported(user, 'ledger', query, await this.reports.ledger(query)));
  }

  /** Who exported what (the query, the file's name and SHA-256): an entry of the admin audit stream. */
  private async exported(user: AuthenticatedUser, report: 'ledger' | 'bulletin', query: LedgerQuery | BulletinQuery, file: ReportFile): Promise<ReportFile> {
    const sha256 = createHash('sha256').update(file.content).digest('hex');
    await this.adminAudit.record({
      actorId: user.username,
      actorRole: user.role,
      action: 'report.export',
      target: `report:${report}`,
      after: { query, fileName: file.fileName, format: file.format, bytes: file.content.length, sha256 },
    });
    return file;
  }
}
