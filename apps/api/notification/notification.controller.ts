import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { SignedIn } from '../auth/access.decorators';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-actor.decorator';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import {
  notificationIdParam,
  notificationListQuery,
  type NotificationDto,
  type NotificationListQuery,
  type NotificationPageDto,
  type NotificationsReadDto,
} from './notification.dto';
import { NotificationService } from './notification.service';

/** The signed-in person's own notifications (站内通知). */
@Controller('notifications')
export class NotificationController {
  constructor(private readonly notifications: NotificationService) {}

  @Get()
  @SignedIn()
  list(@CurrentUser() user: AuthenticatedUser, @Query(new ZodValidationPipe(notificationListQuery)) query: NotificationListQuery): Promise<NotificationPageDto> {
    return this.notifications.list(user.username, query);
  }

  @Post('read-all')
  @SignedIn()
  @HttpCode(200)
  readAll(@CurrentUser() user: AuthenticatedUser): Promise<NotificationsReadDto> {
    return this.notifications.markAllRead(user.username);
  }

  @Post(':id/read')
  @SignedIn()
  @HttpCode(200)
  read(@Param('id', new ZodValidationPipe(notificationIdParam)) id: string, @CurrentUser() user: AuthenticatedUser): Promise<NotificationDto> {
    return this.notifications.markRead(id, user.username);
  }
}
