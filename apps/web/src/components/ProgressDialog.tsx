// 报送进展: quantity done against the quantified target (or a percentage), a note, 存在问题 and 下步打算, and evidence.
import { TEXT_LIMITS } from '@duban/domain';
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
  problems?: string;
  nextSteps?: string;
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
      send={(v) =>
        reportProgress(measureId, {
          quantityDone: v.quantityDone,
          percent: v.percent,
          note: v.note?.trim() || undefined,
          problems: v.problems?.trim() || undefined,
          nextSteps: v.nextSteps?.trim() || undefined,
          evidence: v.evidence,
        })
      }
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
      {/* 存在问题 / 下步打算: optional; their limit is the domain's (progressTextProblem). */}
      <Form.Item name="problems" label={t('progress.problems')}>
        <Input.TextArea rows={2} maxLength={TEXT_LIMITS.note} aria-label={t('progress.problems')} />
      </Form.Item>
      <Form.Item name="nextSteps" label={t('progress.nextSteps')}>
        <Input.TextArea rows={2} maxLength={TEXT_LIMITS.note} aria-label={t('progress.nextSteps')} />
      </Form.Item>
      <EvidenceField measureId={measureId} />
    </CommandModal>
  );
}
