// 批量交办 / 批量改派: the fields of the single 交办 dialog (lead department, co-departments, assignee
// from that department's staff, one due date, optional 阶段节点, 补录 for leaders and admins) for a
// selection of measures; 改派 may instead take everything one person holds (someone leaving) and
// keeps each measure's due date unless a new one is given. The answer lists what failed and why.
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, Radio, Select, Space, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { TEXT_LIMITS } from '@duban/domain';
import { bulkAssign, bulkReassign, listUsers } from '../api/endpoints';
import type { BulkResult, UserSummary } from '../api/types';
import { useDirectory } from '../lib/directory';
import { useI18n } from '../lib/i18n';
import { useUser } from '../lib/session';
import { addWorkingDays, todayInBeijing } from '../lib/workingDays';
import { CommandModal } from './CommandModal';

/** The bulk dialogs' own words (Chinese first; English for the chrome). */
const TEXT = {
  'bulk.assign': ['批量交办', 'Assign in bulk'],
  'bulk.reassign': ['批量改派', 'Reassign in bulk'],
  'bulk.assignTitle': ['批量交办（{n} 项）', 'Assign {n} measures'],
  'bulk.reassignTitle': ['批量改派', 'Reassign measures'],
  'bulk.sent': ['已提交，请查看办理结果', 'Sent: see the result'],
  'bulk.selected': ['已选 {n} 项', '{n} selected'],
  'bulk.scope': ['改派范围', 'Which measures'],
  'bulk.scopeSelected': ['所选事项（{n} 项）', 'The {n} selected'],
  'bulk.scopeFrom': ['某承办人名下全部在办事项', 'Everything one person holds'],
  'bulk.from': ['原承办人', 'Current assignee'],
  'bulk.fromRequired': ['请选择原承办人', 'Choose the current assignee'],
  'bulk.staffOf': ['承办人所在处室', "Assignee's department"],
  'bulk.keepDue': ['留空则保留各事项原截止日期', "Leave empty to keep each measure's due date"],
  'bulk.keepLead': ['牵头处室和配合处室保持各事项原有设置', 'Lead and co-departments stay as they are'],
  'bulk.leadHint': ['所选事项都将由该处室牵头、交办给同一承办人，截止日期相同', 'All selected measures get this lead, assignee and due date'],
  'bulk.resultTitle': ['批量办理结果', 'Bulk result'],
  'bulk.succeeded': ['成功 {n} 项', '{n} done'],
  'bulk.failed': ['未成功 {n} 项', '{n} not done'],
  'bulk.reason': ['原因', 'Why'],
  'bulk.measure': ['事项', 'Measure'],
  'bulk.bySection': ['按章节/处室选择', 'Select by chapter / department'],
  'bulk.allFiltered': ['选择当前筛选的全部事项', 'Select all matching the filters'],
  'bulk.clear': ['清除选择', 'Clear selection'],
  'bulk.setLead': ['设定建议牵头处室', 'Set the suggested lead'],
  'bulk.setLeadTitle': ['设定建议牵头处室（{n} 项）', 'Suggested lead for {n} measures'],
  'bulk.setLeadHint': ['该处室负责人将在「待交办」中看到这些事项并负责交办', "That department's head sees them under 待交办 and assigns them"],
  'bulk.setLeadDone': ['已设定建议牵头处室', 'Suggested lead set'],
  'bulk.year': ['年度', 'Year'],
  'bulk.chapterSection': ['章 / 节', 'Chapter / section'],
  'bulk.department': ['牵头处室（含建议）', 'Lead (or suggested) department'],
  'bulk.pick': ['选择', 'Select'],
  'bulk.pickHint': ['按章节或处室选出的事项将加入当前选择（仅限本列表条件下的事项）', 'Adds the matching measures to the selection (within this list)'],
  'bulk.nonePicked': ['没有符合条件的事项', 'No measure matches'],
  'bulk.tooMany': ['一次最多批量处理 {n} 项，已选前 {n} 项', 'At most {n} at once: the first {n} are selected'],
  'bulk.unowned': ['未定牵头处室', 'No lead department yet'],
} as const;
export type BulkTextKey = keyof typeof TEXT;

