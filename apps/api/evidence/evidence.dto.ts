import { z } from 'zod';

/** One file at most 20 MB: scans of signed documents and photos, not video. */
export const EVIDENCE_UPLOAD_LIMIT_BYTES = 20 * 1024 * 1024;

/** Per measure at most 100 files and 200 MB in all: a year's 佐证材料, not an archive. */
export const EVIDENCE_MAX_FILES_PER_MEASURE = 100;
export const EVIDENCE_MAX_BYTES_PER_MEASURE = 200 * 1024 * 1024;

export const evidenceIdParam = z.uuid({ error: '材料编号格式无效' });

export interface EvidenceFileDto {
  id: string;
  measureId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  /** SHA-256 of the bytes, hex: the same file downloaded later must hash the same. */
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
  downloadUrl: string;
}
