import { TEXT_LIMITS } from '@duban/domain';
// 撤销事项 (administrators): the measure leaves the plan's active work with a reason on the record;
// its history and any open findings stay.
import { Form, Input, Typography } from 'antd';
import { cancelMeasure } from '../api/endpoints';
import { useI18n } from '../lib/i18n';
import { CommandModal } from './CommandModal';

export function CancelDialog({ measureId, open, onClose, onDone }: { measureId: string; open: boolean; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  return (
    <CommandModal<{ reason: string }>
      title={t('cancel.title', { id: measureId })}
      okText={t('cancel.ok')}
      successText={t('cancel.done')}
      danger
      open={open}
      onClose={onClose}
      onDone={onDone}
      send={(v) => cancelMeasure(measureId, v.reason.trim())}
    >
      <Typography.Paragraph type="secondary">{t('cancel.hint')}</Typography.Paragraph>
      <Form.Item name="reason" label={t('cancel.reason')} rules={[{ required: true, whitespace: true, message: t('cancel.reasonRequired') }]}>
        <Input.TextArea rows={3} maxLength={TEXT_LIMITS.note} aria-label={t('cancel.reason')} />
      </Form.Item>
    </CommandModal>
  );
}
