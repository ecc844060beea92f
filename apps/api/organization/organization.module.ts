import { Module } from '@nestjs/common';
import { OrganizationController } from './organization.controller';
import { OrganizationService } from './organization.service';
import { PeopleController } from './people.controller';
import { PeopleService } from './people.service';

@Module({ controllers: [OrganizationController, PeopleController], providers: [OrganizationService, PeopleService], exports: [OrganizationService] })
export class OrganizationModule {}
