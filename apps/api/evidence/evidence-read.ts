import type { EvidenceFileRow } from '@duban/db';
import type { EvidenceFileDto } from './evidence.dto';

export function toEvidenceFileDto(row: EvidenceFileRow): EvidenceFileDto {
  return {
    id: row.id,
    measureId: row.measureId,
    fileName: row.fileName,
    contentType: row.contentType,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256.trim(),
    uploadedBy: row.uploadedBy,
    uploadedAt: row.uploadedAt.toISOString(),
    downloadUrl: `/evidence/${row.id}`,
  };
}

/** An ASCII name for old clients: the id, with the original extension when it is plain. */
export function asciiEvidenceName(file: EvidenceFileDto): string {
  const extension = /\.[A-Za-z0-9]{1,8}$/.exec(file.fileName)?.[0] ?? '';
  return `evidence-${file.id}${extension}`;
}
