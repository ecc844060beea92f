import { Body, Controller, Get, Header, HttpCode, Param, Post, StreamableFile } from '@nestjs/common';
import type { z } from 'zod';
import { DIRECTIVE_COMMAND_ROLES as C, DIRECTIVE_ISSUE_ROLES as I, type Role } from '@duban/domain';
import { Roles, SignedIn } from '../auth/access.decorators';
import { toActor, type AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-actor.decorator';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { pdfFile } from '../documents/pdf-file';
import { measureIdParam } from '../measure/measure.dto';
import {
  accountabilityBody,
  directiveCloseBody,
  directiveNumberParam,
  directiveResponseBody,
  instructionBody,
  noticeBody,
  urgingBody,
  type AccountabilityBody,
  type DirectiveCloseBody,
  type DirectiveResponseBody,
  type InstructionBody,
  type NoticeBody,
  type UrgingBody,
} from './directive.dto';
import { DirectiveService } from './directive.service';

const MeasureId = () => Param('id', new ZodValidationPipe(measureIdParam));
const N = () => Param('n', new ZodValidationPipe(directiveNumberParam));
const Valid = (schema: z.ZodType) => Body(new ZodValidationPipe(schema));
const roles = (list: readonly Role[] | undefined): Role[] => [...(list ?? [])];

/** 批示, 催办, 督办单, 问责结果 of a measure. Route roles come from the domain's tables. */
@Controller('measures')
export class DirectiveController {
  constructor(private readonly directives: DirectiveService) {}

  @Get(':id/directives')
  @SignedIn()
  list(@MeasureId() id: string, @CurrentUser() user: AuthenticatedUser) {
    return this.directives.list(id, user);
  }

  @Post(':id/instructions')
  @Roles(roles(I.instruction))
  @HttpCode(200)
  instruct(@MeasureId() id: string, @CurrentUser() user: AuthenticatedUser, @Valid(instructionBody) body: InstructionBody) {
    return this.directives.issue(id, 'instruction', toActor(user), body);
  }

  @Post(':id/instructions/:n/acknowledge')
  @Roles(roles(C.instruction.acknowledge))
  @HttpCode(200)
  acknowledgeInstruction(@MeasureId() id: string, @N() n: number, @CurrentUser() user: AuthenticatedUser) {
    return this.directives.command(id, 'instruction', n, 'acknowledge', toActor(user), {});
  }

  @Post(':id/instructions/:n/responses')
  @Roles(roles(C.instruction.respond))
  @HttpCode(200)
  answerInstruction(@MeasureId() id: string, @N() n: number, @CurrentUser() user: AuthenticatedUser, @Valid(directiveResponseBody) body: DirectiveResponseBody) {
    return this.directives.command(id, 'instruction', n, 'respond', toActor(user), body);
  }

  @Post(':id/instructions/:n/close')
  @Roles(roles(C.instruction.close))
  @HttpCode(200)
  closeInstruction(@MeasureId() id: string, @N() n: number, @CurrentUser() user: AuthenticatedUser, @Valid(directiveCloseBody) body: DirectiveCloseBody) {
    return this.directives.command(id, 'instruction', n, 'close', toActor(user), body);
  }

  @Post(':id/urgings')
  @Roles(roles(I.urging))
  @HttpCode(200)
  urge(@MeasureId() id: string, @CurrentUser() user: AuthenticatedUser, @Valid(urgingBody) body: UrgingBody) {
    return this.directives.issue(id, 'urging', toActor(user), { text: body.note });
  }

  @Post(':id/urgings/:n/responses')
  @Roles(roles(C.urging.respond))
  @HttpCode(200)
  answerUrging(@MeasureId() id: string, @N() n: number, @CurrentUser() user: AuthenticatedUser, @Valid(directiveResponseBody) body: DirectiveResponseBody) {
    return this.directives.command(id, 'urging', n, 'respond', toActor(user), body);
  }

  @Post(':id/supervision-notices')
  @Roles(roles(I.notice))
  @HttpCode(200)
  issueNotice(@MeasureId() id: string, @CurrentUser() user: AuthenticatedUser, @Valid(noticeBody) body: NoticeBody) {
    return this.directives.issue(id, 'notice', toActor(user), body);
  }

  /** The 督办单 as its printable A4 督办通知单 (PDF, shown in the browser). */
  @Get(':id/supervision-notices/:n/document')
  @SignedIn()
  @Header('Cache-Control', 'no-store')
  async noticeDocument(@MeasureId() id: string, @N() n: number, @CurrentUser() user: AuthenticatedUser): Promise<StreamableFile> {
    return pdfFile(await this.directives.document(id, 'notice', n, user));
  }

  @Post(':id/supervision-notices/:n/sign')
  @Roles(roles(C.notice.acknowledge))
  @HttpCode(200)
  signNotice(@MeasureId() id: string, @N() n: number, @CurrentUser() user: AuthenticatedUser) {
    return this.directives.command(id, 'notice', n, 'acknowledge', toActor(user), {});
  }

  @Post(':id/supervision-notices/:n/responses')
  @Roles(roles(C.notice.respond))
  @HttpCode(200)
  answerNotice(@MeasureId() id: string, @N() n: number, @CurrentUser() user: AuthenticatedUser, @Valid(directiveResponseBody) body: DirectiveResponseBody) {
    return this.directives.command(id, 'notice', n, 'respond', toActor(user), body);
  }

  @Post(':id/accountability')
  @Roles(roles(I.outcome))
  @HttpCode(200)
  recordOutcome(@MeasureId() id: string, @CurrentUser() user: AuthenticatedUser, @Valid(accountabilityBody) body: AccountabilityBody) {
    return this.directives.issue(id, 'outcome', toActor(user), { text: body.note, outcomeKind: body.kind });
  }

  /** The 问责结果 as its printable A4 问责记录 (PDF). */
  @Get(':id/accountability/:n/document')
  @SignedIn()
  @Header('Cache-Control', 'no-store')
  async outcomeDocument(@MeasureId() id: string, @N() n: number, @CurrentUser() user: AuthenticatedUser): Promise<StreamableFile> {
    return pdfFile(await this.directives.document(id, 'outcome', n, user));
  }
}
