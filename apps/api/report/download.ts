// A rendered report as an HTTP download: content type, and a Content-Disposition that carries the
// Chinese file name (RFC 6266 / RFC 5987 `filename*`) with an ASCII `filename` for old clients.
import { StreamableFile } from '@nestjs/common';
import type { ReportFile, ReportFormat } from './table';

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/** RFC 5987 value-chars: encodeURIComponent leaves ' ( ) * unescaped, which attr-char does not allow. */
export function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function attachmentDisposition(fileName: string, asciiFileName: string): string {
  const fallback = asciiFileName.replace(/[^A-Za-z0-9._-]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(fileName)}`;
}

export function download(file: ReportFile): StreamableFile {
  return new StreamableFile(file.content, {
    type: CONTENT_TYPES[file.format],
    disposition: attachmentDisposition(file.fileName, file.asciiFileName),
    length: file.content.length,
  });
}
