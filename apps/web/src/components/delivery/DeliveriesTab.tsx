// 投递记录 (admin): per channel what waits (and since when), what failed, 暂停原因; the log of every
// pushed message, newest first, filtered by state, channel and measure; 重发 of a failed message.
import { Alert, App, Button, Card, Input, Select, Space, Tag, Typography } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { deliverySummary, listChannels, listDeliveries, retryDelivery, type Delivery, type LaneSummary } from '../../api/delivery';
import { beijingDateTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import type { MessageKey } from '../../lib/messages';
import { useServerPagination } from '../../lib/paging';
import { useRemote } from '../../lib/useRemote';
import { RemoteView } from '../RemoteView';
import { ResponsiveTable } from '../ResponsiveTable';
import { HealthText } from './ChannelsTab';

const STATUS_COLORS: Record<Delivery['status'], string> = { pending: 'gold', sending: 'blue', sent: 'green', failed: 'red' };

function useAge() {
  const { t } = useI18n();
  return (seconds: number | null) => {
    if (seconds === null) return '—';
    const minutes = Math.floor(seconds / 60);
    if (minutes < 60) return t('delivery.age.minutes', { n: minutes });
    if (minutes < 48 * 60) return t('delivery.age.hours', { n: Math.floor(minutes / 60) });
    return t('delivery.age.days', { n: Math.floor(minutes / 1440) });
  };
}

function SummaryCard({ version }: { version: number }) {
  const { t } = useI18n();
  const age = useAge();
  const remote = useRemote(deliverySummary, [version]);
  const state = (l: LaneSummary) =>
    l.health.pausedReason ? <HealthText health={l.health} /> : l.enabled ? <Tag color="green">{t('delivery.running')}</Tag> : <Tag>{t('delivery.disabled')}</Tag>;
  return (
    <Card size="small" title={t('delivery.summary')} extra={<Button size="small" onClick={remote.reload}>{t('delivery.refresh')}</Button>}>
      <RemoteView remote={remote}>
        {(summary) => (
          <ResponsiveTable<LaneSummary>
            data-testid="delivery-summary"
            rowKey="lane"
            size="small"
            pagination={false}
            dataSource={summary.lanes}
            locale={{ emptyText: t('delivery.none') }}
            onRow={(l) => ({ 'data-lane': l.lane }) as HTMLAttributes<HTMLElement>}
            columns={[
              { key: 'name', title: t('delivery.channel'), render: (_, l) => <Typography.Text strong>{l.name}</Typography.Text> },
              { key: 'state', title: t('delivery.state'), render: (_, l) => state(l) },
              { key: 'pending', title: t('delivery.pending'), render: (_, l) => <span data-count="pending">{t('delivery.pendingDue', { pending: l.pending + l.sending, due: l.due })}</span> },
              { key: 'oldest', title: t('delivery.oldest'), render: (_, l) => age(l.oldestPendingSeconds) },
              { key: 'failed', title: t('delivery.failed'), render: (_, l) => <Typography.Text type={l.failed ? 'danger' : undefined} data-count="failed">{l.failed}</Typography.Text> },
              { key: 'sent', title: t('delivery.sentLastDay'), dataIndex: 'sentLastDay' },
            ]}
          />
        )}
      </RemoteView>
    </Card>
  );
}

export function DeliveriesTab() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const pagination = useServerPagination();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [status, setStatus] = useState<Delivery['status']>();
  const [lane, setLane] = useState<string>();
  const [measureId, setMeasureId] = useState('');
  const [version, setVersion] = useState(0);
  const [retrying, setRetrying] = useState<string>();
  const channels = useRemote(listChannels, []);
  const remote = useRemote(
    () => listDeliveries({ status, lane, measureId: measureId.trim() || undefined, offset: (page - 1) * pageSize, limit: pageSize }),
    [status, lane, measureId, page, pageSize, version],
    { keepPrevious: true },
  );

  const retry = async (row: Delivery) => {
    setRetrying(row.id);
    try {
      await retryDelivery(row.id);
      void message.success(t('delivery.retried'));
      setVersion((v) => v + 1);
    } catch (reason) {
      void message.error(reason instanceof Error ? reason.message : String(reason));
    } finally {
      setRetrying(undefined);
    }
  };

  const statusTag = (d: Delivery) => (
    <Space size={4} wrap>
      <Tag color={STATUS_COLORS[d.status]} data-status={d.status}>
        {t(`delivery.status.${d.status}` as MessageKey)}
        {d.failureClass ? ` · ${t(`delivery.failure.${d.failureClass}` as MessageKey)}` : ''}
      </Tag>
      {d.origin !== 'event' && <Tag>{t(`delivery.origin.${d.origin}` as MessageKey)}</Tag>}
      {d.urgent && <Tag color="volcano">{t('delivery.urgent')}</Tag>}
      {d.resent && <Tag color="purple">{t('delivery.resent')}</Tag>}
    </Space>
  );
  const recipient = (d: Delivery) => (d.recipient ? `${d.recipientName ?? d.recipient}${d.address ? ` · ${d.address}` : ''}` : d.address ?? t('delivery.group'));
  const detail = (d: Delivery) => (
    <Space orientation="vertical" size={0} style={{ fontSize: 12 }}>
      {d.attempts > 0 && <Typography.Text type="secondary">{t('delivery.attempts', { n: d.attempts })}</Typography.Text>}
      {d.status === 'pending' && Date.parse(d.notBefore) > Date.now() && <Typography.Text type="secondary">{t('delivery.waitUntil', { at: beijingDateTime(d.notBefore) })}</Typography.Text>}
      {d.lastError && (
        <Typography.Text type={d.status === 'failed' ? 'danger' : 'warning'} style={{ wordBreak: 'break-all' }}>
          {d.lastError}
        </Typography.Text>
      )}
    </Space>
  );
  const retryButton = (d: Delivery) =>
    d.status === 'failed' && d.origin !== 'test' ? (
      <Button size="small" loading={retrying === d.id} onClick={() => void retry(d)} data-testid="delivery-retry">
        {t('delivery.retry')}
      </Button>
    ) : null;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <SummaryCard version={version} />
      <Card size="small" title={t('delivery.log')}>
        {channels.error && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="channels-error"
            title={t('delivery.channelsFailed', { error: channels.error })}
            action={<Button size="small" onClick={channels.reload}>{t('common.retry')}</Button>}
          />
        )}
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            allowClear
            aria-label={t('delivery.filter.status')}
            placeholder={t('delivery.filter.status')}
            style={{ width: 140 }}
            value={status}
            onChange={(v?: Delivery['status']) => (setStatus(v), setPage(1))}
            options={(['pending', 'sending', 'sent', 'failed'] as const).map((s) => ({ value: s, label: t(`delivery.status.${s}`) }))}
          />
          <Select
            allowClear
            aria-label={t('delivery.filter.lane')}
            placeholder={t('delivery.filter.lane')}
            style={{ width: 180 }}
            value={lane}
            onChange={(v?: string) => (setLane(v), setPage(1))}
            options={(channels.data?.channels ?? []).map((c) => ({ value: c.id, label: c.name }))}
          />
          <Input.Search
            allowClear
            aria-label={t('delivery.filter.measure')}
            placeholder={t('delivery.filter.measure')}
            style={{ width: 180 }}
            onSearch={(v) => (setMeasureId(v), setPage(1))}
          />
        </Space>
        <RemoteView remote={remote}>
          {(data) => (
            <ResponsiveTable<Delivery>
              data-testid="deliveries"
              rowKey="id"
              size="small"
              loading={remote.loading}
              dataSource={data.items}
              locale={{ emptyText: t('delivery.logEmpty') }}
              onRow={(d) => ({ 'data-delivery': d.id, 'data-status': d.status }) as HTMLAttributes<HTMLElement>}
              pagination={pagination({ page, pageSize }, data.total, (next, size) => {
                setPage(size === pageSize ? next : 1);
                setPageSize(size);
              }, true)}
              card={(d) => (
                <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                  <Typography.Text strong>{d.subject}</Typography.Text>
                  {statusTag(d)}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {beijingDateTime(d.createdAt)} · {d.channelName ?? d.lane} · {recipient(d)}
                  </Typography.Text>
                  {detail(d)}
                  {retryButton(d)}
                </Space>
              )}
              columns={[
                { key: 'time', title: t('delivery.time'), width: 140, render: (_, d) => beijingDateTime(d.createdAt) },
                { key: 'channel', title: t('delivery.channel'), render: (_, d) => d.channelName ?? d.lane },
                { key: 'recipient', title: t('delivery.recipient'), render: (_, d) => recipient(d) },
                { key: 'subject', title: t('delivery.subject'), render: (_, d) => <Typography.Text ellipsis={{ tooltip: d.subject }} style={{ maxWidth: 320 }}>{d.subject}</Typography.Text> },
                { key: 'status', title: t('delivery.state'), render: (_, d) => statusTag(d) },
                { key: 'detail', title: t('delivery.error'), render: (_, d) => detail(d) },
                { key: 'actions', title: t('delivery.actions'), width: 80, render: (_, d) => retryButton(d) },
              ]}
            />
          )}
        </RemoteView>
      </Card>
    </Space>
  );
}
