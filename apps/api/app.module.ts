import { Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CalendarModule } from './calendar/calendar.module';
import { EvidenceModule } from './evidence/evidence.module';
import { FindingModule } from './finding/finding.module';
import { HealthModule } from './health/health.module';
import { IdempotencyModule } from './common/idempotency.module';
import { ApiConfig } from './infra/api-config';
import { InfraModule } from './infra/infra.module';
import { MeasureModule } from './measure/measure.module';
import { OrganizationModule } from './organization/organization.module';
import { NotificationModule } from './notification/notification.module';
import { PlanModule } from './plan/plan.module';
import { ReportModule } from './report/report.module';
import { TaskModule } from './task/task.module';

@Module({})
export class AppModule {
  static with(config: ApiConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      providers: [{ provide: ApiConfig, useValue: config }],
      exports: [ApiConfig],
      imports: [DiscoveryModule, InfraModule, AuthModule, IdempotencyModule, HealthModule, PlanModule, MeasureModule, FindingModule, CalendarModule, ReportModule, NotificationModule, AuditModule, OrganizationModule, TaskModule, EvidenceModule],
    };
  }
}
