// libs/delivery against real receivers: a real SMTP server (smtp-server in a child process) and
// node:http servers that verify the robots' signatures as the vendors document them. No Temporal or
// PostgreSQL needed (runs with plain `npx jest test/delivery-channels`).
import { createSender, createSenderCache, dingtalkSign, type DeliveryMessage, type DeliveryOutcome, type Sender } from '@duban/delivery';
import * as net from 'node:net';
import { freePort } from '../libs/runtime/services/wait';
import { SmtpSink } from './helpers/smtp-sink';
import { rfc2104HmacSha256, startRobotReceivers, type RobotReceivers } from './helpers/robot-receivers';

jest.setTimeout(60_000);

const SMTP_PASSWORD = 'smtp-Pa55word-zx81';
const WECOM_KEY = '693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa';
const DING_TOKEN = 'd1ngT0kenAbCdEf0123456789abcdef0123456789abcdef0123456789abcdef';
const DING_SECRET = 'SECb3c4a0f1e2d5c6b7a8f9e0d1c2b3a4f5e6d7c8b9a0f1e2d3c4b5a6f7e8d9c0b1';
const FEISHU_TOKEN = '2a7f3c1e-9b4d-4e8a-b6c5-d4e3f2a1b0c9';
const FEISHU_SECRET = 'fsSecretQwErTy+/=0987';
const SMS_SECRET = 'sms-api-key-7788aa99';
const ALL_SECRETS = [SMTP_PASSWORD, WECOM_KEY, DING_TOKEN, DING_SECRET, FEISHU_TOKEN, FEISHU_SECRET, SMS_SECRET];

const message = (id: number, extra: Partial<DeliveryMessage> = {}): DeliveryMessage => ({
  id,
  key: `evt-${id}|email|water.staff1`,
  to: 'water.staff1@bureau.example',
  subject: `【督办】事项 3.2 “河长制”落实已逾期（督办单号 DB-2026-0${id}）`,
  text: `事项：推进“河长制”落实\n牵头处室：水生态环境处\n承办人：王五\n截止日期：2026年10月9日\n消息编号 ${id}`,
  link: `https://duban.bureau.example/#/measures/m-${id}`,
  ...extra,
});

// Everything the library says or logs while a test runs, to prove no secret leaks.
const captured: string[] = [];
const outcomes: DeliveryOutcome[] = [];
const spies: jest.SpyInstance[] = [];
async function send(sender: Sender, m: DeliveryMessage): Promise<DeliveryOutcome> {
  const outcome = await sender.send(m);
  outcomes.push(outcome);
  return outcome;
}

let sink: SmtpSink;
let robots: RobotReceivers;
const senders: Sender[] = [];
const track = (s: Sender) => (senders.push(s), s);

const emailSender = (port: number, extra: Record<string, unknown> = {}, password?: string) =>
  track(
    createSender(
      { kind: 'email', config: { host: '127.0.0.1', port, ignoreTLS: true, from: '督办系统 <duban@bureau.example>', messageIdDomain: 'duban.bureau.example', ...extra }, secrets: { password } },
      { timeoutMs: 3000 },
    ),
  );

beforeAll(async () => {
  for (const stream of [process.stdout, process.stderr] as const) {
    const original = stream.write.bind(stream);
    spies.push(
      jest.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
        captured.push(String(chunk));
        return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write),
    );
  }
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = console[method].bind(console);
    spies.push(jest.spyOn(console, method).mockImplementation((...args: unknown[]) => (captured.push(args.map(String).join(' ')), original(...args))));
  }
  sink = await SmtpSink.start({ reject: ['nobody@bureau.example'], tempfail: ['busy@bureau.example'], rejectData: ['spamtrap@bureau.example'] });
  robots = await startRobotReceivers({
    wecomKey: WECOM_KEY,
    dingtalk: { accessToken: DING_TOKEN, secret: DING_SECRET, keyword: '督办' },
    feishu: { token: FEISHU_TOKEN, secret: FEISHU_SECRET, keyword: '督办' },
  });
});

afterAll(async () => {
  for (const s of senders) s.close();
  await robots?.stop();
  await sink?.dispose();
  for (const spy of spies) spy.mockRestore();
});

beforeEach(() => {
  robots.wecom.reset();
  robots.dingtalk.reset();
  robots.feishu.reset();
  robots.sms.reset();
});

