// Vendor size limits, in UTF-8 bytes, and truncation that never splits a character.

export const LIMITS = {
  /** WeCom 群机器人: text content ≤ 2048 bytes, markdown content ≤ 4096 bytes. */
  wecomText: 2048,
  wecomMarkdown: 4096,
  /** DingTalk 自定义机器人: not stated per field in the sources we have; kept at WeCom's markdown size to stay well under any limit. */
  dingtalkText: 4096,
  dingtalkMarkdown: 4096,
  /** Feishu 自定义机器人: the whole request body ≤ 20 KB. */
  feishuBody: 20 * 1024,
} as const;

const ELLIPSIS = '…';

export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** `text` cut to at most `maxBytes` UTF-8 bytes, ending in '…' when cut (a whole character is never split). */
export function truncateBytes(text: string, maxBytes: number): string {
  if (byteLength(text) <= maxBytes) return text;
  const room = maxBytes - byteLength(ELLIPSIS);
  if (room <= 0) return '';
  let used = 0;
  let out = '';
  for (const ch of text) {
    const size = byteLength(ch);
    if (used + size > room) break;
    used += size;
    out += ch;
  }
  return out + ELLIPSIS;
}

/** `text` cut to at most `maxChars` characters (code points), ending in '…' when cut. */
export function truncateChars(text: string, maxChars: number): string {
  const chars = [...text];
  if (chars.length <= maxChars) return text;
  return chars.slice(0, Math.max(0, maxChars - 1)).join('') + ELLIPSIS;
}

/**
 * Fit `body` so that `withKeyword(body)` is at most `maxBytes`: the keyword line (关键词) is never cut off.
 */
export function fitWithKeyword(body: string, keyword: string | undefined, maxBytes: number): string {
  if (!keyword || body.includes(keyword)) {
    const cut = truncateBytes(body, maxBytes);
    if (!keyword || cut.includes(keyword)) return cut;
  }
  const suffix = `\n${keyword}`;
  return truncateBytes(body, maxBytes - byteLength(suffix)) + suffix;
}
