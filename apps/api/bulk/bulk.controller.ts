import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { rolesFor } from '@duban/domain';
import { Roles } from '../auth/access.decorators';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-actor.decorator';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { bulkAssignBody, bulkReassignBody, type BulkAssignBody, type BulkReassignBody, type BulkResultDto } from './bulk.dto';
import { BulkService } from './bulk.service';

/**
 * 批量交办 / 批量改派. The roles are the single command's (rolesFor); each measure is then decided
 * as its own command. Registered before the measure routes (AppModule), so `bulk` is never taken
 * for a measure id by `POST /measures/:id/assign`.
 */
@Controller('measures/bulk')
export class BulkController {
  constructor(private readonly bulk: BulkService) {}

  @Post('assign')
  @Roles(rolesFor('assign'))
  @HttpCode(200)
  assign(@CurrentUser() user: AuthenticatedUser, @Body(new ZodValidationPipe(bulkAssignBody)) body: BulkAssignBody): Promise<BulkResultDto> {
    return this.bulk.assign(user, body);
  }

  @Post('reassign')
  @Roles(rolesFor('reassign'))
  @HttpCode(200)
  reassign(@CurrentUser() user: AuthenticatedUser, @Body(new ZodValidationPipe(bulkReassignBody)) body: BulkReassignBody): Promise<BulkResultDto> {
    return this.bulk.reassign(user, body);
  }
}
