// 消息渠道 (admin): the channels with their state, masked secrets and health; add/edit (ChannelDialog),
// the enable switch, 发送测试 with its outcome; and the bureau's 推送设置 (免打扰时段, SMS, digest).
import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Switch, Tag, Typography } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { clockMinutes, quietHoursProblem, QUIET_HOURS_MESSAGES } from '@duban/domain';
import { getDeliverySettings, listChannels, saveDeliverySettings, setChannelEnabled, testChannel, type Channel, type ChannelTestResult, type DeliverySettings } from '../../api/delivery';
import { beijingDateTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import type { MessageKey } from '../../lib/messages';
import { useRemote } from '../../lib/useRemote';
import { RemoteView } from '../RemoteView';
import { ResponsiveTable } from '../ResponsiveTable';
import { ChannelDialog, kindLabelKey } from './ChannelDialog';

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function SecretTags({ channel }: { channel: Channel }) {
  const { t } = useI18n();
  return (
    <Space size={4} wrap>
      {Object.entries(channel.secrets).map(([field, state]) => (
        <Tag key={field} color={state.set ? 'green' : 'default'} data-secret={field}>
          {t(`delivery.secret.${field}` as MessageKey)}：{state.set ? t('delivery.secret.set', { hint: state.hint }) : t('delivery.secret.unset')}
        </Tag>
      ))}
    </Space>
  );
}

export function HealthText({ health }: { health: Channel['health'] }) {
  const { t } = useI18n();
  if (health.pausedReason)
    return (
      <Space orientation="vertical" size={0}>
        <Tag color="red">{t('delivery.paused')}</Tag>
        <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="paused-reason">
          {t('delivery.pausedReason')}：{health.pausedReason}
        </Typography.Text>
      </Space>
    );
  return (
    <Space orientation="vertical" size={0} style={{ fontSize: 12 }}>
      {health.lastOkAt ? <Typography.Text type="success">{t('delivery.lastOk', { at: beijingDateTime(health.lastOkAt) })}</Typography.Text> : <Typography.Text type="secondary">{t('delivery.healthUnknown')}</Typography.Text>}
      {health.lastError && (
        <Typography.Text type="warning" ellipsis={{ tooltip: health.lastError }} style={{ maxWidth: 260 }}>
          {t('delivery.lastError')}：{health.lastError}
        </Typography.Text>
      )}
    </Space>
  );
}

function TestDialog({ channel, onClose }: { channel: Channel; onClose(): void }) {
  const { t } = useI18n();
  const [to, setTo] = useState('');
  const [sending, setSending] = useState(false);
  const [result, setResult] = useState<ChannelTestResult>();
  const [error, setError] = useState<string>();
  const person = channel.kind === 'email' || channel.kind === 'sms';
  const send = async () => {
    setSending(true);
    setError(undefined);
    setResult(undefined);
    try {
      setResult(await testChannel(channel.id, to.trim() || undefined));
    } catch (reason) {
      setError(errorText(reason));
    } finally {
      setSending(false);
    }
  };
  return (
    <Modal
      open
      title={t('delivery.testTitle', { name: channel.name })}
      okText={t('delivery.testSend')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: sending, 'data-testid': 'channel-test-send' }}
      onOk={() => void send()}
      onCancel={onClose}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        {person ? (
          <Form layout="vertical">
            <Form.Item label={channel.kind === 'email' ? t('delivery.testTo.email') : t('delivery.testTo.sms')} extra={t('delivery.testToHint')}>
              <Input aria-label={channel.kind === 'email' ? t('delivery.testTo.email') : t('delivery.testTo.sms')} data-testid="channel-test-to" value={to} onChange={(e) => setTo(e.target.value)} inputMode={channel.kind === 'sms' ? 'tel' : 'email'} />
            </Form.Item>
          </Form>
        ) : (
          <Typography.Text type="secondary">{t('delivery.testRobotHint')}</Typography.Text>
        )}
        {error && <Alert type="error" showIcon title={error} data-testid="channel-test-result" data-outcome="error" />}
        {result && (
          <Alert
            type={result.ok ? 'success' : 'error'}
            showIcon
            data-testid="channel-test-result"
            data-outcome={result.outcome}
            title={result.ok ? t('delivery.testOk') : t('delivery.testFailed', { outcome: t(`delivery.outcome.${result.outcome}` as MessageKey) })}
            description={<Typography.Text style={{ wordBreak: 'break-all' }}>{result.detail}</Typography.Text>}
          />
        )}
      </Space>
    </Modal>
  );
}

