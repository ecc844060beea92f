import { Controller, Get } from '@nestjs/common';
import { SignedIn } from '../auth/access.decorators';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-actor.decorator';
import type { TaskListDto } from './task.dto';
import { TaskService } from './task.service';

@Controller('me')
export class TaskController {
  constructor(private readonly tasks: TaskService) {}

  @Get('tasks')
  @SignedIn()
  tasksOf(@CurrentUser() user: AuthenticatedUser): Promise<TaskListDto> {
    return this.tasks.tasksOf(user);
  }
}
