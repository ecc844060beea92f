// 添加/编辑消息渠道: the kind's own settings, whom it speaks to, and its secrets as masked inputs —
// a stored secret shows only "已设置 ••••a1b2" with 更换 / 清除; nothing typed is ever shown back.
import { Alert, Button, Form, Input, InputNumber, Modal, Radio, Select, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { CHANNEL_KINDS, isRobotKind, type ChannelKind } from '@duban/domain';
import { createChannel, updateChannel, type Channel, type CreateChannelBody } from '../../api/delivery';
import { useDirectory } from '../../lib/directory';
import { useI18n } from '../../lib/i18n';
import type { MessageKey } from '../../lib/messages';

/** A channel kind's name in the UI language (the Chinese one is the domain's CHANNEL_KIND_LABELS). */
export const kindLabelKey = (kind: ChannelKind): MessageKey => `delivery.kind.${kind}`;

type SecretEdit = { action: 'keep' | 'replace' | 'clear'; value: string };

interface FormValues {
  kind: ChannelKind;
  id?: string;
  name: string;
  audienceType: 'people' | 'department' | 'supervisors' | 'leadership';
  department?: string;
  mode: 'event' | 'digest';
  perMinute?: number | null;
  host?: string;
  port?: number;
  secure?: boolean;
  user?: string;
  from?: string;
  keyword?: string;
  url?: string;
  method?: 'POST' | 'GET' | 'PUT';
  contentType?: 'json' | 'form';
  body?: string;
  successPath?: string;
  successEquals?: string;
}

function initialValues(channel: Channel | undefined): FormValues {
  if (!channel) return { kind: 'email', name: '', audienceType: 'people', mode: 'event', port: 25, method: 'POST', contentType: 'json' };
  const c = channel.config as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const success = (c.success ?? {}) as { jsonPath?: string; equals?: unknown };
  const audience = channel.audience;
  return {
    kind: channel.kind,
    id: channel.id,
    name: channel.name,
    audienceType: audience.startsWith('department:') ? 'department' : (audience as FormValues['audienceType']),
    department: audience.startsWith('department:') ? audience.slice('department:'.length) : undefined,
    mode: channel.mode,
    perMinute: channel.perMinute,
    host: str(c.host),
    port: typeof c.port === 'number' ? c.port : undefined,
    secure: c.secure === true,
    user: str(c.user),
    from: str(c.from),
    keyword: str(c.keyword),
    url: str(c.url),
    method: (str(c.method) as FormValues['method']) ?? 'POST',
    contentType: (str(c.contentType) as FormValues['contentType']) ?? 'json',
    body: str(c.body),
    successPath: success.jsonPath,
    successEquals: success.equals === undefined ? undefined : String(success.equals),
  };
}

const clean = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== ''));

/** The kind's settings from the form, over what is stored (fields the form does not show are kept). */
function configOf(values: FormValues, stored: Record<string, unknown>): Record<string, unknown> {
  switch (values.kind) {
    case 'email': {
      const rest = { ...stored };
      delete rest.user;
      return clean({ ...rest, host: values.host?.trim(), port: values.port, secure: values.secure || undefined, user: values.user?.trim(), from: values.from?.trim() });
    }
    case 'sms': {
      const rest = { ...stored };
      delete rest.body;
      delete rest.success;
      // The success value is text as typed ("000000" stays "000000"); the gateway's answer is compared as text.
      const success = values.successPath?.trim() ? { jsonPath: values.successPath.trim(), equals: (values.successEquals ?? '').trim() } : undefined;
      return clean({ ...rest, url: values.url?.trim(), method: values.method, contentType: values.contentType, body: values.body, success });
    }
    case 'wecom':
      return {};
    case 'dingtalk':
    case 'feishu':
      return clean({ keyword: values.keyword?.trim() });
  }
}

