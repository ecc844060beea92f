import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PlanPolicyRepository } from '@duban/db';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';

@Module({
  controllers: [CalendarController],
  providers: [CalendarService, { provide: PlanPolicyRepository, inject: [DataSource], useFactory: (dataSource: DataSource) => new PlanPolicyRepository(dataSource) }],
  exports: [CalendarService],
})
export class CalendarModule {}
