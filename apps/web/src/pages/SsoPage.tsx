// #/sso/:handoff — where 统一身份认证 sends the browser back: the one-time handoff is exchanged for
// the session's tokens (once: a reload or a copied link shows the sign-in page again), then on to
// where the person was going, or the home page of their role.
import { Alert, Button, Card, Spin, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { exchangeSsoHandoff } from '../api/sso';
import { useI18n } from '../lib/i18n';
import { useSession } from '../lib/session';
import { homePathFor } from './homePath';

export function SsoPage() {
  const { t } = useI18n();
  const { handoff } = useParams();
  const { adopt } = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<string>();
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void (async () => {
      try {
        const response = await exchangeSsoHandoff(handoff ?? '');
        const user = adopt(response);
        navigate(response.returnTo ?? homePathFor(user.role), { replace: true });
      } catch (reason) {
        setError(reason instanceof Error ? reason.message : String(reason));
      }
    })();
  }, [handoff, adopt, navigate]);

  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f0f2f5' }}>
      <Card style={{ width: 380 }}>
        <Typography.Title level={3}>{t('app.name')}</Typography.Title>
        {error ? (
          <>
            <Alert type="error" showIcon title={t('sso.failed')} description={error} style={{ marginBottom: 16 }} />
            <Button type="primary" block onClick={() => navigate('/login', { replace: true })}>
              {t('sso.backToLogin')}
            </Button>
          </>
        ) : (
          <div style={{ textAlign: 'center', padding: 24 }}>
            <Spin />
            <Typography.Paragraph style={{ marginTop: 16 }}>{t('sso.signingIn')}</Typography.Paragraph>
          </div>
        )}
      </Card>
    </div>
  );
}
