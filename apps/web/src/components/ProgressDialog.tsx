import { TEXT_LIMITS } from '@duban/domain';
// 报送进展: quantity done against the quantified target (or a percentage), a note and evidence.
import { Form, Input, InputNumber } from 'antd';
import { reportProgress } from '../api/endpoints';
import type { Quantity } from '../api/types';
import { useI18n } from '../lib/i18n';
import { CommandModal } from './CommandModal';
import { EvidenceField } from './EvidenceField';

interface Props {
  measureId: string;
  target: Quantity | undefined;
  open: boolean;
  onClose(): void;
  onDone(): void;
}

interface Values {
  quantityDone?: number;
  percent?: number;
  note?: string;
  evidence?: string[];
}

export function ProgressDialog({ measureId, target, open, onClose, onDone }: Props) {
  const { t } = useI18n();
  return (
    <CommandModal<Values>
      title={t('progress.title')}
      okText={t('progress.ok')}
      successText={t('progress.done')}
      open={open}
      onClose={onClose}
      onDone={onDone}
      send={(v) => reportProgress(measureId, { quantityDone: v.quantityDone, percent: v.percent, note: v.note?.trim() || undefined, evidence: v.evidence })}
    >
      {target ? (
        <Form.Item name="quantityDone" label={t('progress.quantity', { target: `${target.value} ${target.unit}` })} extra={target.text}>
          <InputNumber min={0} style={{ width: '100%' }} addonAfter={target.unit} aria-label={t('progress.quantityShort')} />
        </Form.Item>
      ) : (
        <Form.Item name="percent" label={t('progress.percent')}>
          <InputNumber min={0} max={100} style={{ width: '100%' }} addonAfter="%" aria-label={t('progress.percent')} />
        </Form.Item>
      )}
      <Form.Item name="note" label={t('progress.note')}>
        <Input.TextArea rows={3} maxLength={TEXT_LIMITS.note} aria-label={t('progress.note')} />
      </Form.Item>
      <EvidenceField measureId={measureId} />
    </CommandModal>
  );
}
