import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { PlanController } from './plan.controller';
import { PlanService } from './plan.service';
import { PlanPreviewService } from './plan-preview.service';

@Module({ imports: [CalendarModule], controllers: [PlanController], providers: [PlanService, PlanPreviewService], exports: [PlanService] })
export class PlanModule {}
