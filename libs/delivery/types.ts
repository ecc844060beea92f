// The library's contract. See index.ts for the overview.

// ChannelKind and DeliveryOutcome are the domain's (libs/domain/delivery/types.ts), one definition:
//   sent(providerRef) | permanent | transient(scope: channel | address) | config | rate_limited(retryAfterMs),
// every `detail` scrubbed of the channel's secrets.
import type { ChannelKind, DeliveryOutcome } from '@duban/domain';

export type { ChannelKind, DeliveryOutcome };
export type DeliveryOutcomeKind = DeliveryOutcome['kind'];

/** One message as frozen in the outbox: every retry sends exactly this. */
export interface DeliveryMessage {
  /** Stable id (the outbox row id): the same on every retry and resend. */
  id: string | number;
  /** The message key (`<eventId>|<channelId>|<recipient>`…): hashed into the Message-ID. */
  key: string;
  /** Email address (email) or mobile number (sms); robots ignore it. */
  to?: string;
  subject: string;
  /** Plain text body (email text part, robot text, SMS text). */
  text: string;
  /** Markdown body for WeCom/DingTalk markdown messages (falls back to text). */
  markdown?: string;
  /** Link to the measure (`${DUBAN_PUBLIC_URL}/#/measures/<id>`). */
  link?: string;
  /** Mobiles to @-mention in a robot message (WeCom text, DingTalk at). */
  mentionMobiles?: string[];
}

export interface EmailConfig {
  host: string;
  port: number;
  /** true = TLS from the first byte (465); false = plain, upgraded with STARTTLS when offered. */
  secure?: boolean;
  /** Require STARTTLS (refuse to send in clear). */
  requireTLS?: boolean;
  /** Never try STARTTLS (test sinks, a relay on localhost). */
  ignoreTLS?: boolean;
  /** Accept a self-signed certificate (internal relays). Default false. */
  allowSelfSigned?: boolean;
  /** The From header, e.g. `督办系统 <duban@bureau.example>`. */
  from: string;
  /** SMTP user; the password is in the secrets. */
  user?: string;
  /** Domain of the Message-ID (the host of DUBAN_PUBLIC_URL); default: the From address's domain. */
  messageIdDomain?: string;
  /** Keep up to this many SMTP connections open (default 2). */
  maxConnections?: number;
}
export interface EmailSecrets {
  password?: string;
}

export interface RobotConfig {
  /** 关键词 security setting: every message must contain it (DingTalk, Feishu). */
  keyword?: string;
}
export interface RobotSecrets {
  /** The full webhook URL (it embeds the key / access_token / hook token). */
  webhook: string;
  /** 加签 / 签名校验 secret (DingTalk `SEC…`, Feishu). */
  signSecret?: string;
}

export type SmsContentType = 'json' | 'form';
export interface SmsConfig {
  method?: 'POST' | 'GET' | 'PUT';
  /** URL template: placeholders are URL-encoded. */
  url: string;
  /** Header templates: placeholders are inserted raw (CR/LF removed). */
  headers?: Record<string, string>;
  /** Body template: placeholders escaped for the content type (JSON string content, or form encoding). */
  body?: string;
  contentType?: SmsContentType;
  /** Success = HTTP 2xx and, when given, the answer's JSON value at `jsonPath` (dot path) equals `equals`. */
  success?: { jsonPath: string; equals: string | number | boolean };
  /** Longest text in characters (default 300; the renderer keeps SMS to title + link). */
  maxChars?: number;
}
export interface SmsSecrets {
  secret?: string;
}

export type ChannelSpec =
  | { kind: 'email'; config: EmailConfig; secrets: EmailSecrets }
  | { kind: 'sms'; config: SmsConfig; secrets: SmsSecrets }
  | { kind: 'wecom'; config: RobotConfig; secrets: RobotSecrets }
  | { kind: 'dingtalk'; config: RobotConfig; secrets: RobotSecrets }
  | { kind: 'feishu'; config: RobotConfig; secrets: RobotSecrets };

export interface SenderOptions {
  /** Timeout of every network call (connect, greeting, socket idle, HTTP request), ms. Default 10 000. */
  timeoutMs?: number;
  /** Clock for signatures and `{{timestamp}}` (tests). Default Date.now. */
  now?: () => number;
}

export interface Sender {
  readonly kind: ChannelKind;
  /** Never throws: every failure is an outcome, its detail scrubbed of the channel's secrets. */
  send(message: DeliveryMessage): Promise<DeliveryOutcome>;
  /** Close pooled connections (email). Safe to call twice. */
  close(): void;
}
