// Bytes → text for callers that read files. Chinese government sites still publish GBK, so
// bytes that are not UTF-8 are tried as GB18030 (a superset of GBK) before giving up.
import { PlanParseError } from './errors';

const UTF8_BOM = [0xef, 0xbb, 0xbf];

export function decodePlanBytes(bytes: Uint8Array): string {
  // Checked on the bytes, before any decoding: binary formats and UTF-16 text contain NUL bytes.
  if (bytes.includes(0)) throw new PlanParseError('binary');
  const hasBom = UTF8_BOM.every((byte, i) => bytes[i] === byte);
  const content = hasBom ? bytes.subarray(UTF8_BOM.length) : bytes;

  const utf8 = new TextDecoder('utf-8').decode(content);
  const invalidSequences = utf8.match(/\ufffd/g)?.length ?? 0;
  // A few bad sequences (a truncated download) still leave a readable UTF-8 document; the parser
  // rejects the text if there are too many.
  if (hasBom || invalidSequences <= utf8.length / 200) return utf8;
  try {
    return new TextDecoder('gb18030', { fatal: true }).decode(content);
  } catch {
    throw new PlanParseError('binary');
  }
}
