import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BulletinRepository } from '@duban/db';
import { CalendarModule } from '../calendar/calendar.module';
import { ReportModule } from '../report/report.module';
import { BulletinController } from './bulletin.controller';
import { BulletinService } from './bulletin.service';

@Module({
  imports: [CalendarModule, ReportModule],
  controllers: [BulletinController],
  providers: [BulletinService, { provide: BulletinRepository, inject: [DataSource], useFactory: (dataSource: DataSource) => new BulletinRepository(dataSource) }],
})
export class BulletinModule {}
