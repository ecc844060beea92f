import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DelegationRepository } from '@duban/db';
import { DelegationController } from './delegation.controller';
import { DelegationService } from './delegation.service';

@Module({
  controllers: [DelegationController],
  providers: [DelegationService, { provide: DelegationRepository, inject: [DataSource], useFactory: (dataSource: DataSource) => new DelegationRepository(dataSource) }],
})
export class DelegationModule {}
