import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { DirectiveModule } from '../directive/directive.module';
import { TaskController } from './task.controller';
import { TaskService } from './task.service';

@Module({ imports: [CalendarModule, DirectiveModule], controllers: [TaskController], providers: [TaskService] })
export class TaskModule {}
