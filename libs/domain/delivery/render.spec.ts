import { OFFICIAL_2024_2026 } from '../calendar/official-2024-2026.fixture';
import { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { DIRECTIVE_EVENT_TYPES, openedDirective, type DirectiveEvent } from '../directive';
import type { MeasureEvent } from '../measure-event';
import { initialSnapshot } from '../measure-snapshot';
import { notificationFor, notificationTitle } from '../notification-rules';
import {
  ELLIPSIS,
  jsonStringBytes,
  MESSAGE_LIMITS,
  measureLink,
  messageFacts,
  messageNumber,
  renderMessage,
  robotReserve,
  SMS_MAX_CHARS,
  truncateTo,
  utf8Bytes,
  type MessageFacts,
} from './render';

const calendar = new WorkingDayCalendar(OFFICIAL_2024_2026);
const URL = 'https://duban.example.gov.cn';

const supervision: MeasureEvent = {
  eventId: 'measure-2026-2.1.1#9',
  measureId: '2026-2.1.1',
  workflowId: 'measure-2026-2.1.1',
  sequence: 9,
  type: 'escalation',
  actor: { userId: 'system', role: 'system' },
  stateAfter: 'in_progress',
  payload: { level: 'supervision', recipients: ['user:air.staff1', 'head:air', 'group:supervisors'], stepDate: '2026-12-02' },
  occurredAt: '2026-12-02T01:00:00.000Z',
  snapshot: { ...initialSnapshot('2026-2.1.1'), state: 'in_progress', assigneeId: 'air.staff1', headId: 'air.head', leadDepartment: 'air', dueDate: '2026-11-27' },
};
const titleContext = { measureTitle: '深化挥发性有机物治理攻坚', on: '2026-12-02', calendar };
const names = { leadDepartment: '大气环境处', assignee: '李明', noticeNumber: '督〔2026〕第12号', messageId: '4711' };
const facts = messageFacts(supervision, notificationFor(supervision)!, titleContext, names);

describe('messageFacts', () => {
  it('takes the 站内通知 title as it is, the deadline from the event, the names given', () => {
    expect(facts).toEqual({
      title: notificationTitle(supervision, notificationFor(supervision)!, titleContext),
      measureId: '2026-2.1.1',
      measureTitle: '深化挥发性有机物治理攻坚',
      leadDepartment: '大气环境处',
      assignee: '李明',
      dueDate: '2026-11-27',
      noticeNumber: '督〔2026〕第12号',
      messageId: '4711',
    });
    expect(facts.title).toBe('【督办】2026-2.1.1 深化挥发性有机物治理攻坚 已逾期 3 个工作日');
  });

  it('reads a 督办单\'s own number from the directive', () => {
    const snapshot = { ...openedDirective({ measureId: '2026-2.1.1', kind: 'notice', n: 1, text: '请抓紧整改', actor: { userId: 'supervisor1', role: 'supervisor' }, departmentCode: 'air', assigneeId: null, dueDate: '2026-12-09' }), noticeNumber: '督〔2026〕第13号' };
    const notice: DirectiveEvent = {
      eventId: 'directive-2026-2.1.1-notice-1#1', directiveId: snapshot.directiveId, measureId: '2026-2.1.1', workflowId: 'directive-2026-2.1.1-notice-1', sequence: 1,
      type: DIRECTIVE_EVENT_TYPES.notice, actor: { userId: 'supervisor1', role: 'supervisor' }, stateAfter: 'issued', payload: { recipients: ['head:air'] }, occurredAt: '2026-12-02T02:00:00.000Z', snapshot,
    };
    const f = messageFacts(notice, notificationFor(notice)!, titleContext, { messageId: '9' });
    expect(f.noticeNumber).toBe('督〔2026〕第13号');
    expect(f.dueDate).toBe('2026-12-09');
    expect(f.title).toBe('【督办单】2026-2.1.1 深化挥发性有机物治理攻坚：请抓紧整改（请签收，并于 2026-12-09 前报送办理情况）');
  });
});

describe('renderMessage', () => {
  it('writes the e-mail: title, 督办单号, 截止日期, 牵头处室, 承办人, 事项, link, 消息编号', () => {
    const message = renderMessage(facts, 'email', `${URL}/`);
    expect(message.subject).toBe('【督办】2026-2.1.1 深化挥发性有机物治理攻坚 已逾期 3 个工作日');
    expect(message.text).toBe(
      [
        '【督办】2026-2.1.1 深化挥发性有机物治理攻坚 已逾期 3 个工作日',
        '督办单号：督〔2026〕第12号',
        '截止日期：2026-11-27',
        '牵头处室：大气环境处',
        '承办人：李明',
        '事项：2026-2.1.1 深化挥发性有机物治理攻坚',
        '查看详情：https://duban.example.gov.cn/#/measures/2026-2.1.1',
        '消息编号 4711',
      ].join('\n'),
    );
  });

  it('writes robot markdown with a 查看详情 link', () => {
    expect(renderMessage(facts, 'wecom', URL).markdown).toBe(
      [
        '**【督办】2026-2.1.1 深化挥发性有机物治理攻坚 已逾期 3 个工作日**',
        '> 督办单号：督〔2026〕第12号',
        '> 截止日期：2026-11-27',
        '> 牵头处室：大气环境处',
        '> 承办人：李明',
        '> 事项：2026-2.1.1 深化挥发性有机物治理攻坚',
        '',
        '[查看详情](https://duban.example.gov.cn/#/measures/2026-2.1.1)',
        '',
        '消息编号 4711',
      ].join('\n'),
    );
  });

  it('leaves out lines it has nothing for', () => {
    const bare: MessageFacts = { title: '【待审核】2026-2.1.1 已提交审核', measureId: '2026-2.1.1', messageId: '5' };
    expect(renderMessage(bare, 'email', URL).text).toBe('【待审核】2026-2.1.1 已提交审核\n事项：2026-2.1.1\n查看详情：https://duban.example.gov.cn/#/measures/2026-2.1.1\n消息编号 5');
  });

  it('links with DUBAN_PUBLIC_URL (no double slash) and the web UI\'s hash route', () => {
    expect(measureLink('http://10.0.0.5:3000', '2022-2.1.1')).toBe('http://10.0.0.5:3000/#/measures/2022-2.1.1');
    expect(measureLink('https://a.example/duban//', '2022-2.1.1')).toBe('https://a.example/duban/#/measures/2022-2.1.1');
  });

  it('writes SMS as one short line: the title and the link', () => {
    expect(renderMessage(facts, 'sms', URL)).toEqual({
      subject: facts.title,
      text: '【督办】2026-2.1.1 深化挥发性有机物治理攻坚 已逾期 3 个工作日 https://duban.example.gov.cn/#/measures/2026-2.1.1',
      markdown: '',
    });
    const long = renderMessage({ ...facts, title: `【督办】${'推进'.repeat(200)}` }, 'sms', URL).text;
    expect([...long].length).toBeLessThanOrEqual(SMS_MAX_CHARS);
    expect(long.endsWith(` ${measureLink(URL, '2026-2.1.1')}`)).toBe(true);
    expect(long).toContain(`${ELLIPSIS} `);
  });

  it('is stable: the same facts give the same bytes', () => {
    for (const kind of ['email', 'sms', 'wecom', 'dingtalk', 'feishu'] as const) {
      expect(renderMessage({ ...facts }, kind, URL)).toEqual(renderMessage(facts, kind, URL));
    }
  });
});

describe('vendor size limits (multi-byte CJK)', () => {
  // Every field at its longest, in 3-byte CJK and 4-byte characters (𠀀 is outside the BMP).
  const huge: MessageFacts = {
    title: `【问责】${'深化挥发性有机物治理攻坚𠀀'.repeat(400)}`,
    measureId: '2026-2.1.1',
    measureTitle: '统筹推进长江流域水生态保护修复'.repeat(300),
    leadDepartment: '大气环境处'.repeat(200),
    assignee: '欧阳'.repeat(300),
    dueDate: '2026-11-27',
    noticeNumber: '督〔2026〕第12号',
    messageId: '123456789',
  };
  const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

  it.each([
    ['wecom', 'text', 2048],
    ['wecom', 'markdown', 4096],
    ['dingtalk', 'text', 4096],
    ['dingtalk', 'markdown', 4096],
  ] as const)('%s %s ≤ %i bytes, link and footer kept, cut with …', (kind, format, limit) => {
    const body = renderMessage(huge, kind, URL)[format];
    expect(MESSAGE_LIMITS[kind][format]).toBe(limit);
    expect(Buffer.byteLength(body, 'utf8')).toBeLessThanOrEqual(limit);
    expect(jsonStringBytes(body)).toBeLessThanOrEqual(limit);
    expect(body.endsWith('消息编号 123456789')).toBe(true);
    expect(body).toContain(measureLink(URL, '2026-2.1.1'));
    expect(body).toContain(ELLIPSIS);
    expect(body).not.toMatch(loneSurrogate);
    expect(Buffer.from(body, 'utf8').toString('utf8')).toBe(body); // no broken character
  });

  it('leaves room for a robot\'s 关键词 line', () => {
    const reserve = robotReserve('督办提醒');
    expect(reserve).toBe(Buffer.byteLength('\n督办提醒', 'utf8') + 1); // the newline is \\n in JSON
    const body = renderMessage(huge, 'wecom', URL, { reserveBytes: reserve }).text;
    expect(jsonStringBytes(`${body}\n督办提醒`)).toBeLessThanOrEqual(2048);
    expect(body.endsWith('消息编号 123456789')).toBe(true);
    expect(robotReserve(undefined)).toBe(0);
  });

  it('feishu: the whole request body stays under 20 KB', () => {
    const message = renderMessage({ ...huge, measureTitle: '"引号\\与换行"\n'.repeat(2000) }, 'feishu', URL);
    // The post format repeats the subject as its title, with the link as an <a> tag.
    const body = JSON.stringify({
      timestamp: '1764640000',
      sign: 'x'.repeat(44),
      msg_type: 'post',
      content: { post: { zh_cn: { title: message.subject, content: [[{ tag: 'text', text: message.text }, { tag: 'a', text: '查看详情', href: measureLink(URL, '2026-2.1.1') }]] } } },
    });
    expect(Buffer.byteLength(body, 'utf8')).toBeLessThanOrEqual(20 * 1024);
    expect(message.text.endsWith('消息编号 123456789')).toBe(true);
  });

  it('keeps an email whole (no vendor limit) but cuts an absurd field', () => {
    const message = renderMessage(huge, 'email', URL);
    expect(message.text).not.toContain('……（内容较长');
    expect([...message.subject].length).toBeLessThanOrEqual(300);
  });

  it('never grows a message that fits', () => {
    const message = renderMessage(facts, 'wecom', URL);
    expect(message.text).not.toContain(ELLIPSIS);
    expect(utf8Bytes(message.text)).toBe(Buffer.byteLength(message.text, 'utf8'));
  });
});

describe('truncateTo and utf8Bytes', () => {
  it('counts UTF-8 bytes as Buffer does', () => {
    for (const s of ['', 'abc', '督办', '𠀀𠀁', 'é', '督办 a\n"x"']) expect(utf8Bytes(s)).toBe(Buffer.byteLength(s, 'utf8'));
  });

  it('cuts on a character boundary with the … inside the limit', () => {
    expect(truncateTo('督办督办', 12)).toBe('督办督办'); // fits exactly
    expect(truncateTo('督办督办', 11)).toBe('督办…'); // 6 + 3
    expect(truncateTo('督办督办', 8)).toBe('督…');
    expect(truncateTo('𠀀𠀀𠀀', 8)).toBe('𠀀…'); // 4 + 3, never half a surrogate pair
    expect(truncateTo('督办', 2)).toBe('');
  });
});

describe('messageNumber', () => {
  // An independent FNV-1a 64 over the key's UTF-8 bytes.
  const fnv = (key: string) => {
    let h = 0xcbf29ce484222325n;
    for (const b of Buffer.from(key, 'utf8')) h = ((h ^ BigInt(b)) * 0x100000001b3n) & 0xffffffffffffffffn;
    return h.toString(36).toUpperCase().padStart(13, '0');
  };

  it('is FNV-1a of the key, the same every time, different for another key', () => {
    const key = 'measure-2026-2.1.1#9|robot-1|department:air';
    expect(messageNumber(key)).toBe(fnv(key));
    expect(messageNumber(key)).toBe(messageNumber(key));
    expect(messageNumber(key)).not.toBe(messageNumber('measure-2026-2.1.1#9|robot-2|department:air'));
    expect(messageNumber('督办|张三')).toBe(fnv('督办|张三'));
    expect(messageNumber(key)).toMatch(/^[0-9A-Z]{13}$/);
  });
});
