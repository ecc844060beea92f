import { nextChannelId } from './delivery.service';
import { testMessage } from './test-message';

describe('nextChannelId', () => {
  it('names the first e-mail and SMS channel after the kind, later ones -2, -3 …; robots robot-<n>', () => {
    expect(nextChannelId('email', new Set())).toBe('email');
    expect(nextChannelId('email', new Set(['email', 'email-2']))).toBe('email-3');
    expect(nextChannelId('sms', new Set(['email']))).toBe('sms');
    expect(nextChannelId('dingtalk', new Set())).toBe('robot-1');
    expect(nextChannelId('feishu', new Set(['robot-1', 'robot-3']))).toBe('robot-2');
  });
});

describe('testMessage', () => {
  const input = { channelName: '局邮件', sentBy: '孙立新', at: new Date('2026-12-02T01:05:00Z'), publicUrl: 'https://duban.example/', messageKey: 'test|abc' };
  it('says it is a test, which channel, who and when (Beijing), with the link and the 消息编号', () => {
    const m = testMessage({ ...input, kind: 'email' });
    expect(m.subject).toBe('【督办系统】测试消息');
    expect(m.text).toContain('消息渠道“局邮件”可以送达');
    expect(m.text).toContain('发送人：孙立新');
    expect(m.text).toContain('时间：2026-12-02 09:05（北京时间）');
    expect(m.text).toContain('https://duban.example/#/');
    expect(m.text.endsWith(`消息编号 ${m.number}`)).toBe(true);
    expect(m.number).toBe(testMessage({ ...input, kind: 'wecom' }).number);
  });
  it('keeps an SMS to one short line with the link', () => {
    const m = testMessage({ ...input, kind: 'sms' });
    expect(m.text).toBe('【督办系统】测试短信，渠道“局邮件”可以送达。https://duban.example/#/');
    expect(m.markdown).toBe('');
  });
});
