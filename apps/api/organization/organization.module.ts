import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CockpitRepository } from '@duban/db';
import { LeaderController } from './leader.controller';
import { LeaderService } from './leader.service';
import { OrganizationController } from './organization.controller';
import { OrganizationService } from './organization.service';
import { PeopleController } from './people.controller';
import { PeopleService } from './people.service';

@Module({
  controllers: [OrganizationController, PeopleController, LeaderController],
  providers: [
    OrganizationService,
    PeopleService,
    LeaderService,
    { provide: CockpitRepository, inject: [DataSource], useFactory: (dataSource: DataSource) => new CockpitRepository(dataSource) },
  ],
  exports: [OrganizationService],
})
export class OrganizationModule {}