function SecretInput({ field, label, hint, stored, edit, onChange }: { field: string; label: string; hint?: string; stored?: { set: boolean; hint: string }; edit: SecretEdit; onChange(edit: SecretEdit): void }) {
  const { t } = useI18n();
  const shownStored = stored?.set && edit.action === 'keep';
  return (
    <Form.Item label={label} extra={hint}>
      {shownStored ? (
        <Space wrap>
          <Typography.Text data-testid={`secret-${field}`} code>
            {t('delivery.secret.set', { hint: stored.hint })}
          </Typography.Text>
          <Button size="small" onClick={() => onChange({ action: 'replace', value: '' })} data-testid={`secret-${field}-replace`}>
            {t('delivery.secret.replace')}
          </Button>
          <Button size="small" danger onClick={() => onChange({ action: 'clear', value: '' })}>
            {t('delivery.secret.clear')}
          </Button>
        </Space>
      ) : edit.action === 'clear' ? (
        <Space wrap>
          <Typography.Text type="warning">{t('delivery.secret.cleared')}</Typography.Text>
          <Button size="small" onClick={() => onChange({ action: 'keep', value: '' })}>
            {t('delivery.secret.keep')}
          </Button>
        </Space>
      ) : (
        <Space.Compact style={{ width: '100%' }}>
          <Input.Password
            aria-label={label}
            data-testid={`secret-${field}-input`}
            autoComplete="new-password"
            value={edit.value}
            onChange={(e) => onChange({ action: 'replace', value: e.target.value })}
          />
          {stored?.set && <Button onClick={() => onChange({ action: 'keep', value: '' })}>{t('delivery.secret.keep')}</Button>}
        </Space.Compact>
      )}
    </Form.Item>
  );
}

