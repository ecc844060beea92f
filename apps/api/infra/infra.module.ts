import { Global, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { CalendarRepository, createDataSource, MeasureEventRepository, OrganizationRepository, PlanRepository } from '@duban/db';
import { EvidenceRepository, MeasureRepository, TaskRepository } from '@duban/db';
import { AdminAuditRepository } from '@duban/db';
import { closeClient, connectClient, temporalTlsOptions } from '@duban/temporal';
import { ApiConfig } from './api-config';

/** Connections shared by the feature modules: PostgreSQL (reads) and Temporal (commands). */
@Global()
@Module({
  providers: [
    {
      provide: DataSource,
      inject: [ApiConfig],
      useFactory: async (config: ApiConfig) => {
        const dataSource = createDataSource(config.values.databaseUrl, { poolSize: config.values.pgPoolSize });
        await dataSource.initialize();
        return dataSource;
      },
    },
    {
      provide: Client,
      inject: [ApiConfig],
      useFactory: (config: ApiConfig) =>
        connectClient({ address: config.values.temporalAddress, namespace: config.values.temporalNamespace, ...temporalTlsOptions(config.values) }),
    },
    ...[MeasureEventRepository, OrganizationRepository, PlanRepository, CalendarRepository, MeasureRepository, TaskRepository, EvidenceRepository, AdminAuditRepository].map((repository) => ({
      provide: repository,
      inject: [DataSource],
      useFactory: (dataSource: DataSource) => new repository(dataSource),
    })),
  ],
  exports: [DataSource, Client, MeasureEventRepository, OrganizationRepository, PlanRepository, CalendarRepository, MeasureRepository, TaskRepository, EvidenceRepository, AdminAuditRepository],
})
export class InfraModule implements OnApplicationShutdown {
  constructor(
    private readonly dataSource: DataSource,
    private readonly client: Client,
    private readonly measures: MeasureRepository,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await closeClient(this.client);
    // Commands have been answered by now: their leases go back before the pool closes.
    await this.measures.releaseIdleLeases();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
