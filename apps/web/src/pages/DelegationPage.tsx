// 委托代理: a department head (or an admin for a head) names a deputy of the department for a period
// and revokes it early; everyone sees the delegations they gave or hold. The rules are the domain's
// (libs/domain/delegation.ts); the API checks them again and answers in plain Chinese.
import { Alert, App, Button, Card, DatePicker, Form, Input, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { ResponsiveTable } from '../components/ResponsiveTable';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { DELEGATION_MAX_DAYS, DELEGATION_REASON_MAX, delegationDays } from '@duban/domain';
import { createDelegation, listDelegations, listUsers, revokeDelegation } from '../api/endpoints';
import type { Delegation, UserSummary } from '../api/types';
import { RemoteView } from '../components/RemoteView';
import { useActing } from '../lib/acting';
import { useDirectory } from '../lib/directory';
import { beijingDateTime } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { useSession } from '../lib/session';
import { useRemote } from '../lib/useRemote';
import { todayInBeijing } from '../lib/workingDays';

const STATUS_COLORS: Record<Delegation['status'], string> = { scheduled: 'blue', active: 'green', ended: 'default', revoked: 'red' };

interface Values {
  principalId?: string;
  deputyId: string;
  period: [Dayjs, Dayjs];
  reason?: string;
}

export function DelegationPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const acting = useActing();
  const remote = useRemote(() => listDelegations(), []);
  const me = user!;
  const mayCreate = (me.role === 'department_head' || me.role === 'admin') && !acting;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('nav.delegation')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('delegation.hint')}
      </Typography.Paragraph>
      {acting && <Alert type="info" showIcon title={t('delegation.whileActing')} />}
      {mayCreate && <NewDelegation onDone={remote.reload} />}
      <Card size="small" title={t('delegation.list')}>
        <RemoteView remote={remote}>{(rows) => <DelegationTable rows={rows} onChanged={remote.reload} mayRevoke={(d) => !acting && (me.role === 'admin' || d.principalId === me.username)} />}</RemoteView>
      </Card>
    </Space>
  );
}

function NewDelegation({ onDone }: { onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { user } = useSession();
  const { users } = useDirectory();
  const me = user!;
  const isAdmin = me.role === 'admin';
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const principalId = Form.useWatch('principalId', form) ?? (isAdmin ? undefined : me.username);
  const principal = users.find((u) => u.username === principalId);
  const department = isAdmin ? principal?.departmentCode : me.departmentCode;
  const [candidates, setCandidates] = useState<UserSummary[]>([]);
  const today = todayInBeijing();

  useEffect(() => {
    if (!department) {
      setCandidates([]);
      return;
    }
    let current = true;
    listUsers(department).then(
      (list) => current && setCandidates(list.filter((u) => u.active && (u.role === 'staff' || u.role === 'department_head') && u.username !== principalId)),
      () => current && setCandidates([]),
    );
    return () => {
      current = false;
    };
  }, [department, principalId]);

  const heads = users.filter((u) => u.role === 'department_head' && u.active);

  const submit = async (values: Values) => {
    setSaving(true);
    try {
      await createDelegation({
        ...(isAdmin ? { principalId: values.principalId } : {}),
        deputyId: values.deputyId,
        startsOn: values.period[0].format('YYYY-MM-DD'),
        endsOn: values.period[1].format('YYYY-MM-DD'),
        ...(values.reason?.trim() ? { reason: values.reason.trim() } : {}),
      });
      void message.success(t('delegation.created'));
      form.resetFields();
      onDone();
    } catch (error) {
      void message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card size="small" title={t('delegation.new')}>
      <Form<Values> form={form} layout="inline" onFinish={(v) => void submit(v)} data-testid="delegation-form" style={{ rowGap: 12 }}>
        {isAdmin && (
          <Form.Item name="principalId" label={t('delegation.principal')} rules={[{ required: true, message: t('delegation.pickPrincipal') }]}>
            <Select
              showSearch
              optionFilterProp="label"
              style={{ width: 200 }}
              data-testid="delegation-principal"
              options={heads.map((u) => ({ value: u.username, label: `${u.displayName}（${u.username}）` }))}
              onChange={() => form.setFieldValue('deputyId', undefined)}
            />
          </Form.Item>
        )}
        <Form.Item name="deputyId" label={t('delegation.deputy')} rules={[{ required: true, message: t('delegation.pickDeputy') }]}>
          <Select
            showSearch
            optionFilterProp="label"
            style={{ width: 200 }}
            data-testid="delegation-deputy"
            options={candidates.map((u) => ({ value: u.username, label: `${u.displayName}（${u.username}）` }))}
          />
        </Form.Item>
        <Form.Item
          name="period"
          label={t('delegation.period')}
          rules={[
            { required: true, message: t('delegation.pickPeriod') },
            {
              validator: (_, value: [Dayjs, Dayjs] | undefined) =>
                !value || delegationDays(value[0].format('YYYY-MM-DD'), value[1].format('YYYY-MM-DD')) <= DELEGATION_MAX_DAYS
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('delegation.tooLong', { days: DELEGATION_MAX_DAYS }))),
            },
          ]}
        >
          <DatePicker.RangePicker data-testid="delegation-period" disabledDate={(d) => d.format('YYYY-MM-DD') < today} />
        </Form.Item>
        <Form.Item name="reason" label={t('delegation.reason')}>
          <Input maxLength={DELEGATION_REASON_MAX} style={{ width: 220 }} data-testid="delegation-reason" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="delegation-submit">
            {t('delegation.submit')}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}

function DelegationTable({ rows, onChanged, mayRevoke }: { rows: Delegation[]; onChanged(): void; mayRevoke(d: Delegation): boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { userName } = useDirectory();
  const revoke = async (d: Delegation) => {
    try {
      await revokeDelegation(d.id);
      void message.success(t('delegation.revoked'));
      onChanged();
    } catch (error) {
      void message.error(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <ResponsiveTable<Delegation>
      size="small"
      rowKey="id"
      data-testid="delegation-table"
      dataSource={rows}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: t('delegation.empty') }}
      columns={[
        { title: t('delegation.principal'), key: 'principal', render: (_, d) => d.principalName ?? d.principalId },
        { title: t('delegation.deputy'), key: 'deputy', render: (_, d) => d.deputyName ?? d.deputyId },
        { title: t('delegation.department'), key: 'department', render: (_, d) => d.departmentName ?? d.departmentCode },
        { title: t('delegation.period'), key: 'period', render: (_, d) => `${d.startsOn} ~ ${d.endsOn}` },
        { title: t('delegation.reason'), dataIndex: 'reason', render: (reason: string | null) => reason ?? '—' },
        { title: t('common.state'), key: 'status', render: (_, d) => <Tag color={STATUS_COLORS[d.status]}>{d.statusLabel}</Tag> },
        { title: t('delegation.createdBy'), key: 'createdBy', render: (_, d) => `${userName(d.createdBy)} · ${beijingDateTime(d.createdAt)}` },
        {
          title: t('common.actions'),
          key: 'actions',
          render: (_, d) =>
            mayRevoke(d) && (d.status === 'active' || d.status === 'scheduled') ? (
              <Popconfirm title={t('delegation.revokeConfirm')} onConfirm={() => void revoke(d)} okText={t('common.confirm')} cancelText={t('common.cancel')}>
                <Button size="small" danger data-testid={`delegation-revoke-${d.id}`}>
                  {t('delegation.revoke')}
                </Button>
              </Popconfirm>
            ) : null,
        },
      ]}
    />
  );
}
