// 督办规则 of a plan: the thresholds in force (or the default), a change with its reason (局领导 and
// 系统管理员), and every version with what it changed (局领导, 纪检监察人员, 系统管理员). A change
// re-plans the steps running measures have not reached yet; steps already fired stay fired.
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Space, Tag, Typography } from 'antd';
import { ResponsiveTable } from './ResponsiveTable';
import { useState } from 'react';
import { POLICY_FIELD_HINTS, POLICY_FIELD_LABELS, POLICY_FIELDS, POLICY_LIMITS, POLICY_REASON_MAX, policyProblems, type EscalationPolicy, type Role } from '@duban/domain';
import { changePlanPolicy, getPlanPolicy, getPlanPolicyVersions, type PlanPolicyVersion } from '../api/planYear';
import { beijingDateTime } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { useUser } from '../lib/session';
import { useRemote } from '../lib/useRemote';
import { RemoteView } from './RemoteView';

const EDITORS: Role[] = ['leader', 'admin'];
const HISTORY_READERS: Role[] = ['leader', 'admin', 'supervisor'];

const FIELD_LABELS_EN: Record<(typeof POLICY_FIELDS)[number], string> = {
  warningDaysBefore: 'Warning (working days before due)',
  supervisionDaysOverdue: 'Supervision (working days overdue)',
  accountabilityDaysOverdue: 'Accountability (working days overdue)',
  reviewSlaDays: 'Review time limit (working days)',
};

type PolicyForm = EscalationPolicy & { reason: string };

