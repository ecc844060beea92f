// Evidence as file names or links typed in (there is no upload endpoint yet), one tag each.
import { Form, Select } from 'antd';
import { useI18n } from '../lib/i18n';

export function EvidenceField({ name = 'evidence' }: { name?: string }) {
  const { t } = useI18n();
  return (
    <Form.Item name={name} label={t('evidence.label')} extra={t('evidence.hint')}>
      <Select mode="tags" open={false} tokenSeparators={['\n']} placeholder={t('evidence.placeholder')} aria-label={t('evidence.label')} />
    </Form.Item>
  );
}
