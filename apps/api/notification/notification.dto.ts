import { z } from 'zod';
import { page, pageSize } from '../common/paging';

export const notificationListQuery = z.object({
  unread: z
    .enum(['true', 'false'], { error: 'unread 应为 true 或 false' })
    .optional()
    .transform((v) => v === 'true'),
  page,
  pageSize,
});
export type NotificationListQuery = z.infer<typeof notificationListQuery>;

export const notificationIdParam = z.string().regex(/^[1-9]\d{0,17}$/, '通知编号应为正整数');

export interface NotificationDto {
  id: string;
  eventId: string;
  measureId: string;
  findingId: string | null;
  /** 'assigned', 'submitted', 'returned', 'approved', 'extensionRequested', 'extensionDecided', 'inspection', 'rectificationSubmitted', 'rectificationVerified' or 'escalation'. */
  kind: string;
  /** The escalation level (warning, urging, supervision, accountability) of an escalation. */
  level: string | null;
  title: string;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPageDto {
  items: NotificationDto[];
  /** Matching the query (all, or only the unread ones). */
  total: number;
  /** The caller's unread notifications, whatever the query (the badge). */
  unread: number;
  page: number;
  pageSize: number;
}

export interface NotificationsReadDto {
  /** How many were unread and are now read. */
  marked: number;
}