export function PlanPolicyCard({ year }: { year: number }) {
  const { language } = useI18n();
  const L = (zh: string, en: string) => (language === 'en' ? en : zh);
  const user = useUser();
  const { message } = App.useApp();
  const current = useRemote(() => getPlanPolicy(year), [year]);
  const canEdit = EDITORS.includes(user.role);
  const canReadHistory = HISTORY_READERS.includes(user.role);
  const versions = useRemote(() => (canReadHistory ? getPlanPolicyVersions(year) : Promise.resolve({ year, versions: [] })), [year, canReadHistory]);
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [form] = Form.useForm<PolicyForm>();
  const label = (f: (typeof POLICY_FIELDS)[number]) => (language === 'en' ? FIELD_LABELS_EN[f] : POLICY_FIELD_LABELS[f]);

  const save = async (values: PolicyForm) => {
    setBusy(true);
    setError(undefined);
    try {
      const { reason, ...policy } = values;
      const saved = await changePlanPolicy(year, policy, reason.trim());
      void message.success(
        saved.created
          ? L(`已保存第 ${saved.version} 版督办规则，${saved.replanned.measures} 个办理中的事项已重新计算督办时间`, `Saved version ${saved.version}; ${saved.replanned.measures} running measures re-planned`)
          : L('督办规则与现行版本相同，未新增版本', 'Same as the rules in force: no new version'),
      );
      setEditing(false);
      current.reload();
      versions.reload();
    } catch (reason) {
      setError(reason instanceof Error ? reason.message : String(reason));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={L(`${year} 年督办规则`, `Escalation rules of ${year}`)} data-testid="plan-policy">
      <RemoteView remote={current}>
        {(policy) => (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Space wrap>
              {policy.isDefault ? (
                <Tag data-testid="policy-version">{L('默认规则', 'Default rules')}</Tag>
              ) : (
                <Tag color="blue" data-testid="policy-version">
                  {L(`第 ${policy.version} 版`, `Version ${policy.version}`)}
                </Tag>
              )}
              {!policy.isDefault && policy.changedAt && (
                <Typography.Text type="secondary">
                  {policy.changedByName ?? policy.changedBy} · {beijingDateTime(policy.changedAt)} · {policy.reason}
                </Typography.Text>
              )}
            </Space>
            <Descriptions
              bordered
              size="small"
              column={{ xs: 1, md: 2 }}
              items={POLICY_FIELDS.map((f) => ({
                key: f,
                label: label(f),
                children: (
                  <span data-field={f}>
                    {L(`${policy.policy[f]} 个工作日`, `${policy.policy[f]} working days`)}
                    {policy.policy[f] !== policy.defaults[f] && (
                      <Typography.Text type="secondary"> {L(`（默认 ${policy.defaults[f]}）`, `(default ${policy.defaults[f]})`)}</Typography.Text>
                    )}
                  </span>
                ),
              }))}
            />
            {canEdit && !editing && (
              <Button
                type="primary"
                data-testid="policy-edit"
                onClick={() => {
                  form.setFieldsValue({ ...policy.policy, reason: '' });
                  setError(undefined);
                  setEditing(true);
                }}
              >
                {L('修改督办规则', 'Change the rules')}
              </Button>
            )}
            {canEdit && editing && (
              <Form<PolicyForm> form={form} layout="vertical" onFinish={save} data-testid="policy-form">
                <Typography.Paragraph type="secondary">
                  {L('修改后，办理中事项尚未触发的预警、催办、督办、问责按新规则重新计算；已触发的不变。', 'Steps not fired yet are re-planned under the new rules; fired steps stay fired.')}
                </Typography.Paragraph>
                <Space wrap align="start">
                  {POLICY_FIELDS.map((f) => (
                    <Form.Item
                      key={f}
                      name={f}
                      label={label(f)}
                      extra={language === 'en' ? undefined : POLICY_FIELD_HINTS[f]}
                      dependencies={f === 'accountabilityDaysOverdue' ? ['supervisionDaysOverdue'] : undefined}
                      style={{ width: 260 }}
                      rules={[
                        { required: true, message: L(`请填写${POLICY_FIELD_LABELS[f]}`, 'Required') },
                        {
                          validator: (_, value) => {
                            const problem = policyProblems({ ...form.getFieldsValue([...POLICY_FIELDS]), [f]: value }).find((p) => p.field === f);
                            return problem ? Promise.reject(new Error(problem.message)) : Promise.resolve();
                          },
                        },
                      ]}
                    >
                      <InputNumber min={POLICY_LIMITS[f].min} max={POLICY_LIMITS[f].max} precision={0} style={{ width: 140 }} aria-label={label(f)} />
                    </Form.Item>
                  ))}
                </Space>
                <Form.Item name="reason" label={L('修改理由', 'Reason')} rules={[{ required: true, whitespace: true, message: L('修改督办规则必须说明理由', 'A reason is required') }]}>
                  <Input.TextArea rows={2} maxLength={POLICY_REASON_MAX} aria-label={L('修改理由', 'Reason')} />
                </Form.Item>
                {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="policy-error" />}
                <Space>
                  <Button type="primary" htmlType="submit" loading={busy} data-testid="policy-save">
                    {L('保存新版本', 'Save as a new version')}
                  </Button>
                  <Button onClick={() => setEditing(false)}>{L('取消', 'Cancel')}</Button>
                </Space>
              </Form>
            )}
          </Space>
        )}
      </RemoteView>
      {canReadHistory && (
        <div style={{ marginTop: 16 }}>
          <Typography.Title level={5}>{L('历次版本', 'Versions')}</Typography.Title>
          <RemoteView remote={versions}>
            {(list) => (
              <ResponsiveTable<PlanPolicyVersion>
                data-testid="policy-versions"
                rowKey="version"
                size="small"
                pagination={false}
                dataSource={list.versions}
                locale={{ emptyText: L('尚未修改，执行默认规则', 'Never changed: the default rules apply') }}
                columns={[
                  { key: 'version', title: L('版本', 'Version'), render: (_, v) => L(`第 ${v.version} 版`, `v${v.version}`) },
                  { key: 'changes', title: L('变化', 'Changes'), render: (_, v) => (v.changes.length ? v.changes.join('；') : '—') },
                  { key: 'reason', title: L('理由', 'Reason'), dataIndex: 'reason' },
                  { key: 'by', title: L('修改人', 'By'), render: (_, v) => v.changedByName ?? v.changedBy },
                  { key: 'at', title: L('时间', 'At'), render: (_, v) => beijingDateTime(v.changedAt) },
                ]}
              />
            )}
          </RemoteView>
        </div>
      )}
    </Card>
  );
}
