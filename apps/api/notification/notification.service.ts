import { Injectable } from '@nestjs/common';
import { NotificationRepository, type NotificationRow } from '@duban/db';
import { DomainError, ErrorCode } from '../errors/domain-error';
import type { NotificationDto, NotificationListQuery, NotificationPageDto, NotificationsReadDto } from './notification.dto';

/** A person's own notifications: nobody reads or marks anyone else's. */
@Injectable()
export class NotificationService {
  constructor(private readonly notifications: NotificationRepository) {}

  async list(username: string, query: NotificationListQuery): Promise<NotificationPageDto> {
    const { rows, total, unread } = await this.notifications.listFor(username, {
      unreadOnly: query.unread,
      offset: (query.page - 1) * query.pageSize,
      limit: query.pageSize,
    });
    return { items: rows.map(toDto), total, unread, page: query.page, pageSize: query.pageSize };
  }

  async markRead(id: string, username: string): Promise<NotificationDto> {
    const row = await this.notifications.markRead(id, username);
    // Another person's notification is answered exactly like a missing one: no probing.
    if (!row) throw new DomainError(ErrorCode.NotificationNotFound, `通知 ${id} 不存在`);
    return toDto(row);
  }

  async markAllRead(username: string): Promise<NotificationsReadDto> {
    return { marked: await this.notifications.markAllRead(username) };
  }
}

function toDto(row: NotificationRow): NotificationDto {
  return {
    id: row.id,
    eventId: row.eventId,
    measureId: row.measureId,
    findingId: row.findingId,
    kind: row.kind,
    level: row.level,
    title: row.title,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt ? row.readAt.toISOString() : null,
  };
}
