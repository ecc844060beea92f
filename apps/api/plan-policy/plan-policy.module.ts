import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PlanPolicyRepository } from '@duban/db';
import { CalendarModule } from '../calendar/calendar.module';
import { PlanPolicyController } from './plan-policy.controller';
import { PlanPolicyService } from './plan-policy.service';

@Module({
  imports: [CalendarModule],
  controllers: [PlanPolicyController],
  providers: [
    PlanPolicyService,
    { provide: PlanPolicyRepository, inject: [DataSource], useFactory: (dataSource: DataSource) => new PlanPolicyRepository(dataSource) },
  ],
  exports: [PlanPolicyService],
})
export class PlanPolicyModule {}
