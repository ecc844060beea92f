import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { YearEndRepository } from '@duban/db';
import { MeasureModule } from '../measure/measure.module';
import { PlanModule } from '../plan/plan.module';
import { YearEndController } from './year-end.controller';
import { YearEndService } from './year-end.service';

@Module({
  imports: [MeasureModule, PlanModule],
  controllers: [YearEndController],
  providers: [YearEndService, { provide: YearEndRepository, inject: [DataSource], useFactory: (dataSource: DataSource) => new YearEndRepository(dataSource) }],
})
export class YearEndModule {}
