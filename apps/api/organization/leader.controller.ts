import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { Roles, SignedIn } from '../auth/access.decorators';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-actor.decorator';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { leaderDepartmentsBody, type LeaderDepartmentsBody, type LeaderDepartmentsDto } from './leader.dto';
import { LeaderService } from './leader.service';
import { usernameParam } from './people.dto';

/** 分管领导: which departments each bureau leader oversees (set by the admin, audited). */
@Controller('leaders')
export class LeaderController {
  constructor(private readonly leaders: LeaderService) {}

  /** The signed-in user's own 分管 departments (empty unless a leader with some). */
  @Get('me/departments')
  @SignedIn()
  mine(@CurrentUser() user: AuthenticatedUser): Promise<LeaderDepartmentsDto> {
    return this.leaders.mine(user);
  }

  @Get(':username/departments')
  @Roles(['admin'])
  departments(@Param('username', new ZodValidationPipe(usernameParam)) username: string): Promise<LeaderDepartmentsDto> {
    return this.leaders.of(username);
  }

  @Put(':username/departments')
  @Roles(['admin'])
  replace(
    @CurrentUser() actor: AuthenticatedUser,
    @Param('username', new ZodValidationPipe(usernameParam)) username: string,
    @Body(new ZodValidationPipe(leaderDepartmentsBody)) body: LeaderDepartmentsBody,
  ): Promise<LeaderDepartmentsDto> {
    return this.leaders.replace(actor, username, body.departments);
  }
}
