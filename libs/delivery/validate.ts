// Settings checks, in plain Chinese, for the admin form (save) and for `send` (a channel that can
// never work is a `config` outcome, not an outage). One rule, one place.
import { smsTemplateProblems } from './sms';
import type { ChannelSpec } from './types';

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
      problems.push(...smsTemplateProblems(channel.config));
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
