// Group robots: WeCom 群机器人, DingTalk 自定义机器人, Feishu 自定义机器人 (formats: ISSUE16-PLAN §2).
import { classifyDingtalk, classifyFeishu, classifyHttpStatus, classifyNetworkError, classifyWecom, retryAfterMs } from './classify';
import { describeNetworkError, excerpt, httpCall, type HttpAnswer } from './http';
import { LIMITS, byteLength, fitWithKeyword, truncateBytes } from './limits';
import { scrub, secretValues } from './secrets';
import { dingtalkSign, feishuSign } from './signing';
import type { DeliveryMessage, DeliveryOutcome, RobotConfig, RobotSecrets, Sender, SenderOptions } from './types';

type RobotKind = 'wecom' | 'dingtalk' | 'feishu';

interface Request {
  url: string;
  body: string;
}

/** Subject, text and the link as plain lines (the link appended unless the text already has it). */
export function plainContent(message: DeliveryMessage): string {
  const lines: string[] = [];
  if (!message.text.startsWith(message.subject)) lines.push(message.subject);
  lines.push(message.text);
  if (message.link && !message.text.includes(message.link)) lines.push(message.link);
  return lines.join('\n');
}

/** The markdown body (or the text when there is none), a 查看 link appended unless present. */
export function markdownContent(message: DeliveryMessage): string {
  const body = message.markdown ?? `**${message.subject}**\n\n${message.text}`;
  return message.link && !body.includes(message.link) ? `${body}\n\n[查看](${message.link})` : body;
}

export function wecomRequest(webhook: string, message: DeliveryMessage): Request {
  const payload = message.markdown
    ? { msgtype: 'markdown', markdown: { content: truncateBytes(markdownContent(message), LIMITS.wecomMarkdown) } }
    : {
        msgtype: 'text',
        text: {
          content: truncateBytes(plainContent(message), LIMITS.wecomText),
          ...(message.mentionMobiles?.length ? { mentioned_mobile_list: message.mentionMobiles } : {}),
        },
      };
  return { url: webhook, body: JSON.stringify(payload) };
}

export function dingtalkRequest(webhook: string, config: RobotConfig, signSecret: string | undefined, message: DeliveryMessage, nowMs: number): Request {
  let url = webhook;
  if (signSecret) {
    const { timestamp, sign } = dingtalkSign(signSecret, nowMs);
    url += `${webhook.includes('?') ? '&' : '?'}timestamp=${timestamp}&sign=${sign}`;
  }
  const at = { atMobiles: message.mentionMobiles ?? [], isAtAll: false };
  const payload = message.markdown
    ? { msgtype: 'markdown', markdown: { title: message.subject, text: fitWithKeyword(markdownContent(message), config.keyword, LIMITS.dingtalkMarkdown) }, at }
    : { msgtype: 'text', text: { content: fitWithKeyword(plainContent(message), config.keyword, LIMITS.dingtalkText) }, at };
  return { url, body: JSON.stringify(payload) };
}

export function feishuRequest(webhook: string, config: RobotConfig, signSecret: string | undefined, message: DeliveryMessage, nowMs: number): Request {
  const signature = signSecret ? feishuSign(signSecret, nowMs) : undefined;
  const build = (text: string) => {
    const rows: Array<Array<Record<string, string>>> = text.split('\n').map((line) => [{ tag: 'text', text: line }]);
    if (message.link) rows.push([{ tag: 'a', text: '查看详情', href: message.link }]);
    return JSON.stringify({
      ...(signature ? { timestamp: signature.timestamp, sign: signature.sign } : {}),
      msg_type: 'post',
      content: { post: { zh_cn: { title: message.subject, content: rows } } },
    });
  };
  const text = message.link ? message.text.split(message.link).join('').trimEnd() : message.text;
  let room = LIMITS.feishuBody - (byteLength(build('')) + 64);
  let body = build(fitWithKeyword(text, config.keyword, room));
  // JSON escaping can grow the text (quotes, newlines): shrink until the whole body fits.
  while (byteLength(body) > LIMITS.feishuBody && room > 0) {
    room -= byteLength(body) - LIMITS.feishuBody + 16;
    body = build(fitWithKeyword(text, config.keyword, room));
  }
  return { url: webhook, body };
}

function vendorCode(kind: RobotKind, json: unknown): number | undefined {
  if (!json || typeof json !== 'object') return undefined;
  const answer = json as Record<string, unknown>;
  const value = kind === 'feishu' ? (answer.code ?? answer.StatusCode) : answer.errcode;
  return typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : undefined;
}

/** An HTTP answer of a robot → an outcome (detail not yet scrubbed). */
export function robotOutcome(kind: RobotKind, answer: HttpAnswer, nowMs: number): DeliveryOutcome {
  const summary = `HTTP ${answer.status} ${excerpt(answer.text)}`;
  const reset = answer.headers.get('x-ogw-ratelimit-reset');
  const wait = retryAfterMs(answer.headers.get('retry-after'), nowMs) ?? (reset ? retryAfterMs(reset, nowMs) : undefined);
  if (answer.status === 429) return classifyHttpStatus(429, summary, wait);
  const code = vendorCode(kind, answer.json);
  if (code !== undefined && (code !== 0 || (answer.status >= 200 && answer.status < 300))) {
    const outcome = kind === 'wecom' ? classifyWecom(code, summary) : kind === 'dingtalk' ? classifyDingtalk(code, summary) : classifyFeishu(code, summary, wait);
    return outcome ?? { kind: 'sent', providerRef: summary };
  }
  if (answer.status < 200 || answer.status >= 300) return classifyHttpStatus(answer.status, summary, wait);
  return { kind: 'transient', scope: 'channel', detail: `unexpected answer: ${summary}` };
}

export function createRobotSender(kind: RobotKind, config: RobotConfig, secrets: RobotSecrets, options: SenderOptions = {}): Sender {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const now = options.now ?? Date.now;
  const hidden = secretValues(secrets);
  const clean = (outcome: DeliveryOutcome): DeliveryOutcome =>
    outcome.kind === 'sent' ? { ...outcome, providerRef: scrub(outcome.providerRef, hidden) } : { ...outcome, detail: scrub(outcome.detail, hidden) };
  return {
    kind,
    close() {},
    async send(message) {
      if (!secrets.webhook) return { kind: 'config', detail: '未设置机器人 Webhook 地址' };
      try {
        const at = now();
        const request =
          kind === 'wecom'
            ? wecomRequest(secrets.webhook, message)
            : kind === 'dingtalk'
              ? dingtalkRequest(secrets.webhook, config, secrets.signSecret, message, at)
              : feishuRequest(secrets.webhook, config, secrets.signSecret, message, at);
        new URL(request.url); // a malformed webhook is a settings problem, not an outage
        let answer: HttpAnswer;
        try {
          answer = await httpCall(request.url, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: request.body }, timeoutMs);
        } catch (error) {
          return clean(classifyNetworkError(describeNetworkError(error, timeoutMs)));
        }
        return clean(robotOutcome(kind, answer, now()));
      } catch (error) {
        // A malformed webhook URL and the like: the channel's settings are wrong.
        return clean({ kind: 'config', detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
      }
    },
  };
}
