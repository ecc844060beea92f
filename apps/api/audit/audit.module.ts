import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditRepository } from '@duban/db';
import { CalendarModule } from '../calendar/calendar.module';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';

@Module({
  imports: [CalendarModule],
  controllers: [AuditController],
  providers: [
    AuditService,
    { provide: AuditRepository, inject: [DataSource], useFactory: (dataSource: DataSource) => new AuditRepository(dataSource) },
  ],
})
export class AuditModule {}