/** 免打扰 times: the domain's rules (clockMinutes, quietHoursProblem) and words, checked as typed. */
const clockRule = {
  validator: (_: unknown, value: unknown) =>
    clockMinutes(typeof value === 'string' ? value.trim() : value) === undefined ? Promise.reject(new Error(QUIET_HOURS_MESSAGES.format)) : Promise.resolve(),
};
const quietRule = ({ getFieldValue }: { getFieldValue(name: string): unknown }) => ({
  validator: (_: unknown, value: unknown) => {
    const trim = (v: unknown) => (typeof v === 'string' ? v.trim() : v);
    const problem = quietHoursProblem({ start: trim(getFieldValue('quietStart')), end: trim(value) });
    return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
  },
});

function SettingsCard() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const remote = useRemote(getDeliverySettings, []);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();
  const save = async (values: Pick<DeliverySettings, 'quietStart' | 'quietEnd' | 'smsPolicy' | 'digestEnabled'>) => {
    setSaving(true);
    setError(undefined);
    try {
      await saveDeliverySettings({ ...values, quietStart: values.quietStart.trim(), quietEnd: values.quietEnd.trim() });
      void message.success(t('delivery.saved'));
      remote.reload();
    } catch (reason) {
      setError(errorText(reason));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card size="small" title={t('delivery.settings')} data-testid="delivery-settings">
      <Typography.Paragraph type="secondary">{t('delivery.settingsHint')}</Typography.Paragraph>
      <RemoteView remote={remote}>
        {(settings) => (
          <Form layout="vertical" initialValues={settings} onFinish={(v) => void save(v)}>
            <Space wrap align="start">
              <Form.Item name="quietStart" label={t('delivery.quietStart')} rules={[clockRule]}>
                <Input aria-label={t('delivery.quietStart')} placeholder="22:00" style={{ width: 110 }} />
              </Form.Item>
              <Form.Item name="quietEnd" label={t('delivery.quietEnd')} dependencies={['quietStart']} rules={[clockRule, quietRule]}>
                <Input aria-label={t('delivery.quietEnd')} placeholder="07:30" style={{ width: 110 }} />
              </Form.Item>
              <Form.Item name="smsPolicy" label={t('delivery.smsPolicy')}>
                <Select
                  aria-label={t('delivery.smsPolicy')}
                  style={{ width: 220 }}
                  options={(['urgent', 'all', 'off'] as const).map((p) => ({ value: p, label: t(`delivery.smsPolicy.${p}`) }))}
                />
              </Form.Item>
              <Form.Item name="digestEnabled" label={t('delivery.digestEnabled')} valuePropName="checked">
                <Switch aria-label={t('delivery.digestEnabled')} />
              </Form.Item>
            </Space>
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
            <Button type="primary" htmlType="submit" loading={saving}>
              {t('delivery.save')}
            </Button>
          </Form>
        )}
      </RemoteView>
    </Card>
  );
}

