// 报表导出: the monthly bulletin (督办通报) as XLSX and the ledger (台账) as XLSX or PDF, fetched with the token.
import { App, Button, Card, DatePicker, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { downloadBulletin, downloadLedger } from '../api/endpoints';
import { currentMonth } from '../lib/format';
import { useI18n } from '../lib/i18n';

export function ReportExport({ year }: { year: number }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [month, setMonth] = useState(currentMonth());
  const [busy, setBusy] = useState<'bulletin' | 'ledger' | 'ledgerPdf' | null>(null);

  const run = async (kind: 'bulletin' | 'ledger' | 'ledgerPdf') => {
    setBusy(kind);
    try {
      const name = kind === 'bulletin' ? await downloadBulletin(month, year) : await downloadLedger(year, kind === 'ledgerPdf' ? 'pdf' : 'xlsx');
      void message.success(t('reports.downloaded', { name }));
    } catch (reason) {
      void message.error(reason instanceof Error ? reason.message : String(reason));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Space orientation="vertical" size="middle">
      <Card size="small" title={t('reports.bulletin')}>
        <Space>
          <DatePicker picker="month" format="YYYY-MM" value={dayjs(`${month}-01`)} allowClear={false} onChange={(d) => d && setMonth(d.format('YYYY-MM'))} aria-label={t('reports.month')} />
          <Button type="primary" loading={busy === 'bulletin'} onClick={() => run('bulletin')}>
            {t('reports.downloadBulletin')}
          </Button>
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('reports.bulletinHint', { year })}
        </Typography.Paragraph>
      </Card>
      <Card size="small" title={t('reports.ledger')}>
        <Space wrap>
          <Button type="primary" loading={busy === 'ledger'} onClick={() => run('ledger')}>
            {t('reports.downloadLedger', { year })}
          </Button>
          <Button loading={busy === 'ledgerPdf'} onClick={() => run('ledgerPdf')}>
            {t('reports.downloadLedgerPdf', { year })}
          </Button>
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('reports.ledgerHint')}
        </Typography.Paragraph>
      </Card>
    </Space>
  );
}
