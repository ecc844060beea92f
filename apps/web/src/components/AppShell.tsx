// The frame of every signed-in page: the menu for the user's role, the language switch, the user menu (修改密码, 退出登录).
// On a phone (below `md`) a compact header — the app's name, the bell and ☰ — opens a drawer with all of it.
import { MenuOutlined } from '@ant-design/icons';
import { Button, Divider, Drawer, Dropdown, Layout, Menu, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import type { Role } from '@duban/domain';
import { useI18n } from '../lib/i18n';
import type { MessageKey } from '../lib/messages';
import { roleLabel } from '../lib/labels';
import { useOfficialCalendar } from '../lib/officialCalendar';
import { usePhone } from '../lib/responsive';
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
  const phone = usePhone();
  const [drawer, setDrawer] = useState(false);
  // Any navigation (a menu item, a link on the page, the back button) closes the drawer.
  useEffect(() => setDrawer(false), [location.pathname, location.search]);

  // One tree for both layouts: the page (<Outlet />) keeps its place, so a change of breakpoint (a
  // resize, a rotated phone) never remounts it and loses an open dialog or what was typed.
  return (
    <Layout style={{ minHeight: '100vh' }}>
      {phone ? (
        <Layout.Header data-testid="phone-header" style={{ display: 'flex', alignItems: 'center', gap: 8, paddingInline: 12, height: 52, lineHeight: '52px' }}>
          <Typography.Title level={5} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', flex: 1, minWidth: 0 }}>
            {t('app.name')}
          </Typography.Title>
          <NotificationBell />
          <Button
            type="text"
            icon={<MenuOutlined style={{ color: '#fff', fontSize: 18 }} />}
            aria-label={t('app.menu')}
            aria-expanded={drawer}
            data-testid="menu-button"
            onClick={() => setDrawer(true)}
          />
        </Layout.Header>
      ) : (
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
      )}
      {phone ? (
        <Drawer
          open={drawer}
          onClose={() => setDrawer(false)}
          placement="right"
          size={300}
          title={
            <span data-testid="current-user">
              {self.displayName} · {roleLabel(self.role, language)}
            </span>
          }
          styles={{ body: { padding: 0 } }}
          // Rendered before it first opens: the acting switch inside listens for a refused delegation from the start.
          forceRender
        >
          <nav aria-label={t('app.menu')}>
            <Menu
              mode="inline"
              selectedKeys={selected ? [selected] : []}
              items={menuFor(user.role).map((item) => ({ key: item.path, label: t(item.label) }))}
              onClick={({ key }) => {
                setDrawer(false);
                navigate(key);
              }}
              style={{ borderInlineEnd: 'none' }}
            />
          </nav>
          <Divider style={{ margin: '8px 0' }} />
          <Space orientation="vertical" size="middle" style={{ padding: '8px 24px 24px', width: '100%' }}>
            <ActingSwitch light />
            <LanguageSwitch />
            <Button block onClick={() => navigate('/password')}>
              {t('password.menu')}
            </Button>
            <Button block danger onClick={() => void logout()}>
              {t('app.logout')}
            </Button>
          </Space>
        </Drawer>
      ) : null}
      <Layout.Content style={{ padding: phone ? 12 : 24, minWidth: 0 }}>
        <ActingBanner />
        {calendarReady ? <Outlet /> : <Spin style={{ display: 'block', marginTop: 48 }} />}
      </Layout.Content>
    </Layout>
  );
}
