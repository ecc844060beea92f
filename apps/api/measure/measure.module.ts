import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { MeasureController } from './measure.controller';
import { MeasureService } from './measure.service';
import { ListExportService } from '../export/list-export';

@Module({ imports: [CalendarModule], controllers: [MeasureController], providers: [MeasureService, ListExportService], exports: [MeasureService] })
export class MeasureModule {}
