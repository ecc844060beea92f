// Sign in with 统一身份认证 (single sign-on, when configured) or a username and password; then on
// to the home page of the user's role. Password sign-in may be off (DUBAN_PASSWORD_LOGIN): then
// only the 统一身份认证 button is shown; `admins` keeps the form as an administrators' fallback.
import { Alert, Button, Card, Divider, Form, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { getSsoStatus, ssoStartUrl, type SsoStatus } from '../api/sso';
import { useI18n } from '../lib/i18n';
import { ssoErrorKey } from '../lib/messages-sso';
import { useSession } from '../lib/session';
import { homePathFor } from './homePath';
import { LanguageSwitch } from '../components/LanguageSwitch';

export function LoginPage() {
  const { t } = useI18n();
  const { login } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const ssoError = new URLSearchParams(location.search).get('sso_error');
  const [error, setError] = useState<string>();
  const [sending, setSending] = useState(false);
  const [sso, setSso] = useState<SsoStatus>();

  useEffect(() => {
    getSsoStatus()
      .then(setSso)
      .catch(() => setSso({ enabled: false, label: null, passwordLogin: 'on' }));
  }, []);

  const submit = async (values: { username: string; password: string }) => {
    setSending(true);
    setError(undefined);
    try {
      const user = await login(values.username.trim(), values.password);
      navigate(homePathFor(user.role), { replace: true });
    } catch (reason) {
      setError(reason instanceof Error ? reason.message : String(reason));
    } finally {
      setSending(false);
    }
  };

  // Where the person was going (a deep link opened while signed out) comes back after 统一身份认证.
  const returnTo = location.pathname !== '/' && location.pathname !== '/login' ? location.pathname + location.search : undefined;
  const showPassword = !sso || sso.passwordLogin !== 'off';

  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f0f2f5' }}>
      <Card style={{ width: 380 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline' }}>
          <Typography.Title level={3}>{t('app.name')}</Typography.Title>
          <LanguageSwitch />
        </div>
        <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
        {ssoError && <Alert type="error" showIcon title={t(ssoErrorKey(ssoError))} style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        {sso?.enabled && (
          <Button type="primary" size="large" block href={ssoStartUrl(returnTo)}>
            {sso.label ?? t('sso.button')}
          </Button>
        )}
        {sso?.enabled && showPassword && <Divider plain>{t('sso.or')}</Divider>}
        {sso?.passwordLogin === 'admins' && <Typography.Paragraph type="secondary">{t('sso.adminsOnly')}</Typography.Paragraph>}
        {showPassword && (
          <Form layout="vertical" onFinish={submit} requiredMark={false}>
            <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('login.usernameRequired') }]}>
              <Input autoComplete="username" autoFocus={!sso?.enabled} />
            </Form.Item>
            <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            <Button type={sso?.enabled ? 'default' : 'primary'} htmlType="submit" block loading={sending}>
              {t('login.submit')}
            </Button>
          </Form>
        )}
      </Card>
    </div>
  );
}