test("the receivers' own HMAC-SHA256 (RFC 2104, built from SHA-256) matches RFC 4231 test case 2", () => {
  expect(rfc2104HmacSha256(Buffer.from('Jefe'), Buffer.from('what do ya want for nothing?')).toString('hex')).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
});

describe('email (SMTP)', () => {
  test('a Chinese subject and body arrive decoded, with a stable Message-ID and the message key header; a resend has the same Message-ID', async () => {
    const sender = emailSender(sink.port);
    const m = message(41);
    const first = await send(sender, m);
    const again = await send(sender, m); // a resend after an uncertain attempt
    expect(first.kind).toBe('sent');
    expect(again.kind).toBe('sent');
    const mails = (await sink.messages()).filter((r) => r.mail.headers.get('x-duban-message-key') === m.key);
    expect(mails).toHaveLength(2);
    const [a, b] = mails;
    expect(a.mail.subject).toBe(m.subject);
    expect(a.mail.text).toContain('牵头处室：水生态环境处');
    expect(a.mail.text).toContain(m.link);
    expect(a.mail.messageId).toMatch(/^<41\.[0-9a-f]{16}@duban\.bureau\.example>$/);
    expect(b.mail.messageId).toBe(a.mail.messageId);
    expect(first.kind === 'sent' && first.providerRef).toContain(a.mail.messageId);
    expect(a.to).toEqual(['water.staff1@bureau.example']);
    expect(a.mail.from?.value[0]).toEqual({ address: 'duban@bureau.example', name: '督办系统' });
    // RFC 2047 encoded-words in the raw header (no 8-bit bytes in headers), UTF-8
    expect(a.raw).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/im);
    // a different message (other key) gets another Message-ID
    await send(sender, message(42));
    const other = (await sink.messages()).find((r) => r.mail.headers.get('x-duban-message-key') === message(42).key)!;
    expect(other.mail.messageId).not.toBe(a.mail.messageId);
  });

  test('550 at RCPT → permanent; 451 at RCPT → transient for that address; 554 after DATA → permanent', async () => {
    const sender = emailSender(sink.port);
    const rejected = await send(sender, message(50, { to: 'nobody@bureau.example' }));
    expect(rejected).toMatchObject({ kind: 'permanent' });
    expect(rejected.kind === 'permanent' && rejected.detail).toContain('550');
    expect(await send(sender, message(51, { to: 'busy@bureau.example' }))).toMatchObject({ kind: 'transient', scope: 'address' });
    expect(await send(sender, message(52, { to: 'spamtrap@bureau.example' }))).toMatchObject({ kind: 'permanent' });
    // the lane goes on: the next good address is delivered over the same pool
    expect((await send(sender, message(53))).kind).toBe('sent');
  });

  test('a refused connection and a 421 greeting → transient for the channel; after the outage the same sender delivers again', async () => {
    const outage = await SmtpSink.start();
    const sender = emailSender(outage.port);
    expect((await send(sender, message(60))).kind).toBe('sent');
    await outage.stop();
    const down = await send(sender, message(61));
    expect(down).toMatchObject({ kind: 'transient', scope: 'channel' });
    await outage.restart({ answer421: true });
    const busy = await send(sender, message(62));
    expect(busy).toMatchObject({ kind: 'transient', scope: 'channel' });
    expect(busy.kind === 'transient' && busy.detail).toContain('421');
    await outage.restart({});
    expect((await send(sender, message(61))).kind).toBe('sent');
    const ids = (await outage.messages()).map((r) => r.mail.messageId);
    expect(ids).toHaveLength(2);
    expect(ids[1]).toMatch(/^<61\./);
    await outage.dispose();
  });

  test('nothing listening at all (port never opened) → transient channel', async () => {
    const sender = emailSender(await freePort());
    expect(await send(sender, message(63))).toMatchObject({ kind: 'transient', scope: 'channel' });
  });

  test('a server that accepts the connection but never greets → transient channel within the timeout', async () => {
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const sender = track(
      createSender({ kind: 'email', config: { host: '127.0.0.1', port: (silent.address() as net.AddressInfo).port, ignoreTLS: true, from: 'duban@bureau.example' }, secrets: {} }, { timeoutMs: 700 }),
    );
    const started = Date.now();
    expect(await send(sender, message(64))).toMatchObject({ kind: 'transient', scope: 'channel' });
    expect(Date.now() - started).toBeLessThan(5000);
    sender.close();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  test('the sender cache reuses a sender while the settings are the same and replaces it when they change', async () => {
    const cache = createSenderCache({ timeoutMs: 3000 });
    const spec = { kind: 'email' as const, config: { host: '127.0.0.1', port: sink.port, ignoreTLS: true, from: 'duban@bureau.example' }, secrets: {} };
    const a = cache.get('email', spec);
    expect(cache.get('email', { ...spec, config: { ...spec.config } })).toBe(a);
    expect((await send(a, message(65))).kind).toBe('sent');
    const b = cache.get('email', { ...spec, config: { ...spec.config, from: 'notice@bureau.example' } });
    expect(b).not.toBe(a);
    expect((await send(b, message(66))).kind).toBe('sent');
    const last = (await sink.messages()).find((r) => r.mail.headers.get('x-duban-message-key') === message(66).key)!;
    expect(last.from).toBe('notice@bureau.example');
    cache.closeAll();
  });

  test('a wrong SMTP password → config (535), and the password appears in no outcome', async () => {
    const authSink = await SmtpSink.start({ auth: { user: 'duban', pass: 'the-right-one-1234' } });
    const wrong = emailSender(authSink.port, { user: 'duban' }, SMTP_PASSWORD);
    const outcome = await send(wrong, message(70));
    expect(outcome).toMatchObject({ kind: 'config' });
    expect(JSON.stringify(outcome)).toContain('535');
    const right = emailSender(authSink.port, { user: 'duban' }, 'the-right-one-1234');
    expect((await send(right, message(71))).kind).toBe('sent');
    await authSink.dispose();
  });
});

describe('WeCom 群机器人', () => {
  test('text with @mobile and markdown arrive as documented; a wrong key → config; 45009 → rate_limited', async () => {
    const sender = track(createSender({ kind: 'wecom', config: {}, secrets: { webhook: robots.wecom.webhook } }));
    expect((await send(sender, message(80, { mentionMobiles: ['13800000001'] }))).kind).toBe('sent');
    expect((await send(sender, message(81, { markdown: '**【督办】事项已逾期**\n> 承办人：王五' }))).kind).toBe('sent');
    const [text, md] = robots.wecom.accepted;
    expect(text.headers['content-type']).toMatch(/application\/json/);
    expect(text.body).toEqual({
      msgtype: 'text',
      text: { content: `${message(80).subject}\n${message(80).text}\n${message(80).link}`, mentioned_mobile_list: ['13800000001'] },
    });
    expect(md.body).toEqual({ msgtype: 'markdown', markdown: { content: `**【督办】事项已逾期**\n> 承办人：王五\n\n[查看](${message(81).link})` } });

    const wrongKey = track(createSender({ kind: 'wecom', config: {}, secrets: { webhook: robots.wecom.webhook.replace(WECOM_KEY, 'not-the-key-0000') } }));
    expect(await send(wrongKey, message(82))).toMatchObject({ kind: 'config' });

    robots.wecom.perMinute = 2; // the receiver enforces a per-minute limit like the vendor's 20/min
    expect((await send(sender, message(83))).kind).toBe('rate_limited');
    expect(await send(sender, message(84))).toMatchObject({ kind: 'rate_limited', retryAfterMs: 60_000 });
  });

  test('a robot nobody answers (refused) → transient channel; a malformed webhook → config; neither detail shows the key', async () => {
    const port = await freePort();
    const refused = track(createSender({ kind: 'wecom', config: {}, secrets: { webhook: `http://127.0.0.1:${port}/cgi-bin/webhook/send?key=${WECOM_KEY}` } }));
    const down = await send(refused, message(86));
    expect(down).toMatchObject({ kind: 'transient', scope: 'channel' });
    const malformed = track(createSender({ kind: 'wecom', config: {}, secrets: { webhook: `qyapi weixin ${WECOM_KEY}` } }));
    expect(await send(malformed, message(87))).toMatchObject({ kind: 'config' });
    expect(JSON.stringify(outcomes.slice(-2))).not.toContain(WECOM_KEY);
  });

  test('content over 2048 bytes is cut with … to fit (the receiver refuses anything longer)', async () => {
    const sender = track(createSender({ kind: 'wecom', config: {}, secrets: { webhook: robots.wecom.webhook } }));
    expect((await send(sender, message(85, { text: '督'.repeat(1500) }))).kind).toBe('sent');
    const content = (robots.wecom.accepted[0].body as { text: { content: string } }).text.content;
    expect(Buffer.byteLength(content)).toBeLessThanOrEqual(2048);
    expect(content.endsWith('…')).toBe(true);
  });
});

describe('DingTalk 自定义机器人', () => {
  test('signed (加签, ms timestamp, URL-encoded sign) markdown and text arrive, the keyword always present', async () => {
    const sender = track(createSender({ kind: 'dingtalk', config: { keyword: '督办' }, secrets: { webhook: robots.dingtalk.webhook, signSecret: DING_SECRET } }));
    // send several: some signatures contain '+' or '/', which only survive proper URL encoding
    for (let i = 0; i < 6; i++) expect((await send(sender, message(90 + i, { markdown: '**逾期提醒**' }))).kind).toBe('sent');
    expect(robots.dingtalk.accepted).toHaveLength(6);
    const first = robots.dingtalk.accepted[0];
    expect(first.query.timestamp).toMatch(/^\d{13}$/);
    expect(first.body).toMatchObject({ msgtype: 'markdown', markdown: { title: message(90).subject }, at: { atMobiles: [], isAtAll: false } });
    // a message without the keyword gets it appended (the robot's 关键词 setting would refuse it otherwise)
    expect((await send(sender, message(96, { subject: '提醒', text: '今天有一项到期' }))).kind).toBe('sent');
    const plain = robots.dingtalk.accepted[6].body as { msgtype: string; text: { content: string } };
    expect(plain.msgtype).toBe('text');
    expect(plain.text.content).toContain('督办');
  });

  test('a signature with + and / survives (URL-encoded); an unencoded one is refused; a timestamp over an hour old → config', async () => {
    // a clock at which the base64 signature contains '+' (form decoding would turn a raw '+' into a space)
    let at = Date.now();
    while (!decodeURIComponent(dingtalkSign(DING_SECRET, at).sign).includes('+')) at -= 1;
    const sender = track(createSender({ kind: 'dingtalk', config: { keyword: '督办' }, secrets: { webhook: robots.dingtalk.webhook, signSecret: DING_SECRET } }, { now: () => at }));
    expect((await send(sender, message(120))).kind).toBe('sent');
    expect(robots.dingtalk.accepted[0].rawQuery).toMatch(/&sign=[^&]*%2B/);
    // the receiver is strict: the same signature sent without URL-encoding is refused
    const raw = decodeURIComponent(dingtalkSign(DING_SECRET, at).sign);
    const answer = await fetch(`${robots.dingtalk.webhook}&timestamp=${at}&sign=${raw}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ msgtype: 'text', text: { content: '督办' } }) });
    expect(await answer.json()).toMatchObject({ errcode: 310000 });
    const stale = track(createSender({ kind: 'dingtalk', config: { keyword: '督办' }, secrets: { webhook: robots.dingtalk.webhook, signSecret: DING_SECRET } }, { now: () => Date.now() - 2 * 3_600_000 }));
    expect(await send(stale, message(121))).toMatchObject({ kind: 'config' });
  });

  test('a wrong signing secret → config (310000); a missing keyword → config; send too fast → rate_limited 10 min', async () => {
    const badSecret = track(createSender({ kind: 'dingtalk', config: {}, secrets: { webhook: robots.dingtalk.webhook, signSecret: 'SECwrongwrongwrong00000000' } }));
    const outcome = await send(badSecret, message(97));
    expect(outcome).toMatchObject({ kind: 'config' });
    expect(JSON.stringify(outcome)).toContain('310000');
    const noKeyword = track(createSender({ kind: 'dingtalk', config: {}, secrets: { webhook: robots.dingtalk.webhook, signSecret: DING_SECRET } }));
    expect(await send(noKeyword, message(98, { subject: '提醒', text: '今天有一项到期' }))).toMatchObject({ kind: 'config' });
    robots.dingtalk.mode = 'rate_limit';
    expect(await send(noKeyword, message(99))).toMatchObject({ kind: 'rate_limited', retryAfterMs: 600_000 });
    expect(robots.dingtalk.accepted).toHaveLength(0);
  });
});

describe('Feishu 自定义机器人', () => {
  test('signed (seconds, sign in the body) post message arrives with title, lines and the link', async () => {
    const sender = track(createSender({ kind: 'feishu', config: { keyword: '督办' }, secrets: { webhook: robots.feishu.webhook, signSecret: FEISHU_SECRET } }));
    expect((await send(sender, message(100))).kind).toBe('sent');
    const body = robots.feishu.accepted[0].body as Record<string, unknown> & { content: { post: { zh_cn: { title: string; content: Array<Array<Record<string, string>>> } } } };
    expect(body.timestamp).toMatch(/^\d{10}$/);
    expect(body.msg_type).toBe('post');
    const post = body.content.post.zh_cn;
    expect(post.title).toBe(message(100).subject);
    expect(post.content[0]).toEqual([{ tag: 'text', text: '事项：推进“河长制”落实' }]);
    expect(post.content.at(-1)).toEqual([{ tag: 'a', text: '查看详情', href: message(100).link }]);
  });

  test('a wrong secret → config (19021); HTTP 429 with x-ogw-ratelimit-reset → rate_limited for that long; a huge body is cut under 20 KB', async () => {
    const bad = track(createSender({ kind: 'feishu', config: {}, secrets: { webhook: robots.feishu.webhook, signSecret: 'not-the-secret-xyz' } }));
    const outcome = await send(bad, message(101));
    expect(outcome).toMatchObject({ kind: 'config' });
    expect(JSON.stringify(outcome)).toContain('19021');
    const good = track(createSender({ kind: 'feishu', config: { keyword: '督办' }, secrets: { webhook: robots.feishu.webhook, signSecret: FEISHU_SECRET } }));
    robots.feishu.mode = 'rate_limit';
    expect(await send(good, message(102))).toMatchObject({ kind: 'rate_limited', retryAfterMs: 7000 });
    robots.feishu.mode = 'ok';
    expect((await send(good, message(103, { text: '“引号”\n'.repeat(3000) }))).kind).toBe('sent');
    expect(Buffer.byteLength(robots.feishu.accepted[0].raw)).toBeLessThanOrEqual(20 * 1024);
  });

  test('a Feishu timestamp over an hour old → config (19021)', async () => {
    const stale = track(createSender({ kind: 'feishu', config: { keyword: '督办' }, secrets: { webhook: robots.feishu.webhook, signSecret: FEISHU_SECRET } }, { now: () => Date.now() - 2 * 3_600_000 }));
    expect(await send(stale, message(122))).toMatchObject({ kind: 'config' });
    expect(robots.feishu.requests[0].answered).toBe(19021);
  });

  test('a receiver that errors (500) or never answers → transient channel (the timeout fires)', async () => {
    const quick = track(createSender({ kind: 'feishu', config: { keyword: '督办' }, secrets: { webhook: robots.feishu.webhook, signSecret: FEISHU_SECRET } }, { timeoutMs: 800 }));
    robots.feishu.mode = 'error500';
    expect(await send(quick, message(104))).toMatchObject({ kind: 'transient', scope: 'channel' });
    robots.feishu.mode = 'hang';
    const started = Date.now();
    const hung = await send(quick, message(105));
    expect(hung).toMatchObject({ kind: 'transient', scope: 'channel' });
    expect(hung.kind === 'transient' && hung.detail).toContain('timeout');
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('SMS gateway template', () => {
  const json = {
    method: 'POST' as const,
    url: '', // set per test (the gateway's port)
    headers: { 'X-Api-Key': '{{secret}}' },
    body: '{"phone":"{{mobile}}","content":"{{text}}","outId":"{{messageId}}","ts":{{timestamp}}}',
    contentType: 'json' as const,
    success: { jsonPath: 'code', equals: 0 },
  };

  test('JSON body: quotes, backslashes and newlines in the text are escaped; the message id is stable; the success rule decides', async () => {
    const sender = track(createSender({ kind: 'sms', config: { ...json, url: robots.sms.url }, secrets: { secret: SMS_SECRET } }));
    const m = message(110, { to: '13800000002', subject: '督办', text: '【督办】“河长制” \\ 已逾期\n请处理' });
    expect((await send(sender, m)).kind).toBe('sent');
    expect((await send(sender, m)).kind).toBe('sent');
    const [a, b] = robots.sms.requests;
    expect(a.headers['x-api-key']).toBe(SMS_SECRET);
    const body = a.body as { phone: string; content: string; outId: string; ts: number };
    expect(body.phone).toBe('13800000002');
    expect(body.content).toBe(`【督办】“河长制” \\ 已逾期\n请处理 ${m.link}`);
    expect(body.outId).toMatch(/^110x[0-9a-f]{16}$/);
    expect((b.body as { outId: string }).outId).toBe(body.outId);
    expect(typeof body.ts).toBe('number');

    robots.sms.answer = { status: 200, body: { code: 1001, msg: '签名不合法' } };
    const refused = await send(sender, m);
    expect(refused).toMatchObject({ kind: 'permanent' });
    expect(refused.kind === 'permanent' && refused.detail).toContain('1001');
  });

  test('form body and URL placeholders are encoded for their place; & = + and Chinese survive', async () => {
    const sender = track(
      createSender({
        kind: 'sms',
        config: { method: 'POST', url: `${robots.sms.url}?sig={{secret}}&m={{mobile}}`, body: 'mobile={{mobile}}&msg={{text}}&id={{messageId}}', contentType: 'form' },
        secrets: { secret: 'a&b=c+d e' },
      }),
    );
    const m = message(111, { to: '13800000003', text: 'A&B=C+D 督办 100%', link: undefined });
    expect((await send(sender, m)).kind).toBe('sent');
    const request = robots.sms.requests[0];
    expect(request.query).toEqual({ sig: 'a&b=c+d e', m: '13800000003' });
    expect(request.headers['content-type']).toMatch(/application\/x-www-form-urlencoded/);
    const form = Object.fromEntries(new URLSearchParams(request.raw));
    expect(form).toEqual({ mobile: '13800000003', msg: 'A&B=C+D 督办 100%', id: expect.stringMatching(/^111x[0-9a-f]{16}$/) });
  });

  test('HTTP statuses: 400 → permanent, 401 → config, 429 → rate_limited (Retry-After), 503 → transient; a bad template → config', async () => {
    const sender = track(createSender({ kind: 'sms', config: { ...json, url: robots.sms.url }, secrets: { secret: SMS_SECRET } }));
    const m = message(112, { to: '13800000004' });
    robots.sms.answer = { status: 400, body: { code: 400, msg: `bad phone; key=${SMS_SECRET}` } };
    const bad = await send(sender, m);
    expect(bad).toMatchObject({ kind: 'permanent' });
    expect(JSON.stringify(bad)).not.toContain(SMS_SECRET); // the gateway echoed the key: scrubbed
    robots.sms.answer = { status: 401, body: { msg: 'unauthorized' } };
    expect(await send(sender, m)).toMatchObject({ kind: 'config' });
    robots.sms.mode = 'rate_limit';
    expect(await send(sender, m)).toMatchObject({ kind: 'rate_limited', retryAfterMs: 30_000 });
    robots.sms.mode = 'ok';
    robots.sms.answer = { status: 503, body: { msg: 'maintenance' } };
    expect(await send(sender, m)).toMatchObject({ kind: 'transient', scope: 'channel' });
    const broken = track(createSender({ kind: 'sms', config: { ...json, url: robots.sms.url, body: '{"phone":{{mobile}},"x":"{{unknown}}"}' }, secrets: {} }));
    expect(await send(broken, m)).toMatchObject({ kind: 'config' });
  });
});

test('no secret appears in any outcome or in anything written to the console or stdout/stderr', () => {
  expect(outcomes.length).toBeGreaterThan(30);
  const text = JSON.stringify(outcomes) + captured.join('\n');
  for (const secret of [...ALL_SECRETS, 'a&b=c+d e', encodeURIComponent('a&b=c+d e')]) {
    expect(text).not.toContain(secret);
  }
  // every kind of outcome was seen
  expect(new Set(outcomes.map((o) => (o.kind === 'transient' ? `transient:${o.scope}` : o.kind)))).toEqual(
    new Set(['sent', 'permanent', 'transient:channel', 'transient:address', 'config', 'rate_limited']),
  );
});
