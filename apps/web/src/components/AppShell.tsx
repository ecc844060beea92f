// The frame of every signed-in page: the menu for the user's role, the language switch, the user menu (修改密码, 退出登录).
import { Button, Dropdown, Layout, Menu, Space, Spin, Typography } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import type { Role } from '@duban/domain';
import { useI18n } from '../lib/i18n';
import type { MessageKey } from '../lib/messages';
import { roleLabel } from '../lib/labels';
import { useOfficialCalendar } from '../lib/officialCalendar';
import { useSession, useUser } from '../lib/session';
import { NotificationBell } from './NotificationBell';
import { ActingBanner, ActingSwitch } from './ActingSwitch';
import { LanguageSwitch } from './LanguageSwitch';

const MENU: Array<{ path: string; label: MessageKey; roles: Role[] }> = [
  { path: '/admin', label: 'nav.admin', roles: ['admin'] },
  { path: '/dashboard', label: 'nav.dashboard', roles: ['admin', 'leader', 'department_head', 'staff', 'supervisor'] },
  { path: '/my-tasks', label: 'nav.myTasks', roles: ['staff'] },
  { path: '/review', label: 'nav.review', roles: ['department_head'] },
  { path: '/supervision', label: 'nav.supervision', roles: ['leader', 'supervisor', 'admin'] },
  { path: '/measures', label: 'nav.measures', roles: ['admin', 'leader', 'department_head', 'staff', 'supervisor'] },
  { path: '/plan-settings', label: 'nav.planSettings', roles: ['admin', 'leader', 'department_head', 'supervisor'] },
  { path: '/delegations', label: 'nav.delegation', roles: ['admin', 'department_head', 'staff'] },
];

export function menuFor(role: Role) {
  return MENU.filter((item) => item.roles.includes(role));
}

export function AppShell() {
  const { t, language } = useI18n();
  // While a deputy acts for a head (委托代理) the menu is the head's; the name shown stays their own.
  const user = useUser();
  const { logout, user: signedIn } = useSession();
  const self = signedIn ?? user;
  const navigate = useNavigate();
  const location = useLocation();
  const calendarReady = useOfficialCalendar();
  const selected = menuFor(user.role).find((item) => location.pathname.startsWith(item.path))?.path;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24, paddingInline: 24 }}>
        <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }}>
          {t('app.name')}
        </Typography.Title>
        <Menu
          theme="dark"
          mode="horizontal"
          selectedKeys={selected ? [selected] : []}
          items={menuFor(user.role).map((item) => ({ key: item.path, label: t(item.label) }))}
          onClick={({ key }) => navigate(key)}
          style={{ flex: 1, minWidth: 0 }}
        />
        <Space size="middle">
          <ActingSwitch />
          <NotificationBell />
          <LanguageSwitch />
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                { key: 'password', label: t('password.menu') },
                { key: 'logout', label: t('app.logout') },
              ],
              onClick: ({ key }) => (key === 'password' ? navigate('/password') : void logout()),
            }}
          >
            <Typography.Text style={{ color: '#fff', cursor: 'pointer' }} data-testid="current-user">
              {self.displayName} · {roleLabel(self.role, language)}
            </Typography.Text>
          </Dropdown>
          <Button size="small" onClick={() => void logout()}>
            {t('app.logout')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 24 }}>
        <ActingBanner />
        {calendarReady ? <Outlet /> : <Spin style={{ display: 'block', marginTop: 48 }} />}
      </Layout.Content>
    </Layout>
  );
}
