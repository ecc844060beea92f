// Robot signatures, exactly as the vendors document them (ISSUE16-PLAN §2).
import { createHash, createHmac } from 'node:crypto';

/**
 * DingTalk 加签: sign = urlEncode(base64(HmacSHA256(key = secret, message = timestamp + "\n" + secret))),
 * timestamp in milliseconds; both go in the query string.
 */
export function dingtalkSign(secret: string, timestampMs: number): { timestamp: string; sign: string } {
  const timestamp = String(timestampMs);
  const base64 = createHmac('sha256', secret).update(`${timestamp}\n${secret}`, 'utf8').digest('base64');
  return { timestamp, sign: encodeURIComponent(base64) };
}

/**
 * Feishu 签名校验: sign = base64(HmacSHA256(key = timestamp + "\n" + secret, message = "")), timestamp in
 * seconds (a string); both go in the JSON body, not URL-encoded.
 */
export function feishuSign(secret: string, timestampMs: number): { timestamp: string; sign: string } {
  const timestamp = String(Math.floor(timestampMs / 1000));
  const sign = createHmac('sha256', `${timestamp}\n${secret}`).update('').digest('base64');
  return { timestamp, sign };
}

/** The stable message token: `<id>.<first 16 hex of sha256(key)>` (Message-ID local part, SMS {{messageId}} base). */
export function messageToken(id: string | number, key: string): string {
  return `${id}.${createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 16)}`;
}

/** Email Message-ID: `<id.hash16@domain>` — the same for every retry and resend of one outbox row. */
export function emailMessageId(id: string | number, key: string, domain: string): string {
  return `<${messageToken(id, key)}@${domain}>`;
}

/** The Message-ID domain for a public URL: its host name (no port, no brackets). */
export function messageIdDomainFor(publicUrl: string): string {
  return new URL(publicUrl).hostname.replace(/^\[|\]$/g, '');
}

/** SMS 外部流水号: letters and digits only (gateways often allow nothing else): `<id>x<hash16>`. */
export function smsMessageId(id: string | number, key: string): string {
  return messageToken(id, key).replace('.', 'x').replace(/[^0-9A-Za-z]/g, '');
}
