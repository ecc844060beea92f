// The words of a pushed message (e-mail, SMS, group robots), rendered once when the outbox row is
// written and frozen there. The subject is the 站内通知's own title (notificationTitle: one message,
// one place); the body adds 督办单号, 截止日期, 牵头处室, 承办人, 事项, the link into the web UI
// (`${publicUrl}/#/measures/<id>`) and the footer 消息编号 <id> that makes a resend recognisable.
// Every channel's size limit is kept by cutting whole lines, then characters (never inside a
// multi-byte character or surrogate pair), marked with '…'; the link and the footer always stay.
import type { DirectiveEvent } from '../directive';
import type { FindingEvent, MeasureEvent } from '../measure-event';
import { notificationTitle, type NotificationPlan, type TitleContext } from '../notification-rules';
import type { ChannelKind, RenderedMessage } from './types';

/** Size limits, in UTF-8 bytes of the JSON-escaped string (never less than the raw bytes). */
export const MESSAGE_LIMITS: Record<ChannelKind, { text: number; markdown: number }> = {
  email: { text: Number.POSITIVE_INFINITY, markdown: Number.POSITIVE_INFINITY },
  // 企业微信群机器人: text.content ≤ 2048 bytes, markdown.content ≤ 4096 bytes.
  wecom: { text: 2048, markdown: 4096 },
  // 钉钉自定义机器人: kept to WeCom's markdown limit (conservative; DingTalk documents no smaller one).
  dingtalk: { text: 4096, markdown: 4096 },
  // 飞书自定义机器人: the whole request body ≤ 20 KB; 16 KB for the text leaves 4 KB for the
  // envelope (timestamp, sign, msg_type) and a post's title and link.
  feishu: { text: 16 * 1024, markdown: 16 * 1024 },
  // SMS: counted in characters instead (SMS_MAX_CHARS).
  sms: { text: Number.POSITIVE_INFINITY, markdown: Number.POSITIVE_INFINITY },
};

/** One SMS: the title and the link in at most two 67-character segments of a long message. */
export const SMS_MAX_CHARS = 134;

/** A body field longer than this many characters is cut (a measure title, a directive's text). */
export const FIELD_MAX_CHARS = 300;

export const ELLIPSIS = '…';

/** UTF-8 length of a string, by code point (a lone surrogate counts as the 3-byte U+FFFD). */
export function utf8Bytes(value: string): number {
  let bytes = 0;
  for (const ch of value) {
    const cp = ch.codePointAt(0)!;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** The bytes a string takes inside a JSON body (quotes, backslashes and control characters escaped). */
export function jsonStringBytes(value: string): number {
  return utf8Bytes(JSON.stringify(value)) - 2;
}

/**
 * The longest prefix of `value`, whole code points only, that with a trailing '…' measures at
 * most `limit` by `measure`; the value itself when it fits.
 */
export function truncateTo(value: string, limit: number, measure: (s: string) => number = utf8Bytes): string {
  if (measure(value) <= limit) return value;
  if (measure(ELLIPSIS) > limit) return '';
  const chars = [...value];
  // Binary search on the number of code points kept.
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(chars.slice(0, mid).join('') + ELLIPSIS) <= limit) lo = mid;
    else hi = mid - 1;
  }
  return chars.slice(0, lo).join('') + ELLIPSIS;
}

/** At most `max` characters (code points), '…' included. */
export function truncateChars(value: string, max: number): string {
  return truncateTo(value, max, (s) => [...s].length);
}

export function measureLink(publicUrl: string, measureId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/#/measures/${encodeURIComponent(measureId)}`;
}

/** The line put where lines had to be left out. */
export const CUT_NOTICE = '……（内容较长，请登录系统查看全文）';

/**
 * Fits `body` lines followed by `suffix` (kept whole: the link and footer) into `limit`: drops body
 * lines from the end (marking the cut with CUT_NOTICE; an indented line goes with the line it
 * continues), then cuts the first line by characters
 * (inside its ** when it is a bold markdown line).
 */
export function fitLines(body: readonly string[], suffix: string, limit: number, measure: (s: string) => number): string {
  const join = (lines: readonly string[]) => lines.join('\n') + suffix;
  if (measure(join(body)) <= limit) return join(body);
  const lines = [...body];
  while (lines.length > 1) {
    // An indented line continues the one before it (a digest item's link): never keep one without the other.
    if (/^\s/.test(lines.pop()!)) continue;
    const candidate = join([...lines, CUT_NOTICE]);
    if (measure(candidate) <= limit) return candidate;
  }
  const first = lines[0] ?? '';
  const bold = /^\*\*(.*)\*\*$/s.exec(first);
  const wrap = (s: string) => (bold ? `**${s}**` : s);
  const cut = truncateTo(bold ? bold[1] : first, limit, (s) => measure(join([wrap(s), CUT_NOTICE])));
  const candidate = join([wrap(cut), CUT_NOTICE]);
  // Only a suffix longer than the limit itself gets here unfitted: then it is cut too.
  return measure(candidate) <= limit ? candidate : truncateTo(join([first]), limit, measure);
}

/**
 * Fits one body (text or markdown) to a channel's limit (MESSAGE_LIMITS), keeping a `tail` it ends
 * with (link and footer) whole. Robots are measured as JSON-escaped UTF-8 (what the request carries).
 */
export function fitBody(body: string, kind: ChannelKind, format: 'text' | 'markdown', tail: string, reserveBytes = 0): string {
  const limit = MESSAGE_LIMITS[kind][format] - reserveBytes;
  const measure = kind === 'email' || kind === 'sms' ? utf8Bytes : jsonStringBytes;
  if (measure(body) <= limit) return body;
  const kept = tail && body.endsWith(tail) ? tail : '';
  const head = body.slice(0, body.length - kept.length).replace(/\n+$/, '');
  return fitLines(head.split('\n'), body.slice(head.length), limit, measure);
}

