import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { MeasureController } from './measure.controller';
import { MeasureService } from './measure.service';

@Module({ imports: [CalendarModule], controllers: [MeasureController], providers: [MeasureService], exports: [MeasureService] })
export class MeasureModule {}
