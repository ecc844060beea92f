// The bell in the header: the signed-in user's unread notifications, re-read on every page change
// and whenever the inbox marks something read.
import { BellOutlined } from '@ant-design/icons';
import { Badge, Button } from 'antd';
import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { listNotifications } from '../api/endpoints';
import { useI18n } from '../lib/i18n';
import { onNotificationsChanged } from '../lib/notificationEvents';

export function NotificationBell() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const [unread, setUnread] = useState(0);
  const [version, setVersion] = useState(0);

  useEffect(() => onNotificationsChanged(() => setVersion((v) => v + 1)), []);
  useEffect(() => {
    let current = true;
    listNotifications({ unread: true, page: 1, pageSize: 1 }).then(
      (page) => current && setUnread(page.total),
      () => undefined, // the badge is a hint: a failed read keeps the last count
    );
    return () => {
      current = false;
    };
  }, [location.pathname, version]);

  return (
    <span data-testid="notification-count" data-unread={unread}>
      <Badge count={unread} size="small" overflowCount={99}>
        <Button
          type="text"
          shape="circle"
          icon={<BellOutlined style={{ color: '#fff', fontSize: 18 }} />}
          aria-label={t('notifications.bell', { n: unread })}
          data-testid="notification-bell"
          onClick={() => navigate('/notifications')}
        />
      </Badge>
    </span>
  );
}
