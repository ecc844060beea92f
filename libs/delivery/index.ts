// @duban/delivery — sends one outbox message through one channel and says what came of it.
//
//   const sender = createSender({ kind: 'email', config: { host, port, from, messageIdDomain }, secrets: { password } });
//   const outcome = await sender.send({ id: row.id, key: row.messageKey, to: row.address, subject, text, link });
//   sender.close();                                  // email keeps a small SMTP pool open until then
//
// Kinds: email (SMTP via nodemailer), sms (a configurable HTTP gateway template), wecom / dingtalk /
// feishu (group-robot webhooks, signed as each vendor documents it). `send` never throws; it returns
//   { kind: 'sent', providerRef }                    SMTP answer / vendor answer, for the delivery log
//   { kind: 'permanent', detail }                    this message never goes (550 RCPT, content refused, HTTP 4xx): mark failed, go on
//   { kind: 'transient', scope: 'channel', detail }  the channel is down (refused, timeout, 421, 5xx): keep the row, block the lane, retry
//   { kind: 'transient', scope: 'address', detail }  only this recipient, for now (450–452 RCPT): retry the row later, go on
//   { kind: 'config', detail }                       settings wrong (SMTP 535, WeCom 93000, DingTalk 310000, Feishu 19021/19022/19024, HTTP 401/403/404): pause the lane
//   { kind: 'rate_limited', retryAfterMs, detail }   the vendor said slow down: wait, then the same message again
// The tables behind this are pure functions in classify.ts (classifySmtp, classifyHttpStatus, classifyWecom,
// classifyDingtalk, classifyFeishu).
//
// Stable ids: the email Message-ID is `<id.sha256(key)[0..16]@messageIdDomain>` (set messageIdDomain to the
// host of DUBAN_PUBLIC_URL) with an `X-Duban-Message-Key` header; the SMS `{{messageId}}` is `<id>x<hash16>`.
// Robots have no dedup key: put `消息编号 <id>` in the text (the renderer does).
//
// Secrets: every `detail` and `providerRef` passes through `scrub(text, secrets)` (each secret, its
// URL/form/JSON-encoded forms, and the key/access_token/hook token inside a webhook URL); nodemailer runs
// with logger and debug off. Show secrets with `mask` (`••••a1b2`) and webhooks with `maskWebhook`.
// Limits: WeCom text 2048 / markdown 4096 bytes, DingTalk 4096 bytes, Feishu body 20 KB, SMS `maxChars`
// (default 300): longer content is cut with '…', never the DingTalk/Feishu 关键词 (config.keyword).
// Settings: `channelProblems(channel)` lists what is wrong in plain Chinese (the admin form checks it on save;
// `send` answers `config` with the same words). `messageIdDomainFor(DUBAN_PUBLIC_URL)` gives messageIdDomain.
// Timeouts: `options.timeoutMs` (default 10 s) on SMTP connect/greeting/socket and on every HTTP request.
//
// Imports: Node built-ins, fetch and nodemailer only — no database, Temporal, runtime or API code
// (eslint enforces it), so the API (test send) and the delivery activity both use it.
import { createEmailSender } from './email';
import { createRobotSender } from './robots';
import { createSmsSender } from './sms';
import type { ChannelSpec, Sender, SenderOptions } from './types';
import { channelProblems } from './validate';

export type * from './types';
export { classifySmtp, classifyHttpStatus, classifyNetworkError, classifyWecom, classifyDingtalk, classifyFeishu, retryAfterMs, type SmtpFailure } from './classify';
export { mask, maskWebhook, scrub, secretValues, secretVariants } from './secrets';
export { dingtalkSign, feishuSign, emailMessageId, messageIdDomainFor, smsMessageId, messageToken } from './signing';
export { channelProblems } from './validate';
export { LIMITS, truncateBytes, truncateChars, byteLength } from './limits';
export { smsTemplateProblems, SMS_PLACEHOLDERS } from './sms';

export function createSender(channel: ChannelSpec, options: SenderOptions = {}): Sender {
  const problems = channelProblems(channel);
  if (problems.length) {
    // Settings that can never work: every send says so (the lane pauses) and nothing is opened.
    const detail = `渠道设置有误：${problems.join('；')}`;
    return { kind: channel.kind, close() {}, send: async () => ({ kind: 'config', detail }) };
  }
  switch (channel.kind) {
    case 'email':
      return createEmailSender(channel.config, channel.secrets, options);
    case 'sms':
      return createSmsSender(channel.config, channel.secrets, options);
    case 'wecom':
    case 'dingtalk':
    case 'feishu':
      return createRobotSender(channel.kind, channel.config, channel.secrets, options);
  }
}

/**
 * Senders kept per channel id and rebuilt when the channel's settings change (so the SMTP pool is
 * reused across batches). `get(id, channel)` returns the cached sender while config and secrets are the same.
 */
export function createSenderCache(options: SenderOptions = {}) {
  const cache = new Map<string, { fingerprint: string; sender: Sender }>();
  return {
    get(id: string, channel: ChannelSpec): Sender {
      const fingerprint = JSON.stringify([channel.kind, channel.config, channel.secrets]);
      const hit = cache.get(id);
      if (hit && hit.fingerprint === fingerprint) return hit.sender;
      hit?.sender.close();
      const sender = createSender(channel, options);
      cache.set(id, { fingerprint, sender });
      return sender;
    },
    closeAll() {
      for (const { sender } of cache.values()) sender.close();
      cache.clear();
    },
  };
}
