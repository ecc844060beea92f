import { OFFICIAL_2024_2026 } from '../calendar/official-2024-2026.fixture';
import { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { DIGEST_SECTION_LIMIT, digestMessage, nextDigestInstant, type DigestItem, type DigestItems } from './digest-schedule';
import { jsonStringBytes, MESSAGE_LIMITS } from './render';

const calendar = new WorkingDayCalendar(OFFICIAL_2024_2026);
const bj = (local: string) => new Date(`${local}:00+08:00`);
const next = (local: string) => nextDigestInstant(bj(local), calendar).toISOString();
const iso = (local: string) => bj(local).toISOString();

describe('nextDigestInstant (08:30 Beijing, working days only)', () => {
  it('08:29 → 08:30 the same day; 08:30 exactly → the next working day', () => {
    // Wednesday 2026-12-02.
    expect(next('2026-12-02T08:29')).toBe(iso('2026-12-02T08:30'));
    expect(nextDigestInstant(bj('2026-12-02T08:30').getTime() - 1, calendar).toISOString()).toBe(iso('2026-12-02T08:30'));
    expect(next('2026-12-02T08:30')).toBe(iso('2026-12-03T08:30'));
    expect(next('2026-12-02T00:00')).toBe(iso('2026-12-02T08:30'));
  });

  it('Friday 09:00 → Monday 08:30', () => {
    expect(next('2026-12-04T09:00')).toBe(iso('2026-12-07T08:30'));
    expect(next('2026-12-05T12:00')).toBe(iso('2026-12-07T08:30'));
  });

  it('skips Golden Week 2026 and keeps the 调休 Saturday', () => {
    // 09-30 Wed 09:00 → 10-01…10-07 off → Thu 10-08.
    expect(next('2026-09-30T09:00')).toBe(iso('2026-10-08T08:30'));
    expect(next('2026-10-03T08:30')).toBe(iso('2026-10-08T08:30'));
    // Fri 10-09 09:00 → Sat 10-10 is a make-up working day.
    expect(next('2026-10-09T09:00')).toBe(iso('2026-10-10T08:30'));
    // Sat 10-10 09:00 → Sun off → Mon 10-12.
    expect(next('2026-10-10T09:00')).toBe(iso('2026-10-12T08:30'));
  });

  it('is the same from a Date, an ISO string and epoch milliseconds', () => {
    const now = bj('2026-12-04T09:00');
    expect(nextDigestInstant(now.toISOString(), calendar).getTime()).toBe(nextDigestInstant(now.getTime(), calendar).getTime());
  });
});

const item = (n: number, extra: Partial<DigestItem> = {}): DigestItem => ({ measureId: `2026-2.1.${n}`, title: `深化挥发性有机物治理攻坚 ${n}`, dueDate: '2026-12-04', ...extra });
const empty: DigestItems = { dueThisWeek: [], overdue: [], awaitingMyReview: [] };
const context = { date: '2026-12-02', publicUrl: 'https://duban.example.gov.cn', channelKind: 'email' as const, messageId: '4711' };

describe('digestMessage', () => {
  it('sends nothing on a day with nothing', () => {
    expect(digestMessage({ name: '张三' }, empty, context)).toBeNull();
  });

  it('lists 已逾期, 本周到期, 待审核 with links, in plain official Chinese', () => {
    const message = digestMessage(
      { name: '张三' },
      { dueThisWeek: [item(1)], overdue: [item(2, { dueDate: '2026-11-27' })], awaitingMyReview: [item(3, { note: '延期申请', dueDate: null })] },
      context,
    )!;
    expect(message.subject).toBe('【每日督办提醒】2026年12月2日：已逾期 1 项，本周到期 1 项，待审核 1 项');
    expect(message.text).toBe(
      [
        '张三：',
        '截至2026年12月2日 08:30，有以下督办事项需要关注：',
        '',
        '已逾期（1 项）：',
        '1. 2026-2.1.2 深化挥发性有机物治理攻坚 2（截止日期 2026-11-27）',
        '   https://duban.example.gov.cn/#/measures/2026-2.1.2',
        '',
        '本周到期（1 项）：',
        '1. 2026-2.1.1 深化挥发性有机物治理攻坚 1（截止日期 2026-12-04）',
        '   https://duban.example.gov.cn/#/measures/2026-2.1.1',
        '',
        '待审核（1 项）：',
        '1. 2026-2.1.3 深化挥发性有机物治理攻坚 3（延期申请）',
        '   https://duban.example.gov.cn/#/measures/2026-2.1.3',
        '',
        '消息编号 4711',
      ].join('\n'),
    );
    expect(message.markdown).toContain('1. [2026-2.1.2 深化挥发性有机物治理攻坚 2（截止日期 2026-11-27）](https://duban.example.gov.cn/#/measures/2026-2.1.2)');
    expect(message.markdown.startsWith('**【每日督办提醒】2026年12月2日')).toBe(true);
  });

  it('leaves out empty sections and counts what exceeds the section limit', () => {
    const many = Array.from({ length: DIGEST_SECTION_LIMIT + 3 }, (_, i) => item(i + 1));
    const message = digestMessage({ name: '大气环境处' }, { ...empty, overdue: many }, context)!;
    expect(message.subject).toBe('【每日督办提醒】2026年12月2日：已逾期 23 项');
    expect(message.text).not.toContain('本周到期');
    expect(message.text).toContain(`${DIGEST_SECTION_LIMIT}. 2026-2.1.${DIGEST_SECTION_LIMIT} `);
    expect(message.text).not.toContain(`${DIGEST_SECTION_LIMIT + 1}. `);
    expect(message.text).toContain('另有 3 项，请登录系统查看。');
  });

  it('fits a department robot (企业微信 markdown 4096 bytes) and keeps the footer', () => {
    const long = Array.from({ length: DIGEST_SECTION_LIMIT }, (_, i) => item(i + 1, { title: '推进'.repeat(60) }));
    const message = digestMessage({ name: '大气环境处' }, { dueThisWeek: long, overdue: long, awaitingMyReview: long }, { ...context, channelKind: 'wecom' })!;
    expect(jsonStringBytes(message.markdown)).toBeLessThanOrEqual(MESSAGE_LIMITS.wecom.markdown);
    expect(jsonStringBytes(message.text)).toBeLessThanOrEqual(MESSAGE_LIMITS.wecom.text);
    expect(message.markdown.endsWith('消息编号 4711')).toBe(true);
    expect(message.text.endsWith('消息编号 4711')).toBe(true);
    expect(message.markdown).toContain('……（内容较长，请登录系统查看全文）');
  });

  it('fits a Feishu robot: the whole request body under 20 KB', () => {
    const long = Array.from({ length: DIGEST_SECTION_LIMIT }, (_, i) => item(i + 1, { title: '统筹推进长江流域水生态保护修复'.repeat(30) }));
    const message = digestMessage({ name: '水生态环境处' }, { dueThisWeek: long, overdue: long, awaitingMyReview: long }, { ...context, channelKind: 'feishu' })!;
    const body = JSON.stringify({ timestamp: '1764640000', sign: 'x'.repeat(44), msg_type: 'post', content: { post: { zh_cn: { title: message.subject, content: [[{ tag: 'text', text: message.text }]] } } } });
    expect(Buffer.byteLength(body, 'utf8')).toBeLessThanOrEqual(20 * 1024);
    expect(message.text).toContain('……（内容较长，请登录系统查看全文）');
    expect(message.text.endsWith('消息编号 4711')).toBe(true);
    // Whole items are left out, never half a line: each kept item line still has its link after it.
    const lines = message.text.split('\n');
    const items = lines.flatMap((l, i) => (/^\d+\. /.test(l) ? [i] : []));
    expect(items.length).toBeGreaterThan(5);
    for (const i of items) expect(lines[i + 1]).toMatch(/^ {3}https:\/\/duban\.example\.gov\.cn\/#\/measures\//);
  });

  it('is stable: the same lists give the same bytes', () => {
    const items = { ...empty, dueThisWeek: [item(1), item(2)] };
    expect(digestMessage({ name: '张三' }, items, context)).toEqual(digestMessage({ name: '张三' }, items, context));
  });
});
