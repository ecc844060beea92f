import { Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { BulkModule } from './bulk/bulk.module';
import { CalendarModule } from './calendar/calendar.module';
import { DelegationModule } from './delegation/delegation.module';
import { DirectiveModule } from './directive/directive.module';
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
import { PlanPolicyModule } from './plan-policy/plan-policy.module';
import { ReportModule } from './report/report.module';
import { TaskModule } from './task/task.module';
import { YearEndModule } from './year-end/year-end.module';
import { BulletinModule } from './bulletin/bulletin.module';
import { DeliveryModule } from './delivery/delivery.module';

// BulkModule comes before MeasureModule: routes register in module order, and POST /measures/bulk/assign
// must not be taken for POST /measures/:id/assign.
@Module({})
export class AppModule {
  static with(config: ApiConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      providers: [{ provide: ApiConfig, useValue: config }],
      exports: [ApiConfig],
      imports: [DiscoveryModule, InfraModule, AuthModule, IdempotencyModule, HealthModule, PlanModule, BulkModule, MeasureModule, FindingModule, CalendarModule, ReportModule, NotificationModule, AuditModule, OrganizationModule, TaskModule, EvidenceModule, DirectiveModule, DelegationModule, PlanPolicyModule, YearEndModule, BulletinModule, DeliveryModule],
    };
  }
}
