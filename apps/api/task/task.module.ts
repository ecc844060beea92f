import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { TaskController } from './task.controller';
import { TaskService } from './task.service';

@Module({ imports: [CalendarModule], controllers: [TaskController], providers: [TaskService] })
export class TaskModule {}
