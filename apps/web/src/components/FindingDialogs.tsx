import { TEXT_LIMITS } from '@duban/domain';
// 检查 (file findings), 整改 (rectify one finding) and 复查 (verify a rectification).
import { Button, DatePicker, Form, Input, Radio, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { fileInspection, submitRectification, verifyRectification } from '../api/endpoints';
import { useI18n } from '../lib/i18n';
import { addWorkingDays, todayInBeijing } from '../lib/workingDays';
import { CommandModal } from './CommandModal';
import { EvidenceField, measureOfFinding } from './EvidenceField';

interface Common {
  open: boolean;
  onClose(): void;
  onDone(): void;
}

const defaultRectificationDue = () => dayjs(addWorkingDays(todayInBeijing(), 10));

export function InspectionDialog({ measureId, open, onClose, onDone }: Common & { measureId: string }) {
  const { t } = useI18n();
  return (
    <CommandModal<{ findings: Array<{ description: string; dueDate: Dayjs }> }>
      title={t('inspection.title')}
      okText={t('inspection.ok')}
      successText={t('inspection.done')}
      open={open}
      onClose={onClose}
      onDone={onDone}
      initialValues={{ findings: [{ description: '', dueDate: defaultRectificationDue() }] }}
      send={(v) => fileInspection(measureId, v.findings.map((f) => ({ description: f.description.trim(), dueDate: f.dueDate.format('YYYY-MM-DD') })))}
    >
      <Form.List name="findings">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, index) => (
              <Space key={field.key} align="start" style={{ display: 'flex' }}>
                <Form.Item
                  name={[field.name, 'description']}
                  label={t('inspection.finding', { n: index + 1 })}
                  rules={[{ required: true, whitespace: true, message: t('inspection.descriptionRequired') }]}
                  style={{ width: 300 }}
                >
                  <Input.TextArea rows={2} maxLength={TEXT_LIMITS.note} aria-label={t('inspection.finding', { n: index + 1 })} />
                </Form.Item>
                <Form.Item name={[field.name, 'dueDate']} label={t('inspection.due')} rules={[{ required: true, message: t('inspection.dueRequired') }]}>
                  <DatePicker format="YYYY-MM-DD" aria-label={t('inspection.due')} />
                </Form.Item>
                {fields.length > 1 && (
                  <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('common.remove')} onClick={() => remove(field.name)} style={{ marginTop: 30 }} />
                )}
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ description: '', dueDate: defaultRectificationDue() })} block>
              {t('inspection.add')}
            </Button>
          </>
        )}
      </Form.List>
    </CommandModal>
  );
}

export function RectifyDialog({ findingId, open, onClose, onDone }: Common & { findingId: string }) {
  const { t } = useI18n();
  return (
    <CommandModal<{ note: string; evidence?: string[] }>
      title={t('rectify.title', { id: findingId })}
      okText={t('rectify.ok')}
      successText={t('rectify.done')}
      open={open}
      onClose={onClose}
      onDone={onDone}
      send={(v) => submitRectification(findingId, { note: v.note.trim(), evidence: v.evidence })}
    >
      <Form.Item name="note" label={t('rectify.note')} rules={[{ required: true, whitespace: true, message: t('rectify.noteRequired') }]}>
        <Input.TextArea rows={3} maxLength={TEXT_LIMITS.note} aria-label={t('rectify.note')} />
      </Form.Item>
      <EvidenceField measureId={measureOfFinding(findingId)} />
    </CommandModal>
  );
}

export function VerifyDialog({ findingId, open, onClose, onDone }: Common & { findingId: string }) {
  const { t } = useI18n();
  return (
    <CommandModal<{ passed: boolean; comment?: string; nextDueDate?: Dayjs }>
      title={t('verify.title', { id: findingId })}
      successText={t('verify.done')}
      open={open}
      onClose={onClose}
      onDone={onDone}
      initialValues={{ passed: true, nextDueDate: defaultRectificationDue() }}
      send={(v) =>
        verifyRectification(findingId, {
          passed: v.passed,
          comment: v.comment?.trim() || undefined,
          nextDueDate: v.passed ? undefined : v.nextDueDate?.format('YYYY-MM-DD'),
        })
      }
    >
      <Form.Item name="passed" label={t('verify.verdict')}>
        <Radio.Group
          options={[
            { value: true, label: t('verify.pass') },
            { value: false, label: t('verify.fail') },
          ]}
        />
      </Form.Item>
      <Form.Item noStyle shouldUpdate>
        {({ getFieldValue }) => {
          const failing = getFieldValue('passed') === false;
          return (
            <>
              <Form.Item name="comment" label={t('review.comment')} rules={failing ? [{ required: true, whitespace: true, message: t('verify.commentRequired') }] : []}>
                <Input.TextArea rows={2} maxLength={TEXT_LIMITS.note} aria-label={t('review.comment')} />
              </Form.Item>
              {failing && (
                <Form.Item name="nextDueDate" label={t('verify.nextDue')} rules={[{ required: true, message: t('inspection.dueRequired') }]}>
                  <DatePicker format="YYYY-MM-DD" aria-label={t('verify.nextDue')} />
                </Form.Item>
              )}
            </>
          );
        }}
      </Form.Item>
    </CommandModal>
  );
}