/** `secretFields`: each kind's secret fields as the API lists them (GET /notification-channels). */
export function ChannelDialog({ channel, secretFields, onClose, onSaved }: { channel?: Channel; secretFields: Record<ChannelKind, string[]>; onClose(): void; onSaved(saved: Channel): void }) {
  const { t, language } = useI18n();
  const { departments } = useDirectory();
  const [form] = Form.useForm<FormValues>();
  const [initial] = useState(() => initialValues(channel));
  const kind = (Form.useWatch('kind', form) ?? initial.kind) as ChannelKind;
  const audienceType = Form.useWatch('audienceType', form) ?? initial.audienceType;
  const [secrets, setSecrets] = useState<Record<string, SecretEdit>>({});
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();

  const save = async (values: FormValues) => {
    setSaving(true);
    setError(undefined);
    try {
      const audience = !isRobotKind(values.kind) ? 'people' : values.audienceType === 'department' ? `department:${values.department ?? ''}` : values.audienceType;
      const secretBody: Record<string, string> = {};
      for (const field of secretFields[values.kind] ?? []) {
        const edit = secrets[field];
        if (edit?.action === 'clear') secretBody[field] = '';
        else if (edit?.action === 'replace' && edit.value) secretBody[field] = edit.value;
      }
      const common = {
        name: values.name.trim(),
        audience,
        mode: values.audienceType === 'department' && isRobotKind(values.kind) ? values.mode : 'event',
        perMinute: values.perMinute ?? null,
        config: configOf(values, channel?.config ?? {}),
        secrets: secretBody,
      } as const;
      const saved = channel ? await updateChannel(channel.id, common) : await createChannel({ ...common, kind: values.kind, ...(values.id?.trim() ? { id: values.id.trim() } : {}) } as CreateChannelBody);
      onSaved(saved);
    } catch (reason) {
      setError(reason instanceof Error ? reason.message : String(reason));
    } finally {
      setSaving(false);
    }
  };

  const secretLabel = (field: string) => t(`delivery.secret.${field}` as MessageKey);
  return (
    <Modal
      open
      title={channel ? t('delivery.editTitle') : t('delivery.addTitle')}
      okText={t('delivery.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: saving, 'data-testid': 'channel-save' }}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
      width={640}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="channel-error" />}
      <Form<FormValues> form={form} layout="vertical" initialValues={initial} onFinish={(v) => void save(v)}>
        <Form.Item name="kind" label={t('delivery.kind')} rules={[{ required: true }]}>
          <Select
            aria-label={t('delivery.kind')}
            disabled={Boolean(channel)}
            options={CHANNEL_KINDS.map((k) => ({ value: k, label: t(kindLabelKey(k)) }))}
            onChange={(k: ChannelKind) => {
              setSecrets({});
              form.setFieldsValue({ audienceType: isRobotKind(k) ? 'department' : 'people' });
            }}
          />
        </Form.Item>
        <Form.Item name="name" label={t('delivery.name')} rules={[{ required: true, whitespace: true, message: t('delivery.nameRequired') }]}>
          <Input aria-label={t('delivery.name')} maxLength={60} />
        </Form.Item>
        {!channel && (
          <Form.Item name="id" label={t('delivery.id')} extra={t('delivery.idHint')}>
            <Input aria-label={t('delivery.id')} maxLength={64} />
          </Form.Item>
        )}
        {isRobotKind(kind) && (
          <>
            <Form.Item name="audienceType" label={t('delivery.audience')} rules={[{ required: true }]}>
              <Radio.Group
                options={[
                  { value: 'department', label: t('delivery.audience.department', { name: language === 'en' ? 'Department' : '处室' }) },
                  { value: 'supervisors', label: t('delivery.audience.supervisors') },
                  { value: 'leadership', label: t('delivery.audience.leadership') },
                ]}
              />
            </Form.Item>
            {audienceType === 'department' && (
              <>
                <Form.Item name="department" label={t('delivery.department')} rules={[{ required: true, message: t('delivery.departmentRequired') }]}>
                  <Select
                    aria-label={t('delivery.department')}
                    showSearch={{ optionFilterProp: 'label' }}
                    options={departments.filter((d) => d.active).map((d) => ({ value: d.code, label: d.name }))}
                  />
                </Form.Item>
                <Form.Item name="mode" label={t('delivery.mode')}>
                  <Radio.Group options={[{ value: 'event', label: t('delivery.mode.event') }, { value: 'digest', label: t('delivery.mode.digest') }]} />
                </Form.Item>
              </>
            )}
          </>
        )}
        {kind === 'email' && (
          <>
            <Space wrap align="start">
              <Form.Item name="host" label={t('delivery.config.host')} rules={[{ required: true, whitespace: true }]}>
                <Input aria-label={t('delivery.config.host')} style={{ width: 240 }} />
              </Form.Item>
              <Form.Item name="port" label={t('delivery.config.port')} rules={[{ required: true }]}>
                <InputNumber aria-label={t('delivery.config.port')} min={1} max={65535} precision={0} />
              </Form.Item>
              <Form.Item name="secure" label={t('delivery.config.secure')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Space>
            <Form.Item name="from" label={t('delivery.config.from')} extra={t('delivery.config.fromHint')} rules={[{ required: true, whitespace: true }]}>
              <Input aria-label={t('delivery.config.from')} />
            </Form.Item>
            <Form.Item name="user" label={t('delivery.config.user')}>
              <Input aria-label={t('delivery.config.user')} autoComplete="off" />
            </Form.Item>
          </>
        )}
        {kind === 'sms' && (
          <>
            <Form.Item name="url" label={t('delivery.config.url')} extra={t('delivery.config.urlHint', { placeholder: '{{secret}}' })} rules={[{ required: true, whitespace: true }]}>
              <Input aria-label={t('delivery.config.url')} />
            </Form.Item>
            <Space wrap>
              <Form.Item name="method" label={t('delivery.config.method')}>
                <Select style={{ width: 110 }} options={['POST', 'GET', 'PUT'].map((m) => ({ value: m, label: m }))} />
              </Form.Item>
              <Form.Item name="contentType" label={t('delivery.config.contentType')}>
                <Select style={{ width: 110 }} options={[{ value: 'json', label: 'JSON' }, { value: 'form', label: 'Form' }]} />
              </Form.Item>
            </Space>
            <Form.Item name="body" label={t('delivery.config.body')} extra={`${t('delivery.config.bodyHint')}{{mobile}} {{text}} {{messageId}} {{timestamp}} {{secret}}`}>
              <Input.TextArea rows={3} aria-label={t('delivery.config.body')} />
            </Form.Item>
            <Space wrap>
              <Form.Item name="successPath" label={t('delivery.config.successPath')}>
                <Input aria-label={t('delivery.config.successPath')} placeholder="code" style={{ width: 160 }} />
              </Form.Item>
              <Form.Item name="successEquals" label={t('delivery.config.successEquals')}>
                <Input aria-label={t('delivery.config.successEquals')} placeholder="0" style={{ width: 110 }} />
              </Form.Item>
            </Space>
          </>
        )}
        {(kind === 'dingtalk' || kind === 'feishu') && (
          <Form.Item name="keyword" label={t('delivery.config.keyword')} extra={t('delivery.config.keywordHint')}>
            <Input aria-label={t('delivery.config.keyword')} maxLength={50} />
          </Form.Item>
        )}
        {(secretFields[kind] ?? []).map((field) => (
          <SecretInput
            key={`${kind}-${field}`}
            field={field}
            label={secretLabel(field)}
            hint={field === 'webhook' ? t('delivery.secret.webhookHint') : field === 'signSecret' ? t('delivery.secret.signSecretHint') : undefined}
            stored={channel?.kind === kind ? channel.secrets[field] : undefined}
            edit={secrets[field] ?? { action: 'keep', value: '' }}
            onChange={(edit) => setSecrets((s) => ({ ...s, [field]: edit }))}
          />
        ))}
        <Form.Item name="perMinute" label={t('delivery.perMinute')} extra={t('delivery.perMinuteHint')}>
          <InputNumber aria-label={t('delivery.perMinute')} min={1} max={600} precision={0} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
