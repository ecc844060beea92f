// Change one's own password: forced (full page, before anything else) after signing in with an
// initial or reset password, or chosen from the user menu. The rule is checked here as the API
// checks it (libs/domain), and the API's plain reason is shown when it refuses.
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { checkPasswordStrength, PASSWORD_RULE_TEXT } from '@duban/domain';
import { changeOwnPassword } from '../api/endpoints';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useI18n } from '../lib/i18n';
import { useSession, useUser } from '../lib/session';
import { homePathFor } from './homePath';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

function ChangePasswordForm({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const user = useUser();
  const { passwordChanged } = useSession();
  const { message } = App.useApp();
  const [error, setError] = useState<string>();
  const [sending, setSending] = useState(false);

  const submit = async (values: Values) => {
    setSending(true);
    setError(undefined);
    try {
      const result = await changeOwnPassword(values.currentPassword, values.newPassword);
      void message.success(result.otherSessionsSignedOut > 0 ? t('password.doneOthers', { n: result.otherSessionsSignedOut }) : t('password.done'));
      passwordChanged(result.user);
      onDone();
    } catch (reason) {
      setError(reason instanceof Error ? reason.message : String(reason));
    } finally {
      setSending(false);
    }
  };

  return (
    <>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="password-error" />}
      <Form<Values> layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('password.currentRequired') }]}>
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          extra={PASSWORD_RULE_TEXT}
          rules={[
            { required: true, message: t('password.newRequired') },
            {
              validator: async (_, value: string | undefined) => {
                if (!value) return;
                const verdict = checkPasswordStrength(value, user.username);
                if (!verdict.ok) throw new Error(verdict.message);
              },
            },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('password.newRequired') },
            ({ getFieldValue }) => ({
              validator: async (_, value: string | undefined) => {
                if (value && value !== getFieldValue('newPassword')) throw new Error(t('password.mismatch'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={sending}>
          {t('password.submit')}
        </Button>
      </Form>
    </>
  );
}

/** Shown instead of every page while the user must change their password. */
export function ForcedPasswordChangePage() {
  const { t } = useI18n();
  const user = useUser();
  const { logout } = useSession();
  const navigate = useNavigate();
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f0f2f5' }}>
      <Card style={{ width: 420 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline' }}>
          <Typography.Title level={3}>{t('password.forcedTitle')}</Typography.Title>
          <LanguageSwitch />
        </div>
        <Typography.Paragraph type="secondary">
          {user.displayName}（{user.username}）：{t('password.forcedHint')}
        </Typography.Paragraph>
        <ChangePasswordForm onDone={() => navigate(homePathFor(user.role), { replace: true })} />
        <Button type="link" block style={{ marginTop: 8 }} onClick={() => void logout()}>
          {t('app.logout')}
        </Button>
      </Card>
    </div>
  );
}

/** The page behind 修改密码 in the user menu. */
export function ChangePasswordPage() {
  const { t } = useI18n();
  const user = useUser();
  const navigate = useNavigate();
  return (
    <Card title={t('password.title')} style={{ maxWidth: 480 }}>
      <ChangePasswordForm onDone={() => navigate(homePathFor(user.role), { replace: true })} />
    </Card>
  );
}
