// 站内通知 (every role): the signed-in user's notifications, newest first. Clicking one marks it read
// and opens its measure; 全部已读 marks them all.
import { App, Badge, Button, Card, Space, Switch, Tag, Typography } from 'antd';
import { ResponsiveTable } from '../components/ResponsiveTable';
import { useState, type HTMLAttributes } from 'react';
import { useNavigate } from 'react-router-dom';
import type { EscalationLevel } from '@duban/domain';
import { listNotifications, markAllNotificationsRead, markNotificationRead } from '../api/endpoints';
import type { NotificationView } from '../api/types';
import { RemoteView } from '../components/RemoteView';
import { PreferencesCard } from '../components/delivery/PreferencesCard';
import { beijingDateTime } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { ESCALATION_COLORS, escalationLabel } from '../lib/labels';
import { notificationsChanged } from '../lib/notificationEvents';
import { useRemote } from '../lib/useRemote';
import { useServerPagination } from '../lib/paging';

export function NotificationsPage() {
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const pagination = useServerPagination();
  const [onlyUnread, setOnlyUnread] = useState(false);
  const remote = useRemote(() => listNotifications({ page, pageSize, unread: onlyUnread }), [page, pageSize, onlyUnread], { keepPrevious: true });

  const open = async (item: NotificationView) => {
    try {
      if (!item.readAt) await markNotificationRead(item.id);
      notificationsChanged();
      navigate(`/measures/${item.measureId}`);
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
    }
  };

  const readAll = async () => {
    try {
      const { marked } = await markAllNotificationsRead();
      message.success(t('notifications.readAllDone', { n: marked }));
      notificationsChanged();
      remote.reload();
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('notifications.title')}
      </Typography.Title>
      <Card
        size="small"
        title={remote.data ? t('notifications.unreadCount', { n: remote.data.unread }) : t('notifications.title')}
        extra={
          <Space>
            <Switch
              size="small"
              checked={onlyUnread}
              onChange={(checked) => {
                setOnlyUnread(checked);
                setPage(1);
              }}
            />
            <span>{t('notifications.onlyUnread')}</span>
            <Button onClick={readAll} disabled={!remote.data?.unread}>
              {t('notifications.readAll')}
            </Button>
          </Space>
        }
      >
        <RemoteView remote={remote}>
          {(data) => (
            <ResponsiveTable<NotificationView>
              data-testid="notifications"
              rowKey="id"
              size="middle"
              loading={remote.loading}
              dataSource={data.items}
              locale={{ emptyText: t('notifications.empty') }}
              onRow={(item) => ({ onClick: () => void open(item), style: { cursor: 'pointer' }, 'data-notification': item.id } as HTMLAttributes<HTMLElement>)}
              // On a phone: the text across the card, then read state, level and time on one line.
              card={(item) => (
                <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                  <Typography.Text strong={!item.readAt} data-read={item.readAt ? 'true' : 'false'}>
                    {item.title}
                  </Typography.Text>
                  <Space size={8} wrap style={{ fontSize: 12 }}>
                    {item.readAt ? <Badge status="default" text={t('notifications.read')} /> : <Badge status="processing" text={t('notifications.unread')} />}
                    {item.level && <Tag color={ESCALATION_COLORS[item.level as EscalationLevel]}>{escalationLabel(item.level, language)}</Tag>}
                    <Typography.Text type="secondary">{beijingDateTime(item.createdAt)}</Typography.Text>
                  </Space>
                </Space>
              )}
              pagination={pagination(
                data,
                data.total,
                (next, size) => {
                  setPage(size === pageSize ? next : 1);
                  setPageSize(size);
                },
                true,
              )}
              columns={[
                {
                  key: 'read',
                  width: 90,
                  title: t('common.state'),
                  render: (_, item) =>
                    item.readAt ? <Badge status="default" text={t('notifications.read')} /> : <Badge status="processing" text={t('notifications.unread')} />,
                },
                {
                  key: 'title',
                  title: t('notifications.content'),
                  render: (_, item) => (
                    <Typography.Text strong={!item.readAt} data-read={item.readAt ? 'true' : 'false'}>
                      {item.title}
                    </Typography.Text>
                  ),
                },
                { key: 'measure', width: 130, title: t('measures.measure'), dataIndex: 'measureId' },
                {
                  key: 'level',
                  width: 110,
                  title: t('notifications.level'),
                  render: (_, item) =>
                    item.level ? <Tag color={ESCALATION_COLORS[item.level as EscalationLevel]}>{escalationLabel(item.level, language)}</Tag> : '—',
                },
                { key: 'time', width: 170, title: t('notifications.time'), render: (_, item) => beijingDateTime(item.createdAt) },
              ]}
            />
          )}
        </RemoteView>
      </Card>
      <PreferencesCard />
    </Space>
  );
}
