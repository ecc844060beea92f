// SMS through a configurable HTTP gateway template (ISSUE16-PLAN §2): placeholders
// {{mobile}} {{text}} {{messageId}} {{timestamp}} {{secret}}, each escaped for where it stands.
import { classifyHttpStatus, classifyNetworkError, retryAfterMs } from './classify';
import { describeNetworkError, excerpt, httpCall } from './http';
import { truncateChars } from './limits';
import { scrub, secretValues } from './secrets';
import { smsMessageId } from './signing';
import type { DeliveryMessage, DeliveryOutcome, Sender, SenderOptions, SmsConfig, SmsSecrets } from './types';

export const SMS_PLACEHOLDERS = ['mobile', 'text', 'messageId', 'timestamp', 'secret'] as const;
export type SmsPlaceholder = (typeof SMS_PLACEHOLDERS)[number];
export type SmsValues = Record<SmsPlaceholder, string>;

const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

/** Escapers per target: URL component, JSON string content (the template supplies the quotes), form field, header. */
export const escapeFor = {
  url: (value: string) => encodeURIComponent(value),
  json: (value: string) => JSON.stringify(value).slice(1, -1),
  form: (value: string) => encodeURIComponent(value).replace(/%20/g, '+'),
  header: (value: string) => value.replace(/[\r\n]+/g, ' '),
} as const;

export function fillTemplate(template: string, values: SmsValues, escape: (value: string) => string): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => ((SMS_PLACEHOLDERS as readonly string[]).includes(name) ? escape(values[name as SmsPlaceholder]) : whole));
}

/** Problems of a template (for the admin form and for `send`): unknown placeholders, bad URL, JSON body that does not parse. */
export function smsTemplateProblems(config: SmsConfig): string[] {
  const problems: string[] = [];
  const unknown = new Set<string>();
  for (const part of [config.url, config.body ?? '', ...Object.values(config.headers ?? {})]) {
    for (const match of part.matchAll(PLACEHOLDER)) if (!(SMS_PLACEHOLDERS as readonly string[]).includes(match[1])) unknown.add(match[1]);
  }
  if (unknown.size) problems.push(`未知占位符：${[...unknown].map((n) => `{{${n}}}`).join('、')}`);
  const sample: SmsValues = { mobile: '13800000000', text: '示例 "text"\n', messageId: '1x0', timestamp: '0', secret: 's' };
  try {
    const url = new URL(fillTemplate(config.url, sample, escapeFor.url));
    if (url.protocol !== 'http:' && url.protocol !== 'https:') problems.push('网关地址必须是 http(s) 地址');
  } catch {
    problems.push('网关地址不是有效的 URL');
  }
  if ((config.contentType ?? 'json') === 'json' && config.body) {
    try {
      JSON.parse(fillTemplate(config.body, sample, escapeFor.json));
    } catch {
      problems.push('请求体模板填入后不是有效的 JSON（占位符应写在双引号内）');
    }
  }
  if (!config.body && (config.method ?? 'POST') !== 'GET') problems.push('缺少请求体模板');
  return problems;
}

/** The HTTP request for one SMS (exported for the specs). */
export function smsRequest(config: SmsConfig, secrets: SmsSecrets, message: DeliveryMessage, nowMs: number) {
  const values: SmsValues = {
    mobile: message.to ?? '',
    text: truncateChars(message.link && !message.text.includes(message.link) ? `${message.text} ${message.link}` : message.text, config.maxChars ?? 300),
    messageId: smsMessageId(message.id, message.key),
    timestamp: String(nowMs),
    secret: secrets.secret ?? '',
  };
  const contentType = config.contentType ?? 'json';
  const method = config.method ?? 'POST';
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(config.headers ?? {})) headers[name] = fillTemplate(value, values, escapeFor.header);
  const hasType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
  const body = method === 'GET' || !config.body ? undefined : fillTemplate(config.body, values, contentType === 'json' ? escapeFor.json : escapeFor.form);
  if (body !== undefined && !hasType) headers['content-type'] = contentType === 'json' ? 'application/json; charset=utf-8' : 'application/x-www-form-urlencoded; charset=utf-8';
  return { method, url: fillTemplate(config.url, values, escapeFor.url), headers, body };
}

/** The value at a dot path (`code`, `result.code`, `$.data.0.status`). */
export function valueAt(json: unknown, path: string): unknown {
  let current: unknown = json;
  for (const step of path.replace(/^\$\.?/, '').split('.').filter(Boolean)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[step];
  }
  return current;
}

export function createSmsSender(config: SmsConfig, secrets: SmsSecrets, options: SenderOptions = {}): Sender {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const now = options.now ?? Date.now;
  const hidden = secretValues(secrets);
  const clean = (outcome: DeliveryOutcome): DeliveryOutcome =>
    outcome.kind === 'sent' ? { ...outcome, providerRef: scrub(outcome.providerRef, hidden) } : { ...outcome, detail: scrub(outcome.detail, hidden) };
  return {
    kind: 'sms',
    close() {},
    async send(message) {
      if (!message.to) return { kind: 'permanent', detail: '没有手机号码' };
      const request = smsRequest(config, secrets, message, now());
      let answer;
      try {
        answer = await httpCall(request.url, request, timeoutMs);
      } catch (error) {
        return clean(classifyNetworkError(describeNetworkError(error, timeoutMs)));
      }
      const summary = `HTTP ${answer.status} ${excerpt(answer.text)}`;
      if (answer.status < 200 || answer.status >= 300) return clean(classifyHttpStatus(answer.status, summary, retryAfterMs(answer.headers.get('retry-after'), now())));
      if (config.success) {
        const actual = valueAt(answer.json, config.success.jsonPath);
        if (actual === undefined || String(actual) !== String(config.success.equals)) {
          return clean({ kind: 'permanent', detail: `网关拒绝（${config.success.jsonPath} = ${actual === undefined ? '无' : JSON.stringify(actual)}）：${summary}` });
        }
      }
      return clean({ kind: 'sent', providerRef: summary });
    },
  };
}
