// Classification tables (ISSUE16-PLAN §3.3): what an SMTP reply, an HTTP status or a vendor error code
// means for the outbox. Pure: the senders gather the facts, these decide. `detail` is passed through
// as given — the senders scrub it before calling.
import type { DeliveryOutcome } from './types';

const MINUTE = 60_000;

/** The facts of a failed SMTP send, as nodemailer reports them. */
export interface SmtpFailure {
  /** nodemailer's error code: ECONNECTION, ETIMEDOUT, EENVELOPE, EAUTH, … */
  code?: string;
  /** The SMTP reply code (550, 421, …) when the server answered. */
  responseCode?: number;
  /** The command that was answered: 'CONN', 'EHLO', 'MAIL FROM', 'RCPT TO', 'DATA', 'AUTH PLAIN', … */
  command?: string;
}

const NETWORK_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND', 'EPROTOCOL']);
const AUTH_REPLIES = new Set([530, 534, 535, 538]);

export function classifySmtp(failure: SmtpFailure, detail: string): DeliveryOutcome {
  const { code, responseCode } = failure;
  const command = (failure.command ?? '').toUpperCase();
  if (responseCode !== undefined && AUTH_REPLIES.has(responseCode)) return { kind: 'config', detail };
  if (code === 'EAUTH' || code === 'ENOAUTH' || code === 'ETLS' || code === 'EREQUIRETLS' || code === 'ECONFIG') return { kind: 'config', detail };
  if (responseCode === 421) return { kind: 'transient', scope: 'channel', detail };
  if (responseCode !== undefined) {
    const permanentReply = responseCode >= 500 && responseCode < 600;
    if (command.startsWith('RCPT')) {
      // 550/551/553 no such mailbox, 552 over quota, 554 refused: this address never takes it. 450–452: try it later.
      return permanentReply ? { kind: 'permanent', detail } : { kind: 'transient', scope: 'address', detail };
    }
    if (command.startsWith('MAIL')) {
      // The server refuses our sender address: the channel's From is wrong (or not allowed for the user).
      return permanentReply ? { kind: 'config', detail } : { kind: 'transient', scope: 'channel', detail };
    }
    if (command.startsWith('DATA') || command.startsWith('BDAT') || (command === '' && code === 'EMESSAGE')) {
      // 552 too big, 554/550 content refused: this message never goes. 451/452 at DATA: the server is in trouble.
      return permanentReply ? { kind: 'permanent', detail } : { kind: 'transient', scope: 'channel', detail };
    }
    // The greeting, EHLO or anything else refused: the server (or our connection to it) is not working.
    return { kind: 'transient', scope: 'channel', detail };
  }
  if (code === 'EENVELOPE' || code === 'EMESSAGE' || code === 'EMAXRECIPIENTS') return { kind: 'permanent', detail };
  if (code !== undefined && NETWORK_CODES.has(code)) return { kind: 'transient', scope: 'channel', detail };
  return { kind: 'transient', scope: 'channel', detail };
}

/** Retry-After (seconds or an HTTP date) → ms, or undefined. */
export function retryAfterMs(value: string | null | undefined, nowMs: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/**
 * An HTTP status that is not 2xx, for any HTTP channel (robots, SMS gateway):
 * 401/403/404 → config (key or URL wrong), 408 → transient, 429 → rate-limited, other 4xx → permanent, 5xx → transient.
 */
export function classifyHttpStatus(status: number, detail: string, retryAfter?: number): DeliveryOutcome {
  if (status === 401 || status === 403 || status === 404) return { kind: 'config', detail };
  if (status === 429) return { kind: 'rate_limited', retryAfterMs: retryAfter ?? MINUTE, detail };
  if (status === 408) return { kind: 'transient', scope: 'channel', detail };
  if (status >= 400 && status < 500) return { kind: 'permanent', detail };
  return { kind: 'transient', scope: 'channel', detail };
}

/** A network failure of an HTTP channel (refused, reset, DNS, timeout): the channel is down. */
export function classifyNetworkError(detail: string): DeliveryOutcome {
  return { kind: 'transient', scope: 'channel', detail };
}

/** WeCom 群机器人 `errcode`. 45009 frequency → rate-limited (a minute: the limit is 20/min); 93000 bad webhook key → config. */
export function classifyWecom(errcode: number, detail: string): DeliveryOutcome | undefined {
  if (errcode === 0) return undefined;
  if (errcode === 45009) return { kind: 'rate_limited', retryAfterMs: MINUTE, detail };
  if (errcode === 93000 || errcode === 40013 || errcode === 40014) return { kind: 'config', detail };
  if (errcode === -1) return { kind: 'transient', scope: 'channel', detail }; // 系统繁忙
  return { kind: 'permanent', detail };
}

/**
 * DingTalk 自定义机器人 `errcode`. 310000 sign mismatch / keyword missing / IP not allowed → config;
 * 300001 token not found → config; 130101 send too fast → rate-limited 10 min (the robot is throttled
 * that long); 90030 webhook over limit (quota) → rate-limited an hour.
 */
export function classifyDingtalk(errcode: number, detail: string): DeliveryOutcome | undefined {
  if (errcode === 0) return undefined;
  if (errcode === 310000 || errcode === 300001 || errcode === 400102) return { kind: 'config', detail };
  if (errcode === 130101) return { kind: 'rate_limited', retryAfterMs: 10 * MINUTE, detail };
  if (errcode === 90030) return { kind: 'rate_limited', retryAfterMs: 60 * MINUTE, detail };
  if (errcode === -1) return { kind: 'transient', scope: 'channel', detail };
  return { kind: 'permanent', detail };
}

/**
 * Feishu 自定义机器人 `code`. 19021 sign/timestamp, 19022 IP, 19024 keyword, 19001 bad hook → config;
 * 11232 frequency, 99991400 rate limit → rate-limited (`x-ogw-ratelimit-reset` seconds when given);
 * 19036 body too large and other codes → permanent.
 */
export function classifyFeishu(code: number, detail: string, resetMs?: number): DeliveryOutcome | undefined {
  if (code === 0) return undefined;
  if (code === 19021 || code === 19022 || code === 19024 || code === 19001) return { kind: 'config', detail };
  if (code === 11232 || code === 99991400) return { kind: 'rate_limited', retryAfterMs: resetMs ?? MINUTE, detail };
  return { kind: 'permanent', detail };
}
