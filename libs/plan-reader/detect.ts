// Which format a file is, from its bytes alone: magic numbers, and for ZIP containers the part
// names (stored uncompressed in every local and central directory header).
import { PlanReadError } from './errors';
import type { PlanFormat } from './types';

const startsWith = (bytes: Uint8Array, magic: readonly number[], at = 0) => magic.every((b, i) => bytes[at + i] === b);

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]; // .doc, .xls, .wps, .et
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const IMAGES: readonly (readonly number[])[] = [
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF
  [0x49, 0x49, 0x2a, 0x00], // TIFF (little-endian)
  [0x4d, 0x4d, 0x00, 0x2a], // TIFF (big-endian)
  [0x42, 0x4d], // BMP
];
const RTF = [0x7b, 0x5c, 0x72, 0x74, 0x66]; // {\rtf

function containsAscii(bytes: Uint8Array, text: string): boolean {
  const needle = Buffer.from(text, 'latin1');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(needle);
}

/** The container or encoding level: text (txt or html) is told apart after decoding. */
export type ByteFormat = Exclude<PlanFormat, 'txt' | 'html'> | 'text';

export function detectByteFormat(bytes: Uint8Array): ByteFormat {
  // A PDF may carry a few bytes of junk before its header (the spec allows 1024).
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024));
  if (startsWith(bytes, PDF) || head.includes(Buffer.from('%PDF-', 'latin1'))) return 'pdf';
  if (startsWith(bytes, ZIP) || startsWith(bytes, EMPTY_ZIP)) {
    if (containsAscii(bytes, 'word/document.xml')) return 'docx';
    if (containsAscii(bytes, 'xl/workbook.xml')) return 'xlsx';
    // A .docx cut short before its parts, or another ZIP (an .odt, an archive).
    if (containsAscii(bytes, '[Content_Types].xml') && !containsAscii(bytes, 'opendocument')) throw new PlanReadError('damaged', 'an Office container without a document part');
    throw new PlanReadError('unsupported_format', 'zip');
  }
  if (startsWith(bytes, OLE2)) {
    // Office 2007+ files with an open password are stored inside an OLE2 container too.
    if (containsAscii(bytes, 'E\u0000n\u0000c\u0000r\u0000y\u0000p\u0000t\u0000e\u0000d\u0000P\u0000a\u0000c\u0000k\u0000a\u0000g\u0000e')) throw new PlanReadError('encrypted', 'EncryptedPackage');
    throw new PlanReadError('legacy_office', 'OLE2');
  }
  if (IMAGES.some((magic) => startsWith(bytes, magic)) || startsWith(bytes, RTF)) throw new PlanReadError('unsupported_format', 'image or rtf');
  return 'text';
}

const HTML_START = /^\s*(?:<!--[\s\S]*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta[\s>])/i;
const HTML_BLOCKS = /<(?:p|div|br|table|span|h[1-6])[\s>/]/gi;

/** Text that is a saved web page rather than plain text. */
export function looksLikeHtml(text: string): boolean {
  if (HTML_START.test(text)) return true;
  // A fragment copied from a page's source: several block tags and their closing tags.
  return (text.slice(0, 20_000).match(HTML_BLOCKS)?.length ?? 0) >= 3 && /<\/(?:p|div|td|span)>/i.test(text);
}
