import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CockpitRepository, ReportRepository } from '@duban/db';
import { CalendarModule } from '../calendar/calendar.module';
import { CockpitController } from './cockpit.controller';
import { CockpitService } from './cockpit.service';
import { ReportController } from './report.controller';
import { ReportService } from './report.service';

@Module({
  imports: [CalendarModule],
  controllers: [ReportController, CockpitController],
  providers: [
    ReportService,
    CockpitService,
    // Only reports read through this repository, so it is provided here rather than in InfraModule.
    { provide: ReportRepository, inject: [DataSource], useFactory: (dataSource: DataSource) => new ReportRepository(dataSource) },
    { provide: CockpitRepository, inject: [DataSource], useFactory: (dataSource: DataSource) => new CockpitRepository(dataSource) },
  ],
  // The 督办通报 issues (apps/api/bulletin) freeze the figures ReportService computes.
  exports: [ReportService],
})
export class ReportModule {}
