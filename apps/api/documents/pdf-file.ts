// A generated PDF as an HTTP answer shown in the browser (inline), with its Chinese file name for 另存为.
import { StreamableFile } from '@nestjs/common';
import { encodeRfc5987 } from '../common/attachment';

export const PDF_CONTENT_TYPE = 'application/pdf';

export function inlineDisposition(fileName: string, asciiFileName: string): string {
  const fallback = asciiFileName.replace(/[^A-Za-z0-9._-]/g, '_');
  return `inline; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(fileName)}`;
}

export function pdfFile(file: { content: Buffer; fileName: string; asciiFileName: string }): StreamableFile {
  return new StreamableFile(file.content, { type: PDF_CONTENT_TYPE, disposition: inlineDisposition(file.fileName, file.asciiFileName), length: file.content.length });
}
