import { DataSource } from 'typeorm';
import { AuditLogEntity } from './entities/audit-log.entity';
import { MeasureEventEntity } from './entities/measure-event.entity';
import { MeasureStateEntity } from './entities/measure-state.entity';
import { MeasureEvents1764288000000 } from './migrations/1764288000000-measure-events';
import { PlansAndOrganization1764291600000 } from './migrations/1764291600000-plans-and-organization';
import { MeasureStateSnapshot1764295200000 } from './migrations/1764295200000-measure-state-snapshot';
import { OfficialCalendars1764298800000 } from './migrations/1764298800000-official-calendars';
import { Findings1764302400000 } from './migrations/1764302400000-findings';
import { Notifications1764306000000 } from './migrations/1764306000000-notifications';
import { EvidenceFiles1764309600000 } from './migrations/1764309600000-evidence-files';
import { PeopleAndTrust1764313200000 } from './migrations/1764313200000-people-and-trust';
import { SessionsAndSignIn1764320400000 } from './migrations/1764320400000-sessions-and-sign-in';
import { AppendOnlyRecord1764316800000 } from './migrations/1764316800000-append-only-record';
import { DepartmentsActive1764324000000 } from './migrations/1764324000000-departments-active';
import { IdempotencyKeys1764327600000 } from './migrations/1764327600000-idempotency-keys';
import { AuditStreams1764331200000 } from './migrations/1764331200000-audit-streams';
import { NoticeNumbers1764334800000 } from './migrations/1764334800000-notice-numbers';
import { CommandLeases1764338400000 } from './migrations/1764338400000-command-leases';
import { Directives1764342000000 } from './migrations/1764342000000-directives';
import { Delegations1764349200000 } from './migrations/1764349200000-delegations';
import { PlanPolicyAndYearEnd1764352800000 } from './migrations/1764352800000-plan-policy-and-year-end';
import { Cockpit1764345600000 } from './migrations/1764345600000-cockpit';
import { PlanLeadText1764360000000 } from './migrations/1764360000000-plan-lead-text';
import { Bulletins1764500000000 } from './migrations/1764500000000-bulletins';
import { Sso1764613600000 } from './migrations/1764613600000-sso';
import { NotificationDelivery1764700000000 } from './migrations/1764700000000-notification-delivery';
import { BulletinEntity, BulletinSeriesEntity } from './entities/bulletin.entity';
import { DepartmentEntity, UserEntity } from './entities/organization.entities';
import { MeasureEntity, PlanChapterEntity, PlanEntity, PlanQuantityEntity, PlanSectionEntity, PlanTargetEntity } from './entities/plan.entities';

export const ENTITIES = [
  MeasureEventEntity,
  MeasureStateEntity,
  AuditLogEntity,
  PlanEntity,
  PlanTargetEntity,
  PlanChapterEntity,
  PlanSectionEntity,
  MeasureEntity,
  PlanQuantityEntity,
  DepartmentEntity,
  UserEntity,
  BulletinEntity,
  BulletinSeriesEntity,
];
export const MIGRATIONS = [MeasureEvents1764288000000, PlansAndOrganization1764291600000, MeasureStateSnapshot1764295200000, OfficialCalendars1764298800000, Findings1764302400000, Notifications1764306000000, EvidenceFiles1764309600000, PeopleAndTrust1764313200000, AppendOnlyRecord1764316800000, SessionsAndSignIn1764320400000, DepartmentsActive1764324000000, IdempotencyKeys1764327600000, AuditStreams1764331200000, NoticeNumbers1764334800000, CommandLeases1764338400000, Directives1764342000000, Cockpit1764345600000, Delegations1764349200000, PlanPolicyAndYearEnd1764352800000, PlanLeadText1764360000000, Bulletins1764500000000, Sso1764613600000, NotificationDelivery1764700000000];

/** The one way to build a DataSource: schema changes only through migrations, never synchronize. */
export function createDataSource(url: string, options: { poolSize?: number } = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: { max: options.poolSize ?? 10, connectionTimeoutMillis: 5_000 },
  });
}

/** Applies pending migrations in order, each in its own transaction; returns their names. */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return applied.map((m) => m.name);
}
