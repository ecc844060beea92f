// 佐证材料 as cited by events: an uploaded file's id (shown as a download link with its name) or a
// plain description typed in (纸质材料已报送, a link). The measure's files come from its detail page.
import { PaperClipOutlined } from '@ant-design/icons';
import { App, Tooltip, Typography } from 'antd';
import { createContext, useContext, type ReactNode } from 'react';
import { isEvidenceFileId } from '@duban/domain';
import { downloadEvidence } from '../api/endpoints';
import type { EvidenceFile } from '../api/types';
import { useI18n } from './i18n';


const EvidenceFiles = createContext<ReadonlyMap<string, EvidenceFile>>(new Map());

export function EvidenceFilesProvider({ files, children }: { files: EvidenceFile[]; children: ReactNode }) {
  return <EvidenceFiles.Provider value={new Map(files.map((f) => [f.id, f]))}>{children}</EvidenceFiles.Provider>;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function EvidenceLink({ file }: { file: Pick<EvidenceFile, 'downloadUrl' | 'fileName' | 'sizeBytes' | 'sha256'> }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  return (
    <Tooltip title={t('evidence.sha', { hash: file.sha256 })}>
      <Typography.Link
        data-testid="evidence-link"
        onClick={() => downloadEvidence(file).catch((error: unknown) => void message.error(error instanceof Error ? error.message : String(error)))}
      >
        <PaperClipOutlined /> {file.fileName}
      </Typography.Link>
      <Typography.Text type="secondary"> ({formatBytes(file.sizeBytes)})</Typography.Text>
    </Tooltip>
  );
}

/** The evidence an event or report cites, files as download links. */
export function EvidenceRefs({ refs }: { refs: readonly string[] }) {
  const { t } = useI18n();
  const files = useContext(EvidenceFiles);
  return (
    <>
      {refs.map((ref, i) => {
        const file = isEvidenceFileId(ref) ? files.get(ref.toLowerCase()) : undefined;
        return (
          <span key={`${ref}-${i}`}>
            {i > 0 && '；'}
            {file ? <EvidenceLink file={file} /> : isEvidenceFileId(ref) ? t('evidence.missing') : ref}
          </span>
        );
      })}
    </>
  );
}
