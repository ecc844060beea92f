// Settings checks, in plain Chinese, for the admin form (save) and for `send` (a channel that can
// never work is a `config` outcome, not an outage). One rule, one place.
import { SECRET_QUERY_KEYS } from './secrets';
import { fillTemplate, smsTemplateProblems, type SmsValues } from './sms';
import type { ChannelSpec, SmsConfig } from './types';

/** A header that carries a credential (Authorization, X-Api-Key, X-Auth-Token, Cookie, …). */
const CREDENTIAL_HEADER = /auth|token|secret|key|pass|pwd|sign|credential|cookie|session/i;
/** The one allowed form of a credential in a template: {{secret}}, in a header optionally after a scheme (`Bearer {{secret}}`). */
const SECRET_ONLY = /^\{\{\s*secret\s*\}\}$/;
const SCHEMED_SECRET = /^(?:[A-Za-z][A-Za-z0-9._-]*\s+)?\{\{\s*secret\s*\}\}$/;
const WHERE_IT_GOES = '请把它存入“短信网关密钥”，这里只写 {{secret}}';

function decoded(part: string): string {
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    return part;
  }
}

/** key=value pairs of a query string or form body template (`a=1&b={{secret}}`), keys decoded, values as written. */
function pairs(text: string): Array<[string, string]> {
  return text
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const at = pair.indexOf('=');
      return at < 0 ? [decoded(pair), ''] : [decoded(pair.slice(0, at)), pair.slice(at + 1)];
    });
}

/** The string values of a JSON body whose key is secret-looking, with their key (nested objects and arrays searched). */
function jsonCredentials(value: unknown, out: Array<[string, unknown]> = []): Array<[string, unknown]> {
  if (Array.isArray(value)) for (const item of value) jsonCredentials(item, out);
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (SECRET_QUERY_KEYS.has(key.toLowerCase()) && (typeof item === 'string' || typeof item === 'number')) out.push([key, item]);
      else jsonCredentials(item, out);
    }
  }
  return out;
}

/**
 * Literal credentials in an SMS gateway template. The template (url, headers, body) is ordinary,
 * visible configuration — shown to admins, kept in the audit — so a credential may only appear as
 * {{secret}}, filled at send time from the channel's secret. Refused: a credential-like header
 * (Authorization, X-Api-Key, *token*, *secret*, *key* …) whose value is anything but `{{secret}}`
 * (after an optional scheme: `Bearer {{secret}}`); a secret-looking query or form key (SECRET_QUERY_KEYS:
 * key, token, sign, apikey …) or JSON body field with any other value; and user:pass@ in the URL.
 */
export function smsCredentialProblems(config: SmsConfig): string[] {
  const problems: string[] = [];
  const url = config.url ?? '';
  const authority = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)/.exec(url.trim())?.[1] ?? '';
  if (authority.includes('@')) problems.push(`网关地址不能包含用户名或密码（user:pass@）：${WHERE_IT_GOES}，放在请求头中（如 Authorization: Basic {{secret}}）`);
  for (const [name, value] of Object.entries(config.headers ?? {})) {
    if (CREDENTIAL_HEADER.test(name) && !SCHEMED_SECRET.test(value.trim())) problems.push(`请求头 ${name} 含明文凭据：${WHERE_IT_GOES}（可写成 Bearer {{secret}}）`);
  }
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1).split('#')[0] : '';
  for (const [key, value] of pairs(query)) {
    if (SECRET_QUERY_KEYS.has(key.toLowerCase()) && !SECRET_ONLY.test(decoded(value).trim())) problems.push(`网关地址的参数 ${key} 含明文凭据：${WHERE_IT_GOES}`);
  }
  if (config.body && config.method !== 'GET') {
    if ((config.contentType ?? 'json') === 'form') {
      for (const [key, value] of pairs(config.body.trim())) {
        if (SECRET_QUERY_KEYS.has(key.toLowerCase()) && !SECRET_ONLY.test(decoded(value).trim())) problems.push(`请求体字段 ${key} 含明文凭据：${WHERE_IT_GOES}`);
      }
    } else {
      const marker = '\u0000duban-secret\u0000';
      const sample: SmsValues = { mobile: '13800000000', text: '示例', messageId: '1x0', timestamp: '0', secret: marker };
      let parsed: unknown;
      try {
        parsed = JSON.parse(fillTemplate(config.body, sample, (v) => JSON.stringify(v).slice(1, -1)));
      } catch {
        parsed = undefined; // smsTemplateProblems says so
      }
      for (const [key, value] of jsonCredentials(parsed)) {
        if (value !== marker) problems.push(`请求体字段 ${key} 含明文凭据：${WHERE_IT_GOES}`);
      }
    }
  }
  return [...new Set(problems)];
}

function httpUrlProblem(value: string | undefined, label: string): string | undefined {
  if (!value) return `缺少${label}`;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? undefined : `${label}必须是 http(s) 地址`;
  } catch {
    return `${label}不是有效的 URL`;
  }
}

/** The problems of a channel's settings; [] = it can be used. */
export function channelProblems(channel: ChannelSpec): string[] {
  const problems: string[] = [];
  switch (channel.kind) {
    case 'email': {
      const { host, port, from, user } = channel.config;
      if (!host || /\s/.test(host)) problems.push('缺少 SMTP 服务器地址');
      if (!Number.isInteger(port) || port < 1 || port > 65535) problems.push('SMTP 端口必须是 1–65535 的整数');
      if (!from || !/^[^<>\s@]+@[^<>\s@]+$|<[^<>\s@]+@[^<>\s@]+>\s*$/.test(from.trim())) problems.push('发件人必须是邮箱地址，如 督办系统 <duban@example.gov.cn>');
      if (user && !channel.secrets.password) problems.push('设置了 SMTP 用户名但没有密码');
      break;
    }
    case 'sms':
      problems.push(...smsTemplateProblems(channel.config), ...smsCredentialProblems(channel.config));
      break;
    case 'wecom':
    case 'dingtalk':
    case 'feishu': {
      const problem = httpUrlProblem(channel.secrets.webhook, '机器人 Webhook 地址');
      if (problem) problems.push(problem);
      if (channel.config.keyword !== undefined && !channel.config.keyword.trim()) problems.push('关键词不能为空白');
      break;
    }
  }
  return problems;
}
