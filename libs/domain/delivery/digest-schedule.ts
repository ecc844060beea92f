// 每日汇总 (the daily digest): when it goes (08:30 Beijing on working days only) and what it says.
// Pure: the digest workflow asks nextDigestInstant with workflow time; runDigest shapes each
// person's (or department robot's) message with digestMessage from the task lists it read.
import { addCalendarDays } from '../calendar/dates';
import { beijingDate } from '../escalation';
import { FIELD_MAX_CHARS, fitMessage, measureLink, truncateChars } from './render';
import type { ChannelKind, RenderedMessage } from './types';
import { beijingInstant, clockMinutes, instantOf, OFFICE_MORNING, type WorkingDayCheck } from './window';

/**
 * The next 08:30 Beijing on a working day strictly after `now` (08:29 → 08:30 the same day if it is
 * a working day; 08:30 exactly → the next working day's). A 调休 Saturday is a working day.
 */
export function nextDigestInstant(now: Date | string | number, calendar: WorkingDayCheck): Date {
  const nowMs = instantOf(now);
  const morning = clockMinutes(OFFICE_MORNING)!;
  let date = beijingDate(nowMs);
  for (let i = 0; i < 400; i++, date = addCalendarDays(date, 1)) {
    const at = beijingInstant(date, morning);
    if (at > nowMs && calendar.isWorkingDay(date)) return new Date(at);
  }
  throw new RangeError(`no working day within 400 days after ${beijingDate(nowMs)}`);
}

/** One line of a digest: a measure (or one of its findings, or a request on it). */
export interface DigestItem {
  measureId: string;
  /** The measure's title from the plan (may be empty for a measure without a plan). */
  title: string;
  /** Its deadline (YYYY-MM-DD), when it has one. */
  dueDate?: string | null;
  /** What is asked, e.g. 延期申请, 移交申请, 整改复查, 检查问题 2; shown after the title. */
  note?: string | null;
}

export interface DigestItems {
  /** 本周到期: active, due between today and Sunday. */
  dueThisWeek: readonly DigestItem[];
  /** 已逾期: active and past due (open findings past their deadline too). */
  overdue: readonly DigestItem[];
  /** 待我审核: waiting for the recipient's decision. */
  awaitingMyReview: readonly DigestItem[];
}

export interface DigestContext {
  /** The digest's Beijing date (YYYY-MM-DD). */
  date: string;
  publicUrl: string;
  channelKind: ChannelKind;
  /** Message number for the footer (as renderMessage's). */
  messageId: string;
  /** Room to leave for what the sender adds (robotReserve(keyword)). */
  reserveBytes?: number;
}

/** At most this many lines per section; the rest are counted ("另有 N 项"). */
export const DIGEST_SECTION_LIMIT = 20;

const SECTIONS: ReadonlyArray<{ key: keyof DigestItems; heading: string }> = [
  { key: 'overdue', heading: '已逾期' },
  { key: 'dueThisWeek', heading: '本周到期' },
  { key: 'awaitingMyReview', heading: '待审核' },
];

function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

function itemLabel(item: DigestItem): string {
  const name = item.title ? `${item.measureId} ${item.title}` : item.measureId;
  const extras = [item.note, item.dueDate ? `截止日期 ${item.dueDate}` : null].filter(Boolean).join('，');
  return truncateChars(extras ? `${name}（${extras}）` : name, FIELD_MAX_CHARS);
}

/**
 * The digest for one recipient — `name` is the person (张三) or the department (大气环境处) — or
 * null when every list is empty (a day with nothing sends nothing). Sections in the order 已逾期,
 * 本周到期, 待审核; each line links to its measure; the whole fits the channel's size limit.
 */
export function digestMessage(recipient: { name: string }, items: DigestItems, context: DigestContext): RenderedMessage | null {
  const total = items.dueThisWeek.length + items.overdue.length + items.awaitingMyReview.length;
  if (total === 0) return null;
  const counts = SECTIONS.filter((s) => items[s.key].length > 0).map((s) => `${s.heading} ${items[s.key].length} 项`);
  const subject = `【每日督办提醒】${chineseDate(context.date)}：${counts.join('，')}`;
  const intro = `${recipient.name}：\n截至${chineseDate(context.date)} ${OFFICE_MORNING}，有以下督办事项需要关注：`;
  const textLines: string[] = [intro];
  const markdownLines: string[] = [`**${subject}**`, '', intro.replace('\n', '\n\n')];
  for (const section of SECTIONS) {
    const list = items[section.key];
    if (list.length === 0) continue;
    const shown = list.slice(0, DIGEST_SECTION_LIMIT);
    const more = list.length - shown.length;
    textLines.push('', `${section.heading}（${list.length} 项）：`);
    markdownLines.push('', `**${section.heading}**（${list.length} 项）`);
    shown.forEach((item, i) => {
      const link = measureLink(context.publicUrl, item.measureId);
      textLines.push(`${i + 1}. ${itemLabel(item)}\n   ${link}`);
      markdownLines.push(`${i + 1}. [${itemLabel(item)}](${link})`);
    });
    if (more > 0) {
      textLines.push(`另有 ${more} 项，请登录系统查看。`);
      markdownLines.push(`另有 ${more} 项，请登录系统查看。`);
    }
  }
  const footer = `消息编号 ${context.messageId}`;
  return fitMessage(
    { subject, text: `${textLines.join('\n')}\n\n${footer}`, markdown: `${markdownLines.join('\n')}\n\n${footer}` },
    context.channelKind,
    footer,
    context.reserveBytes ?? 0,
  );
}
