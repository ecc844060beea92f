import { TEXT_LIMITS } from '@duban/domain';
// 审核: approve (comment optional) or return for rework (comment required).
import { Form, Input } from 'antd';
import { approveMeasure, returnMeasure } from '../api/endpoints';
import { useI18n } from '../lib/i18n';
import { CommandModal } from './CommandModal';

interface Props {
  measureId: string;
  decision: 'approve' | 'return';
  open: boolean;
  onClose(): void;
  onDone(): void;
}

export function ReviewDialog({ measureId, decision, open, onClose, onDone }: Props) {
  const { t } = useI18n();
  const approving = decision === 'approve';
  return (
    <CommandModal<{ comment?: string }>
      title={approving ? t('review.approveTitle') : t('review.returnTitle')}
      okText={approving ? t('review.approve') : t('review.return')}
      danger={!approving}
      successText={approving ? t('review.approved') : t('review.returned')}
      open={open}
      onClose={onClose}
      onDone={onDone}
      send={(v) => (approving ? approveMeasure(measureId, v.comment?.trim() || undefined) : returnMeasure(measureId, v.comment?.trim() ?? ''))}
    >
      <Form.Item
        name="comment"
        label={t('review.comment')}
        rules={approving ? [] : [{ required: true, whitespace: true, message: t('review.commentRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={TEXT_LIMITS.note} aria-label={t('review.comment')} />
      </Form.Item>
    </CommandModal>
  );
}