/** The most measures one bulk command takes (the API's BULK_LIMIT). */
export const BULK_MAX = 200;

export function useBulkText(): (key: BulkTextKey, values?: Record<string, string | number>) => string {
  const { language } = useI18n();
  return (key, values = {}) => {
    const [zh, en] = TEXT[key];
    return (language === 'en' ? en : zh).replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
  };
}

interface Props {
  mode: 'assign' | 'reassign';
  measureIds: string[];
  /** The selection's common (suggested or lead) department, pre-filled as the lead. */
  commonDepartment?: string | null;
  open: boolean;
  onClose(): void;
  onResult(result: BulkResult): void;
}

interface Values {
  scope?: 'selected' | 'from';
  fromAssigneeId?: string;
  leadDepartment?: string;
  coDepartments?: string[];
  assigneeId: string;
  dueDate?: Dayjs;
  milestones?: Array<{ title: string; dueDate: Dayjs }>;
  assignedOn?: Dayjs;
  backdateReason?: string;
}

export function BulkAssignDialog({ mode, measureIds, commonDepartment, open, onClose, onResult }: Props) {
  const { t } = useI18n();
  const b = useBulkText();
  const { departments } = useDirectory();
  const user = useUser();
  const mayBackdate = user.role === 'leader' || user.role === 'admin';
  const [backdated, setBackdated] = useState(user.role === 'admin');
  const today = todayInBeijing();
  // A head keeps the work in their own department; a leader or an admin chooses.
  const initialLead = user.role === 'department_head' ? user.departmentCode : (commonDepartment ?? undefined);
  const [lead, setLead] = useState<string | undefined>(initialLead);
  const [scope, setScope] = useState<'selected' | 'from'>(measureIds.length > 0 ? 'selected' : 'from');
  const [staff, setStaff] = useState<UserSummary[]>([]);
  const [staffError, setStaffError] = useState<string>();

  useEffect(() => {
    if (!open) return;
    setLead(initialLead);
    setScope(measureIds.length > 0 ? 'selected' : 'from');
  }, [open, initialLead, measureIds.length]);

  useEffect(() => {
    if (!open || !lead) return;
    let current = true;
    listUsers(lead).then(
      (users) => {
        if (!current) return;
        setStaff(users.filter((u) => u.role === 'staff'));
        setStaffError(undefined);
      },
      (reason: Error) => current && setStaffError(reason.message),
    );
    return () => {
      current = false;
    };
  }, [open, lead]);

  const departmentOptions = departments.filter((d) => d.kind !== 'leadership' && d.active).map((d) => ({ value: d.code, label: d.name }));
  const leadOptions = user.role === 'department_head' ? departmentOptions.filter((o) => o.value === user.departmentCode) : departmentOptions;
  const activeStaff = staff.filter((u) => u.active);
  const beforeToday = (d: Dayjs) => d.format('YYYY-MM-DD') < today;
  const date = (d?: Dayjs) => d?.format('YYYY-MM-DD');
  const backdate = (v: Values) => (backdated && v.assignedOn ? { assignedOn: date(v.assignedOn), backdateReason: v.backdateReason?.trim() } : {});

  const send = async (v: Values): Promise<void> => {
    const result =
      mode === 'assign'
        ? await bulkAssign({
            measureIds,
            leadDepartment: v.leadDepartment!,
            coDepartments: v.coDepartments ?? [],
            assigneeId: v.assigneeId,
            dueDate: date(v.dueDate)!,
            milestones: (v.milestones ?? []).map((m) => ({ title: m.title.trim(), dueDate: date(m.dueDate)! })),
            ...backdate(v),
          })
        : await bulkReassign({
            ...(scope === 'from' ? { fromAssigneeId: v.fromAssigneeId } : { measureIds }),
            assigneeId: v.assigneeId,
            ...(v.dueDate ? { dueDate: date(v.dueDate) } : {}),
            ...backdate(v),
          });
    onResult(result);
  };

  return (
    <CommandModal<Values>
      title={mode === 'assign' ? b('bulk.assignTitle', { n: measureIds.length }) : b('bulk.reassignTitle')}
      okText={mode === 'assign' ? b('bulk.assign') : b('bulk.reassign')}
      successText={b('bulk.sent')}
      open={open}
      onClose={onClose}
      onDone={onClose}
      initialValues={{
        scope: measureIds.length > 0 ? 'selected' : 'from',
        leadDepartment: initialLead,
        dueDate: mode === 'assign' ? dayjs(addWorkingDays(today, 20)) : undefined,
      }}
      send={send}
    >
      {(form) => (
        <>
          {mode === 'reassign' && (
            <Form.Item name="scope" label={b('bulk.scope')}>
              <Radio.Group
                onChange={(e) => setScope(e.target.value as 'selected' | 'from')}
                options={[
                  { value: 'selected', label: b('bulk.scopeSelected', { n: measureIds.length }), disabled: measureIds.length === 0 },
                  { value: 'from', label: b('bulk.scopeFrom') },
                ]}
              />
            </Form.Item>
          )}
          <Form.Item
            name="leadDepartment"
            label={mode === 'assign' ? t('assign.lead') : b('bulk.staffOf')}
            extra={mode === 'assign' ? b('bulk.leadHint') : b('bulk.keepLead')}
            rules={[{ required: true, message: t('assign.leadRequired') }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={leadOptions}
              aria-label={mode === 'assign' ? t('assign.lead') : b('bulk.staffOf')}
              onChange={(value: string) => {
                setLead(value);
                form.setFieldValue('assigneeId', undefined);
                form.setFieldValue('fromAssigneeId', undefined);
              }}
            />
          </Form.Item>
          {mode === 'reassign' && scope === 'from' && (
            <Form.Item name="fromAssigneeId" label={b('bulk.from')} rules={[{ required: true, message: b('bulk.fromRequired') }]}>
              <Select aria-label={b('bulk.from')} options={staff.map((u) => ({ value: u.username, label: `${u.displayName}（${u.username}）${u.active ? '' : ' · 已停用'}` }))} />
            </Form.Item>
          )}
          {mode === 'assign' && (
            <Form.Item name="coDepartments" label={t('assign.co')}>
              <Select mode="multiple" options={departmentOptions.filter((o) => o.value !== lead)} aria-label={t('assign.co')} />
            </Form.Item>
          )}
          <Form.Item
            name="assigneeId"
            label={t('assign.assignee')}
            rules={[{ required: true, message: t('assign.assigneeRequired') }]}
            help={staffError}
            validateStatus={staffError ? 'error' : undefined}
          >
            <Select
              aria-label={t('assign.assignee')}
              options={activeStaff.map((u) => ({ value: u.username, label: `${u.displayName}（${u.username}）` }))}
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
          <Form.Item
            name="dueDate"
            label={t('assign.due')}
            extra={mode === 'reassign' ? b('bulk.keepDue') : undefined}
            rules={mode === 'assign' ? [{ required: true, message: t('assign.dueRequired') }] : []}
          >
            <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} aria-label={t('assign.due')} disabledDate={backdated ? undefined : beforeToday} />
          </Form.Item>
          {mode === 'assign' && (
            <Form.List name="milestones">
              {(fields, { add, remove }) => (
                <Form.Item label={t('assign.milestones')} extra={t('assign.milestonesHint')}>
                  {fields.map((field, index) => (
                    <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
                      <Form.Item name={[field.name, 'title']} rules={[{ required: true, whitespace: true, message: t('assign.milestoneTitleRequired') }]}>
                        <Input maxLength={TEXT_LIMITS.milestoneTitle} placeholder={t('assign.milestoneTitle')} aria-label={t('assign.milestoneN', { n: index + 1 })} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'dueDate']} rules={[{ required: true, message: t('assign.milestoneDueRequired') }]}>
                        <DatePicker format="YYYY-MM-DD" aria-label={t('assign.milestoneDueN', { n: index + 1 })} />
                      </Form.Item>
                      <MinusCircleOutlined aria-label={t('assign.removeMilestone')} onClick={() => remove(field.name)} />
                    </Space>
                  ))}
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()} disabled={fields.length >= TEXT_LIMITS.milestones}>
                    {t('assign.addMilestone')}
                  </Button>
                </Form.Item>
              )}
            </Form.List>
          )}
        </>
      )}
    </CommandModal>
  );
}
