import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { Roles, SignedIn } from '../auth/access.decorators';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-actor.decorator';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { yearParam } from '../plan/plan.dto';
import { policyBody, type PlanPolicyChangeDto, type PlanPolicyDto, type PlanPolicyVersionsDto, type PolicyBody } from './plan-policy.dto';
import { PlanPolicyService } from './plan-policy.service';

const Year = () => Param('year', new ZodValidationPipe(yearParam));

/** 督办规则 of a plan: everyone signed in reads it; its history for those who follow the whole plan; leaders and admins change it. */
@Controller('plans')
export class PlanPolicyController {
  constructor(private readonly policies: PlanPolicyService) {}

  @Get(':year/policy')
  @SignedIn()
  current(@Year() year: number): Promise<PlanPolicyDto> {
    return this.policies.current(year);
  }

  @Get(':year/policy/versions')
  @Roles(['leader', 'admin', 'supervisor'])
  versions(@Year() year: number): Promise<PlanPolicyVersionsDto> {
    return this.policies.versions(year);
  }

  @Put(':year/policy')
  @Roles(['leader', 'admin'])
  change(@Year() year: number, @Body(new ZodValidationPipe(policyBody)) body: PolicyBody, @CurrentUser() user: AuthenticatedUser): Promise<PlanPolicyChangeDto> {
    return this.policies.change(year, body, user);
  }
}
