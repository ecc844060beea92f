import { z } from 'zod';

/** One file at most 20 MB: scans of signed documents and photos, not video. */
export const EVIDENCE_UPLOAD_LIMIT_BYTES = 20 * 1024 * 1024;

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
