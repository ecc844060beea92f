import { TEXT_LIMITS } from '@duban/domain';
// 申请延期 (staff) and 审批延期 (department head).
import { DatePicker, Descriptions, Form, Input, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { decideExtension, requestExtension } from '../api/endpoints';
import type { ExtensionRequest } from '../api/types';
import { useDirectory } from '../lib/directory';
import { useI18n } from '../lib/i18n';
import { CommandModal } from './CommandModal';

interface Common {
  measureId: string;
  open: boolean;
  onClose(): void;
  onDone(): void;
}

export function RequestExtensionDialog({ measureId, open, onClose, onDone }: Common) {
  const { t } = useI18n();
  return (
    <CommandModal<{ newDueDate: Dayjs; reason: string }>
      title={t('extension.requestTitle')}
      okText={t('extension.request')}
      successText={t('extension.requested')}
      open={open}
      onClose={onClose}
      onDone={onDone}
      send={(v) => requestExtension(measureId, { newDueDate: v.newDueDate.format('YYYY-MM-DD'), reason: v.reason })}
    >
      <Form.Item name="newDueDate" label={t('extension.newDue')} rules={[{ required: true, message: t('extension.newDueRequired') }]}>
        <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} aria-label={t('extension.newDue')} />
      </Form.Item>
      <Form.Item name="reason" label={t('extension.reason')} rules={[{ required: true, whitespace: true, message: t('extension.reasonRequired') }]}>
        <Input.TextArea rows={3} maxLength={TEXT_LIMITS.note} aria-label={t('extension.reason')} />
      </Form.Item>
    </CommandModal>
  );
}

export function DecideExtensionDialog({ measureId, request, open, onClose, onDone }: Common & { request: ExtensionRequest }) {
  const { t } = useI18n();
  const { userName } = useDirectory();
  return (
    <CommandModal<{ approve: boolean; comment?: string }>
      title={t('extension.decideTitle')}
      successText={t('extension.decided')}
      open={open}
      onClose={onClose}
      onDone={onDone}
      initialValues={{ approve: true }}
      send={(v) => decideExtension(measureId, request.n, { approve: v.approve, comment: v.comment?.trim() || undefined })}
    >
      <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('extension.requestedBy')}>{userName(request.requestedBy)}</Descriptions.Item>
        <Descriptions.Item label={t('extension.newDue')}>{request.newDueDate}</Descriptions.Item>
        <Descriptions.Item label={t('extension.reason')}>{request.reason}</Descriptions.Item>
      </Descriptions>
      <Form.Item name="approve" label={t('extension.decision')}>
        <Radio.Group
          options={[
            { value: true, label: t('extension.agree') },
            { value: false, label: t('extension.disagree') },
          ]}
        />
      </Form.Item>
      <Form.Item noStyle shouldUpdate>
        {({ getFieldValue }) => (
          <Form.Item
            name="comment"
            label={t('review.comment')}
            rules={getFieldValue('approve') === false ? [{ required: true, whitespace: true, message: t('extension.commentRequired') }] : []}
          >
            <Input.TextArea rows={2} maxLength={TEXT_LIMITS.note} aria-label={t('review.comment')} />
          </Form.Item>
        )}
      </Form.Item>
    </CommandModal>
  );
}
