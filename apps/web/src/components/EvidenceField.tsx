// 佐证材料 for a report, submission or rectification: files uploaded to the measure at once (their
// ids go with the command), and other evidence described in words, one tag each.
import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Form, Select, Space, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { isEvidenceFileId } from '@duban/domain';
import { uploadEvidence } from '../api/endpoints';
import type { EvidenceFile } from '../api/types';
import { useI18n } from '../lib/i18n';

const LIMIT_BYTES = 20 * 1024 * 1024;
/** Stands in the value while a file is uploading, so the form refuses to send too early. */
const UPLOADING = 'uploading:';

/** The measure a finding belongs to: finding ids are `<measure id>-f<n>`. */
export const measureOfFinding = (findingId: string): string => findingId.replace(/-f\d+$/, '');

export function EvidenceField({ measureId, name = 'evidence' }: { measureId: string; name?: string }) {
  const { t } = useI18n();
  return (
    <Form.Item
      name={name}
      label={t('evidence.label')}
      extra={t('evidence.hint')}
      rules={[{ validator: (_, value?: string[]) => (value?.some((v) => v.startsWith(UPLOADING)) ? Promise.reject(new Error(t('evidence.uploading'))) : Promise.resolve()) }]}
    >
      <EvidenceInput measureId={measureId} />
    </Form.Item>
  );
}

function EvidenceInput({ measureId, value = [], onChange }: { measureId: string; value?: string[]; onChange?(value: string[]): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [files, setFiles] = useState<Array<UploadFile<EvidenceFile>>>([]);
  const texts = value.filter((v) => !isEvidenceFileId(v) && !v.startsWith(UPLOADING));

  const emit = (nextFiles: Array<UploadFile<EvidenceFile>>, nextTexts: string[]) =>
    onChange?.([
      ...nextFiles.flatMap((f) => (f.status === 'done' && f.response ? [f.response.id] : f.status === 'uploading' ? [`${UPLOADING}${f.uid}`] : [])),
      ...nextTexts,
    ]);

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Upload<EvidenceFile>
        multiple
        fileList={files}
        beforeUpload={(file) => {
          if (file.size <= LIMIT_BYTES) return true;
          void message.error(t('evidence.tooLarge', { name: file.name }));
          return Upload.LIST_IGNORE;
        }}
        customRequest={({ file, onSuccess, onError }) => {
          const picked = file as File;
          uploadEvidence(measureId, picked).then(
            (saved) => onSuccess?.(saved),
            (error: unknown) => {
              const reason = error instanceof Error ? error.message : String(error);
              void message.error(t('evidence.uploadFailed', { name: picked.name, reason }));
              onError?.(error instanceof Error ? error : new Error(reason));
            },
          );
        }}
        onChange={({ fileList }) => {
          // A file that failed stays listed (in red) but is never cited.
          setFiles(fileList);
          emit(fileList, texts);
        }}
      >
        <Button icon={<UploadOutlined />} data-testid="evidence-upload">
          {t('evidence.upload')}
        </Button>
      </Upload>
      <Select mode="tags" open={false} tokenSeparators={['\n']} value={texts} onChange={(next: string[]) => emit(files, next)} placeholder={t('evidence.placeholder')} aria-label={t('evidence.label')} />
    </Space>
  );
}
