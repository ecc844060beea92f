import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DirectiveRepository } from '@duban/db';
import { CalendarModule } from '../calendar/calendar.module';
import { DirectiveController } from './directive.controller';
import { DirectiveService } from './directive.service';

@Module({
  imports: [CalendarModule],
  controllers: [DirectiveController],
  providers: [DirectiveService, { provide: DirectiveRepository, inject: [DataSource], useFactory: (dataSource: DataSource) => new DirectiveRepository(dataSource) }],
  exports: [DirectiveService, DirectiveRepository],
})
export class DirectiveModule {}
