// readPlanDocument: the bytes of a plan file → its text for parsePlan (and its task rows), by the
// format its content shows. No network, no files: bytes in, text out.
import { decodePlanBytes } from '@duban/plan-parser';
import { detectByteFormat, looksLikeHtml } from './detect';
import { readDocx } from './docx';
import { PlanReadError } from './errors';
import { declaredCharset, htmlText } from './html';
import { readPdf } from './pdf';
import type { PlanDocument } from './types';
import { readXlsx } from './xlsx';

/** Uploads and files larger than this are refused before reading (real DOCX/PDF plans carry images). */
export const PLAN_DOCUMENT_MAX_BYTES = 50 * 1024 * 1024;

export async function readPlanDocument(bytes: Uint8Array): Promise<PlanDocument> {
  switch (detectByteFormat(bytes)) {
    case 'docx':
      return readDocx(bytes);
    case 'xlsx':
      return readXlsx(bytes);
    case 'pdf':
      return readPdf(bytes);
    case 'text':
      return readText(bytes);
  }
}

const UTF16LE_BOM = [0xff, 0xfe];
const UTF16BE_BOM = [0xfe, 0xff];
const GB_CHARSETS = new Set(['gb2312', 'gbk', 'gb18030', 'x-gbk', 'cp936']);

function readText(bytes: Uint8Array): PlanDocument {
  const text = decodeText(bytes);
  if (looksLikeHtml(text)) {
    const page = GB_CHARSETS.has(declaredCharset(bytes) ?? '') ? new TextDecoder('gb18030').decode(bytes) : text;
    return { format: 'html', text: htmlText(page), taskRows: [] };
  }
  return { format: 'txt', text, taskRows: [] };
}

function decodeText(bytes: Uint8Array): string {
  // Windows Notepad's 「Unicode」 is UTF-16 with a byte order mark.
  if (UTF16LE_BOM.every((b, i) => bytes[i] === b)) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (UTF16BE_BOM.every((b, i) => bytes[i] === b)) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return decodePlanBytes(bytes);
  } catch {
    // Not UTF-8, not GB18030 and not one of the document formats: nothing this reader knows.
    throw new PlanReadError('unsupported_format', 'binary');
  }
}
