import { TEXT_LIMITS } from '@duban/domain';
// 交办 / 改派: lead department (pre-filled from the plan's suggestion), co-departments, assignee
// from that department's staff, a due date and optional 阶段节点 (milestones) before it. A leader
// or an admin may record work already under way (补录): the real date of assignment and why.
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, Select, Space, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { assignMeasure, listUsers, reassignMeasure } from '../api/endpoints';
import type { UserSummary } from '../api/types';
import { useDirectory } from '../lib/directory';
import { useI18n } from '../lib/i18n';
import { useUser } from '../lib/session';
import { addWorkingDays, todayInBeijing } from '../lib/workingDays';
import { CommandModal } from './CommandModal';

interface Props {
  measureId: string;
  mode: 'assign' | 'reassign';
  suggestedDepartment: string | null;
  /** The co-operating departments the plan names (配合单位), the dialog's default for a new assignment. */
  suggestedCoDepartments?: string[];
  /** Who leads and co-operates as the plan's text says it (shown beside the fields). */
  planLeadText?: string | null;
  current?: { leadDepartment: string | null; assigneeId: string | null; dueDate: string | null };
  open: boolean;
  onClose(): void;
  onDone(): void;
}

interface Values {
  leadDepartment: string;
  coDepartments?: string[];
  assigneeId: string;
  dueDate: Dayjs;
  milestones?: Array<{ title: string; dueDate: Dayjs }>;
  assignedOn?: Dayjs;
  backdateReason?: string;
}

