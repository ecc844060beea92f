// 审计链校验: recomputes the whole hash chain on the server and says whether it is intact.
import { Alert, Button, Card, Typography } from 'antd';
import { useState } from 'react';
import { verifyAuditChain } from '../api/endpoints';
import type { ChainVerification } from '../api/types';
import { useI18n } from '../lib/i18n';

export function AuditChainCheck() {
  const { t } = useI18n();
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<ChainVerification>();
  const [error, setError] = useState<string>();
  const run = async () => {
    setRunning(true);
    setError(undefined);
    setResult(undefined);
    try {
      setResult(await verifyAuditChain());
    } catch (reason) {
      setError(reason instanceof Error ? reason.message : String(reason));
    } finally {
      setRunning(false);
    }
  };
  return (
    <Card size="small" title={t('chain.title')} data-testid="audit-chain">
      <Typography.Paragraph type="secondary">{t('chain.hint')}</Typography.Paragraph>
      <Button type="primary" loading={running} onClick={run}>
        {t('chain.run')}
      </Button>
      {error && <Alert style={{ marginTop: 12 }} type="error" showIcon title={error} />}
      {result &&
        (result.ok ? (
          <Alert
            style={{ marginTop: 12 }}
            type="success"
            showIcon
            data-chain="ok"
            title={t('chain.ok', { rows: result.rows })}
            description={result.lastId ? t('chain.anchor', { id: result.lastId, hash: result.lastHash ?? '' }) : undefined}
          />
        ) : (
          <Alert style={{ marginTop: 12 }} type="error" showIcon data-chain="broken" title={t('chain.broken', { id: result.firstBrokenId ?? '?', reason: result.reason ?? '' })} />
        ))}
    </Card>
  );
}