export function ChannelsTab() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const remote = useRemote(listChannels, []);
  const [editing, setEditing] = useState<Channel | 'new'>();
  const [testing, setTesting] = useState<Channel>();
  const [switching, setSwitching] = useState<string>();

  const toggle = async (channel: Channel, enabled: boolean) => {
    setSwitching(channel.id);
    try {
      await setChannelEnabled(channel.id, enabled);
      void message.success(t(enabled ? 'delivery.enabledOn' : 'delivery.enabledOff', { name: channel.name }));
      remote.reload();
    } catch (reason) {
      void message.error(errorText(reason));
    } finally {
      setSwitching(undefined);
    }
  };
  const kindTag = (c: Channel) => <Tag>{t(kindLabelKey(c.kind))}</Tag>;
  const audience = (c: Channel) => (
    <Space size={4} wrap>
      <span>{c.audienceLabel}</span>
      {c.mode === 'digest' && <Tag color="blue">{t('delivery.mode.digestShort')}</Tag>}
    </Space>
  );
  const enabledSwitch = (c: Channel) => (
    <Switch
      checked={c.enabled}
      loading={switching === c.id}
      onChange={(on) => void toggle(c, on)}
      aria-label={`${t('delivery.enabled')} ${c.name}`}
      data-testid="channel-enabled"
      checkedChildren={t('delivery.enabled')}
    />
  );
  const actions = (c: Channel) => (
    <Space size={4} wrap>
      <Button size="small" onClick={() => setEditing(c)} data-testid="channel-edit">
        {t('delivery.edit')}
      </Button>
      <Button size="small" onClick={() => setTesting(c)} data-testid="channel-test">
        {t('delivery.test')}
      </Button>
    </Space>
  );

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card
        size="small"
        title={t('delivery.channels')}
        extra={
          <Button type="primary" onClick={() => setEditing('new')} data-testid="channel-add">
            {t('delivery.add')}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">{t('delivery.channelsHint')}</Typography.Paragraph>
        <RemoteView remote={remote}>
          {(data) => (
            <ResponsiveTable<Channel>
              data-testid="channels"
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={data.channels}
              locale={{ emptyText: t('delivery.none') }}
              onRow={(c) => ({ 'data-channel': c.id, 'data-enabled': String(c.enabled) }) as HTMLAttributes<HTMLElement>}
              card={(c) => (
                <Space orientation="vertical" size={6} style={{ width: '100%' }}>
                  <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
                    <Typography.Text strong>{c.name}</Typography.Text>
                    {enabledSwitch(c)}
                  </Space>
                  <Space size={4} wrap>
                    {kindTag(c)}
                    {audience(c)}
                  </Space>
                  <SecretTags channel={c} />
                  <HealthText health={c.health} />
                  {actions(c)}
                </Space>
              )}
              columns={[
                {
                  key: 'name',
                  title: t('delivery.name'),
                  render: (_, c) => (
                    <Space orientation="vertical" size={0}>
                      <Typography.Text strong>{c.name}</Typography.Text>
                      <Space size={4}>
                        {kindTag(c)}
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {c.id}
                        </Typography.Text>
                      </Space>
                    </Space>
                  ),
                },
                { key: 'audience', title: t('delivery.audience'), render: (_, c) => audience(c) },
                { key: 'enabled', title: t('delivery.enabled'), width: 90, render: (_, c) => enabledSwitch(c) },
                { key: 'secrets', title: t('delivery.secrets'), render: (_, c) => <SecretTags channel={c} /> },
                { key: 'health', title: t('delivery.health'), render: (_, c) => <HealthText health={c.health} /> },
                { key: 'actions', title: t('delivery.actions'), width: 170, render: (_, c) => actions(c) },
              ]}
            />
          )}
        </RemoteView>
      </Card>
      <SettingsCard />
      {editing && remote.data && (
        <ChannelDialog
          channel={editing === 'new' ? undefined : editing}
          secretFields={remote.data.secretFields}
          onClose={() => setEditing(undefined)}
          onSaved={(saved) => {
            setEditing(undefined);
            void message.success(`${t('delivery.saved')}：${saved.name}`);
            remote.reload();
          }}
        />
      )}
      {testing && (
        <TestDialog
          channel={testing}
          onClose={() => {
            setTesting(undefined);
            remote.reload();
          }}
        />
      )}
    </Space>
  );
}
