// A rendered report as an HTTP download.
import { StreamableFile } from '@nestjs/common';
import { attachmentDisposition } from '../common/attachment';
import type { ReportFile, ReportFormat } from './table';

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  pdf: 'application/pdf',
};

export function download(file: ReportFile): StreamableFile {
  return new StreamableFile(file.content, {
    type: CONTENT_TYPES[file.format],
    disposition: attachmentDisposition(file.fileName, file.asciiFileName),
    length: file.content.length,
  });
}