/**
 * Fits a rendered message's text and markdown to a channel (email and SMS have no byte limit here).
 * `reserveBytes` leaves room for what the sender adds (a robot's 关键词 line: robotReserve).
 */
export function fitMessage(message: RenderedMessage, kind: ChannelKind, tail: string, reserveBytes = 0): RenderedMessage {
  return {
    subject: message.subject,
    text: fitBody(message.text, kind, 'text', tail, reserveBytes),
    markdown: fitBody(message.markdown, kind, 'markdown', tail, reserveBytes),
  };
}

/** Room a robot sender needs for its 关键词 line (`\n` + keyword, JSON-escaped), 0 without a keyword. */
export function robotReserve(keyword: string | null | undefined): number {
  return keyword ? jsonStringBytes(`\n${keyword}`) : 0;
}

/** What a message says about its event, beyond the title. */
export interface MessageFacts {
  /** The notification title (notificationTitle): the subject, and the first line. */
  title: string;
  measureId: string;
  measureTitle?: string | null;
  /** 牵头处室: the department's name. */
  leadDepartment?: string | null;
  /** 承办人: the person's name. */
  assignee?: string | null;
  dueDate?: string | null;
  /** 督办单号, e.g. 督〔2026〕第12号. */
  noticeNumber?: string | null;
  /** 消息编号: the outbox row's id (or messageNumber(messageKey) when rendered before the id exists). */
  messageId: string;
}

/**
 * The facts of an event's message: the title exactly as the 站内通知 says it, the deadline and
 * 督办单号 from the event (a directive carries its own number; a measure's 督办 is given it in
 * `names.noticeNumber` by the caller, who looked it up), the names the caller resolved.
 */
export function messageFacts(
  event: MeasureEvent | FindingEvent | DirectiveEvent,
  plan: NotificationPlan,
  context: TitleContext,
  names: { leadDepartment?: string | null; assignee?: string | null; noticeNumber?: string | null; messageId: string },
): MessageFacts {
  const snapshot = event.snapshot as { dueDate?: string | null; noticeNumber?: string | null };
  return {
    title: notificationTitle(event, plan, context),
    measureId: event.measureId,
    measureTitle: context.measureTitle,
    leadDepartment: names.leadDepartment ?? null,
    assignee: names.assignee ?? null,
    dueDate: snapshot.dueDate ?? null,
    noticeNumber: snapshot.noticeNumber ?? names.noticeNumber ?? null,
    messageId: names.messageId,
  };
}

/**
 * The message for a channel: subject = the title; text and markdown with the detail lines, the
 * link and the footer, fitted to the channel's limit. SMS: the title and link on one line, within
 * SMS_MAX_CHARS (the title is cut, never the link). Same facts → same bytes. `reserveBytes`
 * (robotReserve(keyword)) keeps room for the 关键词 line a robot sender appends.
 */
export function renderMessage(facts: MessageFacts, channelKind: ChannelKind, publicUrl: string, options: { reserveBytes?: number } = {}): RenderedMessage {
  const reserve = options.reserveBytes ?? 0;
  const link = measureLink(publicUrl, facts.measureId);
  const title = truncateChars(facts.title.trim(), FIELD_MAX_CHARS);
  if (channelKind === 'sms') {
    const room = SMS_MAX_CHARS - [...link].length - 1;
    const line = room > 1 ? `${truncateChars(title, room)} ${link}` : link;
    return { subject: title, text: line, markdown: '' };
  }
  const field = (label: string, value: string | null | undefined) => (value && value.trim() ? [`${label}：${truncateChars(value.trim(), FIELD_MAX_CHARS)}`] : []);
  const measure = facts.measureTitle ? `${facts.measureId} ${facts.measureTitle}` : facts.measureId;
  // Most important first: lines are dropped from the end when a limit bites.
  const details = [
    ...field('督办单号', facts.noticeNumber),
    ...field('截止日期', facts.dueDate),
    ...field('牵头处室', facts.leadDepartment),
    ...field('承办人', facts.assignee),
    ...field('事项', measure),
  ];
  const footer = `消息编号 ${facts.messageId}`;
  const textTail = `查看详情：${link}\n${footer}`;
  const markdownTail = `[查看详情](${link})\n\n${footer}`;
  const text = [title, ...details, textTail].join('\n');
  const markdown = [`**${title}**`, ...details.map((d) => `> ${d}`), '', markdownTail].join('\n');
  return {
    subject: title,
    text: fitBody(text, channelKind, 'text', textTail, reserve),
    markdown: fitBody(markdown, channelKind, 'markdown', markdownTail, reserve),
  };
}

/**
 * A short stable number for a message key (FNV-1a, 64-bit, base 36): for a footer rendered
 * before the outbox row has its id. The same key always gives the same number.
 */
export function messageNumber(messageKey: string): string {
  let hash = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  for (const ch of messageKey) {
    const cp = ch.codePointAt(0)!;
    // Feed UTF-8 bytes, so the number is the same in any implementation hashing the key's bytes.
    const bytes: number[] = [];
    if (cp < 0x80) bytes.push(cp);
    else if (cp < 0x800) bytes.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else bytes.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    for (const b of bytes) hash = BigInt.asUintN(64, (hash ^ BigInt(b)) * prime);
  }
  return hash.toString(36).toUpperCase().padStart(13, '0');
}