export function AssignDialog({ measureId, mode, suggestedDepartment, suggestedCoDepartments, planLeadText, current, open, onClose, onDone }: Props) {
  const { t } = useI18n();
  const { departments, departmentName } = useDirectory();
  const user = useUser();
  // An admin only records work already under way; a leader may; a head assigns from today on.
  const mayBackdate = user.role === 'leader' || user.role === 'admin';
  const [backdated, setBackdated] = useState(user.role === 'admin');
  const today = todayInBeijing();
  const initialLead = current?.leadDepartment ?? suggestedDepartment ?? undefined;
  const [lead, setLead] = useState<string | undefined>(initialLead);
  const [staff, setStaff] = useState<UserSummary[]>([]);
  const [staffError, setStaffError] = useState<string>();

  useEffect(() => {
    if (!open) return;
    setLead(initialLead);
  }, [open, initialLead]);

  useEffect(() => {
    if (!open || !lead) return;
    let current = true;
    listUsers(lead).then(
      (users) => {
        if (!current) return;
        setStaff(users.filter((u) => u.role === 'staff' && u.active));
        setStaffError(undefined);
      },
      (reason: Error) => current && setStaffError(reason.message),
    );
    return () => {
      current = false;
    };
  }, [open, lead]);

  const departmentOptions = departments.filter((d) => d.kind !== 'leadership' && d.active).map((d) => ({ value: d.code, label: d.name }));
  if (lead && !departmentOptions.some((o) => o.value === lead)) departmentOptions.unshift({ value: lead, label: departmentName(lead) });
  // A head keeps the measure in their own department; giving it to another is a leader's decision.
  const leadOptions = user.role === 'department_head' ? departmentOptions.filter((o) => o.value === user.departmentCode) : departmentOptions;
  const beforeToday = (d: Dayjs) => d.format('YYYY-MM-DD') < today;
  const defaultDue = current?.dueDate ?? addWorkingDays(todayInBeijing(), 20);

  return (
    <CommandModal<Values>
      title={mode === 'assign' ? t('assign.title') : t('reassign.title')}
      okText={mode === 'assign' ? t('assign.ok') : t('reassign.ok')}
      successText={mode === 'assign' ? t('assign.done') : t('reassign.done')}
      open={open}
      onClose={onClose}
      onDone={onDone}
      initialValues={{
        leadDepartment: initialLead,
        coDepartments: current ? undefined : (suggestedCoDepartments ?? []).filter((d) => d !== initialLead),
        assigneeId: current?.assigneeId ?? undefined,
        dueDate: dayjs(defaultDue),
      }}
      send={(v) => {
        const body = {
          leadDepartment: v.leadDepartment,
          coDepartments: v.coDepartments ?? [],
          assigneeId: v.assigneeId,
          dueDate: v.dueDate.format('YYYY-MM-DD'),
          milestones: (v.milestones ?? []).map((m) => ({ title: m.title.trim(), dueDate: m.dueDate.format('YYYY-MM-DD') })),
          ...(backdated && v.assignedOn ? { assignedOn: v.assignedOn.format('YYYY-MM-DD'), backdateReason: v.backdateReason?.trim() } : {}),
        };
        return mode === 'assign' ? assignMeasure(measureId, body) : reassignMeasure(measureId, body);
      }}
    >
      {(form) => (
        <>
          <Form.Item
            name="leadDepartment"
            label={t('assign.lead')}
            extra={
              suggestedDepartment
                ? `${t('assign.suggested', { name: departmentName(suggestedDepartment) })}${planLeadText ? `（${t('assign.planSays', { text: planLeadText })}）` : ''}`
                : undefined
            }
            rules={[{ required: true, message: t('assign.leadRequired') }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={leadOptions}
              aria-label={t('assign.lead')}
              onChange={(value: string) => {
                setLead(value);
                form.setFieldValue('assigneeId', undefined);
              }}
            />
          </Form.Item>
          <Form.Item name="coDepartments" label={t('assign.co')}>
            <Select mode="multiple" options={departmentOptions.filter((o) => o.value !== lead)} aria-label={t('assign.co')} />
          </Form.Item>
          <Form.Item
            name="assigneeId"
            label={t('assign.assignee')}
            rules={[{ required: true, message: t('assign.assigneeRequired') }]}
            help={staffError}
            validateStatus={staffError ? 'error' : undefined}
          >
            <Select
              aria-label={t('assign.assignee')}
              options={staff.map((u) => ({ value: u.username, label: `${u.displayName}（${u.username}）` }))}
              notFoundContent={t('assign.noStaff')}
            />
          </Form.Item>
          {mayBackdate && (
            <Form.Item label={t('assign.backdate')} extra={t(user.role === 'admin' ? 'assign.backdateAdminHint' : 'assign.backdateHint')}>
              <Switch checked={backdated} disabled={user.role === 'admin'} onChange={setBackdated} aria-label={t('assign.backdate')} />
            </Form.Item>
          )}
          {backdated && (
            <>
              <Form.Item name="assignedOn" label={t('assign.assignedOn')} rules={[{ required: true, message: t('assign.assignedOnRequired') }]}>
                <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} aria-label={t('assign.assignedOn')} disabledDate={(d) => d.format('YYYY-MM-DD') > today} />
              </Form.Item>
              <Form.Item name="backdateReason" label={t('assign.backdateReason')} rules={[{ required: true, whitespace: true, message: t('assign.backdateReasonRequired') }]}>
                <Input.TextArea maxLength={TEXT_LIMITS.backdateReason} rows={2} aria-label={t('assign.backdateReason')} />
              </Form.Item>
            </>
          )}
          <Form.Item name="dueDate" label={t('assign.due')} rules={[{ required: true, message: t('assign.dueRequired') }]}>
            <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} aria-label={t('assign.due')} disabledDate={backdated ? undefined : beforeToday} />
          </Form.Item>
          <Form.List name="milestones">
            {(fields, { add, remove }) => (
              <Form.Item label={t('assign.milestones')} extra={t('assign.milestonesHint')}>
                {fields.map((field, index) => (
                  <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
                    <Form.Item name={[field.name, 'title']} rules={[{ required: true, whitespace: true, message: t('assign.milestoneTitleRequired') }]}>
                      <Input maxLength={TEXT_LIMITS.milestoneTitle} placeholder={t('assign.milestoneTitle')} aria-label={t('assign.milestoneN', { n: index + 1 })} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'dueDate']}
                      dependencies={['dueDate']}
                      rules={[
                        { required: true, message: t('assign.milestoneDueRequired') },
                        {
                          validator: (_, value?: Dayjs) => {
                            const due = form.getFieldValue('dueDate') as Dayjs | undefined;
                            return value && due && value.isAfter(due, 'day') ? Promise.reject(new Error(t('assign.milestoneAfterDue'))) : Promise.resolve();
                          },
                        },
                      ]}
                    >
                      <DatePicker format="YYYY-MM-DD" aria-label={t('assign.milestoneDueN', { n: index + 1 })} />
                    </Form.Item>
                    <MinusCircleOutlined aria-label={t('assign.removeMilestone')} onClick={() => remove(field.name)} />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()} disabled={fields.length >= 50}>
                  {t('assign.addMilestone')}
                </Button>
              </Form.Item>
            )}
          </Form.List>
        </>
      )}
    </CommandModal>
  );
}
