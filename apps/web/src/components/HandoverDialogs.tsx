// 退回交办 (the assignee, before 签收), 移交 (asked by the owning head, decided by the receiving
// department's head or a leader) and 节点完成 (the assignee): each a command with its reason on the record.
import { Form, Input, Radio, Select, Typography } from 'antd';
import { TEXT_LIMITS, type TransferRequest } from '@duban/domain';
import { completeMilestone, declineMeasure, decideTransfer, requestTransfer } from '../api/endpoints';
import { useDirectory } from '../lib/directory';
import { useI18n } from '../lib/i18n';
import { CommandModal } from './CommandModal';

interface DialogProps {
  measureId: string;
  open: boolean;
  onClose(): void;
  onDone(): void;
}

export function DeclineDialog({ measureId, open, onClose, onDone }: DialogProps) {
  const { t } = useI18n();
  return (
    <CommandModal<{ reason: string }>
      title={t('decline.title', { id: measureId })}
      okText={t('decline.ok')}
      successText={t('decline.done')}
      danger
      open={open}
      onClose={onClose}
      onDone={onDone}
      send={(v) => declineMeasure(measureId, v.reason.trim())}
    >
      <Typography.Paragraph type="secondary">{t('decline.hint')}</Typography.Paragraph>
      <Form.Item name="reason" label={t('decline.reason')} rules={[{ required: true, whitespace: true, message: t('decline.reasonRequired') }]}>
        <Input.TextArea rows={3} maxLength={TEXT_LIMITS.note} aria-label={t('decline.reason')} />
      </Form.Item>
    </CommandModal>
  );
}

export function TransferRequestDialog({ measureId, owner, open, onClose, onDone }: DialogProps & { owner: string | null }) {
  const { t } = useI18n();
  const { departments } = useDirectory();
  const options = departments.filter((d) => d.kind === 'business' && d.active !== false && d.code !== owner).map((d) => ({ value: d.code, label: d.name }));
  return (
    <CommandModal<{ toDepartment: string; reason: string }>
      title={t('transfer.title', { id: measureId })}
      okText={t('transfer.ok')}
      successText={t('transfer.done')}
      open={open}
      onClose={onClose}
      onDone={onDone}
      send={(v) => requestTransfer(measureId, v.toDepartment, v.reason.trim())}
    >
      <Typography.Paragraph type="secondary">{t('transfer.hint')}</Typography.Paragraph>
      <Form.Item name="toDepartment" label={t('transfer.to')} rules={[{ required: true, message: t('transfer.toRequired') }]}>
        <Select options={options} showSearch optionFilterProp="label" aria-label={t('transfer.to')} />
      </Form.Item>
      <Form.Item name="reason" label={t('transfer.reason')} rules={[{ required: true, whitespace: true, message: t('transfer.reasonRequired') }]}>
        <Input.TextArea rows={3} maxLength={TEXT_LIMITS.note} aria-label={t('transfer.reason')} />
      </Form.Item>
    </CommandModal>
  );
}

export function TransferDecisionDialog({ measureId, transfer, open, onClose, onDone }: DialogProps & { transfer: TransferRequest }) {
  const { t } = useI18n();
  const { departmentName } = useDirectory();
  return (
    <CommandModal<{ accept: boolean; comment?: string }>
      title={t('transferDecision.title', { id: measureId })}
      okText={t('common.confirm')}
      successText={t('transferDecision.done')}
      open={open}
      onClose={onClose}
      onDone={onDone}
      initialValues={{ accept: true }}
      send={(v) => decideTransfer(measureId, transfer.n, v.accept, v.comment?.trim() || undefined)}
    >
      <Typography.Paragraph>
        {t('transferDecision.summary', { from: departmentName(transfer.fromDepartment), to: departmentName(transfer.toDepartment) })}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">{transfer.reason}</Typography.Paragraph>
      <Form.Item name="accept" label={t('transferDecision.decision')}>
        <Radio.Group>
          <Radio value={true}>{t('transferDecision.accept')}</Radio>
          <Radio value={false}>{t('transferDecision.refuse')}</Radio>
        </Radio.Group>
      </Form.Item>
      <Form.Item noStyle shouldUpdate={(a, b) => a.accept !== b.accept}>
        {({ getFieldValue }) => (
          <Form.Item
            name="comment"
            label={t('transferDecision.comment')}
            rules={getFieldValue('accept') === false ? [{ required: true, whitespace: true, message: t('transferDecision.commentRequired') }] : []}
          >
            <Input.TextArea rows={3} maxLength={TEXT_LIMITS.note} aria-label={t('transferDecision.comment')} />
          </Form.Item>
        )}
      </Form.Item>
    </CommandModal>
  );
}

export function MilestoneDialog({ measureId, n, title, open, onClose, onDone }: DialogProps & { n: number; title: string }) {
  const { t } = useI18n();
  return (
    <CommandModal<{ note?: string }>
      title={t('milestone.title', { title })}
      okText={t('milestone.ok')}
      successText={t('milestone.done')}
      open={open}
      onClose={onClose}
      onDone={onDone}
      send={(v) => completeMilestone(measureId, n, v.note?.trim() || undefined)}
    >
      <Form.Item name="note" label={t('milestone.note')}>
        <Input.TextArea rows={3} maxLength={TEXT_LIMITS.note} aria-label={t('milestone.note')} />
      </Form.Item>
    </CommandModal>
  );
}
