import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditRepository } from '@duban/db';
import { CalendarModule } from '../calendar/calendar.module';
import { DirectiveModule } from '../directive/directive.module';
import { ListExportService } from '../export/list-export';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';

@Module({
  imports: [CalendarModule, DirectiveModule],
  controllers: [AuditController],
  providers: [
    AuditService,
    ListExportService,
    { provide: AuditRepository, inject: [DataSource], useFactory: (dataSource: DataSource) => new AuditRepository(dataSource) },
  ],
})
export class AuditModule {}
