import { TEXT_LIMITS } from '@duban/domain';
// 提交审核: a closing note and the evidence for the reviewer.
import { Form, Input } from 'antd';
import { submitForReview } from '../api/endpoints';
import { useI18n } from '../lib/i18n';
import { CommandModal } from './CommandModal';
import { EvidenceField } from './EvidenceField';

export function SubmitDialog({ measureId, open, onClose, onDone }: { measureId: string; open: boolean; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  return (
    <CommandModal<{ note?: string; evidence?: string[] }>
      title={t('submit.title')}
      okText={t('submit.ok')}
      successText={t('submit.done')}
      open={open}
      onClose={onClose}
      onDone={onDone}
      send={(v) => submitForReview(measureId, { note: v.note?.trim() || undefined, evidence: v.evidence })}
    >
      <Form.Item name="note" label={t('submit.note')}>
        <Input.TextArea rows={3} maxLength={TEXT_LIMITS.note} aria-label={t('submit.note')} />
      </Form.Item>
      <EvidenceField measureId={measureId} />
    </CommandModal>
  );
}
