import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { Roles, SignedIn } from '../auth/access.decorators';
import { toActor, type AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-actor.decorator';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { findingIdParam, rectificationBody, verificationBody, type RectificationBody, type VerificationBody } from './finding.dto';
import { FindingService } from './finding.service';

const FindingId = () => Param('id', new ZodValidationPipe(findingIdParam));

@Controller('findings')
export class FindingController {
  constructor(private readonly findings: FindingService) {}

  @Post(':id/rectification')
  @Roles(['staff'])
  @HttpCode(200)
  rectify(@FindingId() id: string, @CurrentUser() user: AuthenticatedUser, @Body(new ZodValidationPipe(rectificationBody)) body: RectificationBody) {
    return this.findings.rectify(id, toActor(user), body);
  }

  @Post(':id/verification')
  @Roles(['supervisor'])
  @HttpCode(200)
  verify(@FindingId() id: string, @CurrentUser() user: AuthenticatedUser, @Body(new ZodValidationPipe(verificationBody)) body: VerificationBody) {
    return this.findings.verify(id, toActor(user), body);
  }

  @Get(':id')
  @SignedIn()
  get(@FindingId() id: string, @CurrentUser() user: AuthenticatedUser) {
    return this.findings.get(id, user);
  }
}
