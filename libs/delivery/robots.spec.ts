import { fromDomain, mailFields, messageIdDomain } from './email';
import { dingtalkRequest, feishuRequest, robotOutcome, wecomRequest } from './robots';

const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => ({ status, headers: new Headers(headers), text: JSON.stringify(body), json: body });
const message = { id: 9, key: 'e|robot-1|dept', subject: '【督办】逾期', text: '事项：河长制\n消息编号 9', link: 'https://d.example/#/measures/m1' };

describe('robot answers', () => {
  test('the vendor code decides, also on a non-2xx status; HTTP 429 is always a rate limit', () => {
    expect(robotOutcome('wecom', answer(200, { errcode: 0, errmsg: 'ok' }), 0).kind).toBe('sent');
    expect(robotOutcome('dingtalk', answer(200, { errcode: 310000, errmsg: 'sign not match' }), 0).kind).toBe('config');
    expect(robotOutcome('feishu', answer(400, { code: 19021, msg: 'sign match fail' }), 0).kind).toBe('config');
    expect(robotOutcome('feishu', answer(200, { StatusCode: 0, StatusMessage: 'success' }), 0).kind).toBe('sent'); // older bots
    expect(robotOutcome('feishu', answer(429, {}, { 'x-ogw-ratelimit-reset': '3' }), 0)).toMatchObject({ kind: 'rate_limited', retryAfterMs: 3000 });
    expect(robotOutcome('feishu', answer(200, { code: 11232, msg: 'frequency limited' }), 0)).toMatchObject({ kind: 'rate_limited', retryAfterMs: 60_000 });
  });
  test('no vendor code: the HTTP status decides; a 2xx without one is an unexpected answer (transient)', () => {
    expect(robotOutcome('wecom', answer(404, 'not found'), 0).kind).toBe('config');
    expect(robotOutcome('dingtalk', answer(502, 'bad gateway'), 0)).toMatchObject({ kind: 'transient', scope: 'channel' });
    expect(robotOutcome('wecom', { status: 200, headers: new Headers(), text: '<html>', json: undefined }, 0)).toMatchObject({ kind: 'transient', scope: 'channel' });
  });
});

describe('robot requests', () => {
  test('WeCom text: subject, text and link as lines', () => {
    expect(JSON.parse(wecomRequest('https://w.example/send?key=k', message).body)).toEqual({
      msgtype: 'text',
      text: { content: `【督办】逾期\n事项：河长制\n消息编号 9\n${message.link}` },
    });
  });
  test('DingTalk: timestamp and URL-encoded sign appended to the webhook only with a signing secret', () => {
    const signed = dingtalkRequest('https://d.example/robot/send?access_token=t', {}, 'SECx', message, 1599360473000);
    expect(signed.url).toMatch(/^https:\/\/d\.example\/robot\/send\?access_token=t&timestamp=1599360473000&sign=[A-Za-z0-9%]+$/);
    expect(dingtalkRequest('https://d.example/robot/send?access_token=t', {}, undefined, message, 0).url).toBe('https://d.example/robot/send?access_token=t');
  });
  test('Feishu: sign fields only with a secret; the link as an a-tag, not repeated as text', () => {
    const body = JSON.parse(feishuRequest('https://f.example/hook/x', {}, undefined, { ...message, text: `${message.text}\n${message.link}` }, 0).body);
    expect(body.timestamp).toBeUndefined();
    expect(JSON.stringify(body.content.post.zh_cn.content.slice(0, -1))).not.toContain(message.link);
    expect(body.content.post.zh_cn.content.at(-1)).toEqual([{ tag: 'a', text: '查看详情', href: message.link }]);
    expect(JSON.parse(feishuRequest('https://f.example/hook/x', {}, 's', message, 1599360473000).body)).toMatchObject({ timestamp: '1599360473', sign: expect.any(String) });
  });
});

describe('email fields', () => {
  test('Message-ID domain from the config, else the From address', () => {
    expect(fromDomain('督办系统 <duban@bureau.example>')).toBe('bureau.example');
    expect(fromDomain('duban@bureau.example')).toBe('bureau.example');
    expect(messageIdDomain({ host: 'h', port: 25, from: '督办系统 <duban@bureau.example>' })).toBe('bureau.example');
    expect(messageIdDomain({ host: 'h', port: 25, from: 'x@y.example', messageIdDomain: 'duban.gov.example' })).toBe('duban.gov.example');
  });
  test('the link is appended to the text once; the key goes in X-Duban-Message-Key', () => {
    const fields = mailFields({ host: 'h', port: 25, from: 'a@b.example' }, { ...message, to: 'x@b.example' });
    expect(fields.text).toBe(`${message.text}\n\n${message.link}`);
    expect(fields.headers).toEqual({ 'X-Duban-Message-Key': message.key });
    expect(fields.messageId).toMatch(/^<9\.[0-9a-f]{16}@b\.example>$/);
  });
});
