// Providers (language, Ant Design locale, session, directory) and the hash routes of the web UI.
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { HashRouter, Navigate, Route, Routes } from 'react-router-dom';
import { AppShell } from './components/AppShell';
import { RoleGate } from './components/RoleGate';
import { DirectoryProvider } from './lib/directory';
import { I18nProvider, useI18n } from './lib/i18n';
import { SessionProvider, useSession } from './lib/session';
import { AdminPage } from './pages/AdminPage';
import { DashboardPage } from './pages/DashboardPage';
import { DelegationPage } from './pages/DelegationPage';
import { homePathFor } from './pages/homePath';
import { LoginPage } from './pages/LoginPage';
import { ChangePasswordPage, ForcedPasswordChangePage } from './pages/ChangePasswordPage';
import { MeasureDetailPage } from './pages/MeasureDetailPage';
import { MeasuresPage } from './pages/MeasuresPage';
import { MyTasksPage } from './pages/MyTasksPage';
import { NotificationsPage } from './pages/NotificationsPage';
import { PlanSettingsPage } from './pages/PlanSettingsPage';
import { ReviewPage } from './pages/ReviewPage';
import { SsoPage } from './pages/SsoPage';
import { SupervisionPage } from './pages/SupervisionPage';

function SignedInRoutes() {
  const { user } = useSession();
  if (!user) {
    return (
      <Routes>
        <Route path="/sso/:handoff" element={<SsoPage />} />
        <Route path="*" element={<LoginPage />} />
      </Routes>
    );
  }
  // An initial or reset password: changing it comes before anything else.
  if (user.mustChangePassword) return <ForcedPasswordChangePage />;
  return (
    <DirectoryProvider key={user.username}>
      <Routes>
        <Route element={<AppShell />}>
          <Route path="/" element={<Navigate to={homePathFor(user.role)} replace />} />
          {/* Each page for the roles lib/pageAccess.ts names; anyone else sees 无权访问 (RoleGate). */}
          <Route path="/dashboard" element={<RoleGate page="/dashboard"><DashboardPage /></RoleGate>} />
          <Route path="/measures" element={<RoleGate page="/measures"><MeasuresPage /></RoleGate>} />
          <Route path="/measures/:id" element={<RoleGate page="/measures"><MeasureDetailPage /></RoleGate>} />
          <Route path="/my-tasks" element={<RoleGate page="/my-tasks"><MyTasksPage /></RoleGate>} />
          <Route path="/review" element={<RoleGate page="/review"><ReviewPage /></RoleGate>} />
          <Route path="/supervision" element={<RoleGate page="/supervision"><SupervisionPage /></RoleGate>} />
          <Route path="/notifications" element={<RoleGate page="/notifications"><NotificationsPage /></RoleGate>} />
          <Route path="/plan-settings" element={<RoleGate page="/plan-settings"><PlanSettingsPage /></RoleGate>} />
          <Route path="/delegations" element={<RoleGate page="/delegations"><DelegationPage /></RoleGate>} />
          <Route path="/password" element={<RoleGate page="/password"><ChangePasswordPage /></RoleGate>} />
          <Route path="/admin" element={<RoleGate page="/admin"><AdminPage /></RoleGate>} />
          <Route path="*" element={<Navigate to={homePathFor(user.role)} replace />} />
        </Route>
      </Routes>
    </DirectoryProvider>
  );
}

/** People who ask their system for less motion get no dialog zooms or slides (and automated browsers, asked the same, a steady page). */
const prefersReducedMotion = typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;

function LocalizedApp() {
  const { language } = useI18n();
  dayjs.locale(language === 'zh' ? 'zh-cn' : 'en');
  return (
    <ConfigProvider locale={language === 'zh' ? zhCN : enUS} button={{ autoInsertSpace: false }} theme={{ token: { motion: !prefersReducedMotion } }}>
      <AntApp>
        <SessionProvider>
          <HashRouter>
            <SignedInRoutes />
          </HashRouter>
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <LocalizedApp />
    </I18nProvider>
  );
}
