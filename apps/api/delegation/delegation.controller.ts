import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { Roles, SignedIn } from '../auth/access.decorators';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-actor.decorator';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { createDelegationBody, delegationIdParam, type CreateDelegationBody, type DelegationDto } from './delegation.dto';
import { DelegationService } from './delegation.service';

/**
 * 委托代理: a department head names a deputy for a period (an admin may for a head); the deputy
 * then acts for the head by sending `X-Acting-For: <head>` (checked by the AuthGuard).
 */
@Controller('delegations')
export class DelegationController {
  constructor(private readonly delegations: DelegationService) {}

  /** Mine, as head or deputy; an admin sees all. */
  @Get()
  @SignedIn()
  list(@CurrentUser() user: AuthenticatedUser): Promise<DelegationDto[]> {
    return this.delegations.list(user);
  }

  @Post()
  @Roles(['department_head', 'admin'])
  @HttpCode(201)
  create(@CurrentUser() user: AuthenticatedUser, @Body(new ZodValidationPipe(createDelegationBody)) body: CreateDelegationBody): Promise<DelegationDto> {
    return this.delegations.create(user, body);
  }

  @Post(':id/revoke')
  @Roles(['department_head', 'admin'])
  @HttpCode(200)
  revoke(@CurrentUser() user: AuthenticatedUser, @Param('id', new ZodValidationPipe(delegationIdParam)) id: string): Promise<DelegationDto> {
    return this.delegations.revoke(user, id);
  }
}
