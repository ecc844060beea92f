import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReportRepository } from '@duban/db';
import { CalendarModule } from '../calendar/calendar.module';
import { ReportController } from './report.controller';
import { ReportService } from './report.service';

@Module({
  imports: [CalendarModule],
  controllers: [ReportController],
  providers: [
    ReportService,
    // Only reports read through this repository, so it is provided here rather than in InfraModule.
    { provide: ReportRepository, inject: [DataSource], useFactory: (dataSource: DataSource) => new ReportRepository(dataSource) },
  ],
})
export class ReportModule {}
