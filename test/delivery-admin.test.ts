// 消息渠道 and 投递记录 (admin) and each person's 通知方式, on the dev server with a database of this
// suite's own (an enabled channel would make every other suite's events write outbox rows), a real
// SMTP server (child process) and signature-verifying robot receivers for 发送测试: secrets are
// stored but never returned (only 已设置 ••••a1b2) nor written to the admin audit; a test send
// arrives and is verified by the receiver, a refused one is reported; the delivery log, its summary
// per lane and 重发; the delivery settings' checks; preferences per person; who may call what.
import { Client } from '@temporalio/client';
import { createDataSource, migrate, OutboxRepository } from '@duban/db';
import { deliveryLaneWorkflowId } from '@duban/workflows';
import type { OutboxMessage } from '@duban/domain';
import { seedFirstRun } from '../seeds/seed';
import { testServices } from './helpers/services';
import { SmtpSink } from './helpers/smtp-sink';
import { startRobotReceivers, type RobotReceivers } from './helpers/robot-receivers';
import { startTestSystem, type ApiResponse, type TestSystem } from './helpers/system';
import { createIsolatedDatabase } from './helpers/time-skipping';

jest.setTimeout(60_000);

const SMTP_PASSWORD = 'smtp-Adm1n-pass-q7w8';
const DING_TOKEN = 'dAdminT0ken0123456789abcdef0123456789abcdef0123456789abcdef9z8y';
const DING_SECRET = 'SECadmin5e6d7c8b9a0f1e2d3c4b5a6f7e8d9c0b1b3c4a0f1e2d5c6b7a8f9e0d1';
const DING_SECRET_2 = 'SECsecond0000111122223333444455556666777788889999aaaabbbbccccdd';
const WECOM_KEY = 'adm1n-wecom-7xxx-4bc4-97a0-0ec2sifa5aaa';
const FEISHU_TOKEN = 'adm1n-feishu-9b4d-4e8a-b6c5-d4e3f2a1b0c9';
const SMS_SECRET = 'sms-gw-S3cret-0123456789abcd';
const SHORT_PASSWORD = 'shOrt-pw9';
const LITERAL_KEY = 'L1teral-Gw-Key-0077';
const SECRETS = [SMTP_PASSWORD, DING_TOKEN, DING_SECRET, DING_SECRET_2, WECOM_KEY, FEISHU_TOKEN, SMS_SECRET, SHORT_PASSWORD, LITERAL_KEY];

let system: TestSystem & { taskQueue: string };
let sink: SmtpSink;
let robots: RobotReceivers;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  const databaseUrl = await createIsolatedDatabase(testServices().databaseUrl, 'delivery_admin');
  const setup = createDataSource(databaseUrl);
  await setup.initialize();
  await migrate(setup);
  await seedFirstRun(setup);
  await setup.destroy();
  system = await startTestSystem('delivery-admin', { inProcessWorker: false, services: { temporalAddress: testServices().temporalAddress, databaseUrl }, env: { DUBAN_PUBLIC_URL: 'https://duban.bureau.example' } });
  for (const user of ['admin', 'water.head', 'water.staff1']) tokens[user] = await system.login(user);
  sink = await SmtpSink.start({ reject: ['nobody@bureau.example'], auth: { user: 'duban', pass: SMTP_PASSWORD } });
  robots = await startRobotReceivers({ wecomKey: WECOM_KEY, dingtalk: { accessToken: DING_TOKEN, secret: DING_SECRET, keyword: '督办' }, feishu: { token: FEISHU_TOKEN } });
}, 60_000);

afterAll(async () => {
  // A database of its own, but leave nothing enabled all the same; the lanes this suite woke (ids of
  // its own, on its own task queue, no worker) are ended.
  await system?.dataSource.query('UPDATE notification_channels SET enabled = false').catch(() => undefined);
  for (const lane of ['adm-email', 'adm-ding']) {
    await system?.app.get(Client).workflow.getHandle(deliveryLaneWorkflowId(lane)).terminate('delivery-admin suite done').catch(() => undefined);
  }
  await system?.stop();
  await robots?.stop();
  await sink?.dispose();
});

const call = (method: string, path: string, who: string | null, body?: unknown): Promise<ApiResponse> => system.call(method, path, { token: who ? tokens[who] : undefined, body });
const admin = (method: string, path: string, body?: unknown) => call(method, path, 'admin', body);
const noSecretIn = (value: unknown) => {
  const text = JSON.stringify(value);
  for (const secret of SECRETS) expect(text).not.toContain(secret);
};

const emailConfig = () => ({ host: '127.0.0.1', port: sink.port, ignoreTLS: true, from: '督办系统 <duban@bureau.example>', user: 'duban' });

describe('消息渠道', () => {
  it('creates channels with secrets, lists them masked, keeps/clears/replaces secrets, and audits without a secret', async () => {
    const email = await admin('POST', '/notification-channels', { id: 'adm-email', kind: 'email', name: '局邮件服务器', config: emailConfig(), secrets: { password: SMTP_PASSWORD } });
    expect(email).toMatchObject({ status: 201, body: { id: 'adm-email', kind: 'email', audience: 'people', mode: 'event', enabled: false, secrets: { password: { set: true, hint: '••••q7w8' } } } });
    noSecretIn(email.body);

    const robot = await admin('POST', '/notification-channels', {
      id: 'adm-ding',
      kind: 'dingtalk',
      name: '水处钉钉群',
      audience: 'department:water',
      mode: 'digest',
      config: { keyword: '督办' },
      secrets: { webhook: robots.dingtalk.webhook, signSecret: DING_SECRET },
    });
    expect(robot).toMatchObject({ status: 201, body: { id: 'adm-ding', audience: 'department:water', mode: 'digest', secrets: { webhook: { set: true, hint: `••••${DING_TOKEN.slice(-4)}` }, signSecret: { set: true } } } });
    expect((robot.body.secrets as Record<string, { hint: string }>).signSecret.hint).toBe(`••••${DING_SECRET.slice(-4)}`);
    expect(robot.body.audienceLabel).toContain('群');
    noSecretIn(robot.body);

    // Ids by default: `email`, `sms` for the first of their kind, `robot-<n>` for robots (these two stay disabled and untouched).
    expect(await admin('POST', '/notification-channels', { kind: 'email', name: '备用邮件', config: emailConfig(), secrets: { password: SMTP_PASSWORD } })).toMatchObject({ status: 201, body: { id: 'email', enabled: false } });
    expect(await admin('POST', '/notification-channels', { kind: 'wecom', name: '局领导企业微信群', audience: 'leadership', secrets: { webhook: robots.wecom.webhook } })).toMatchObject({
      status: 201,
      body: { id: 'robot-1', audienceLabel: '局领导群', secrets: { webhook: { set: true, hint: `••••${WECOM_KEY.slice(-4)}` } } },
    });

    const list = await admin('GET', '/notification-channels');
    expect(list.status).toBe(200);
    expect((list.body.channels as Array<{ id: string }>).map((c) => c.id)).toEqual(['adm-ding', 'adm-email', 'email', 'robot-1']);
    expect(list.body.secretFields).toMatchObject({ email: ['password'], dingtalk: ['webhook', 'signSecret'] });
    noSecretIn(list.body);

    // Bad input: 400 with a plain reason; a taken id 409; an unknown channel 404.
    const bad = await Promise.all([
      admin('POST', '/notification-channels', { kind: 'dingtalk', name: '无此处', audience: 'department:nowhere', secrets: { webhook: robots.dingtalk.webhook } }),
      admin('POST', '/notification-channels', { kind: 'wecom', name: '缺地址', audience: 'supervisors' }),
      admin('POST', '/notification-channels', { kind: 'email', id: 'email-x', name: '密码放错', config: { ...emailConfig(), password: 'oops-in-config' } }),
      admin('POST', '/notification-channels', { kind: 'feishu', name: '督查群', audience: 'supervisors', mode: 'digest', secrets: { webhook: robots.feishu.webhook } }),
      admin('POST', '/notification-channels', { kind: 'sms', name: '短信', audience: 'leadership', config: { url: robots.sms.url } }),
      admin('POST', '/notification-channels', { kind: 'email', id: 'email-y', name: '端口错', config: { ...emailConfig(), port: 70000 }, secrets: { password: 'x-long-enough' } }),
      admin('POST', '/notification-channels', { kind: 'fax', name: '传真' }),
    ]);
    expect(bad.map((r) => [r.status, r.body.code])).toEqual([
      [400, 'CHANNEL_INVALID'],
      [400, 'CHANNEL_INVALID'],
      [400, 'CHANNEL_INVALID'],
      [400, 'CHANNEL_INVALID'],
      [400, 'CHANNEL_INVALID'],
      [400, 'CHANNEL_INVALID'],
      [400, 'VALIDATION_FAILED'],
    ]);
    expect(bad[0].body.message).toContain('处室 nowhere 不存在');
    expect(bad[1].body.message).toContain('缺少机器人 Webhook 地址');
    expect(bad[5].body.message).toContain('SMTP 端口');
    expect(await admin('POST', '/notification-channels', { id: 'adm-ding', kind: 'wecom', name: '重复', audience: 'leadership', secrets: { webhook: robots.wecom.webhook } })).toMatchObject({
      status: 409,
      body: { code: 'CHANNEL_ID_TAKEN' },
    });
    expect(await admin('PUT', '/notification-channels/nope', { name: '无' })).toMatchObject({ status: 404, body: { code: 'CHANNEL_NOT_FOUND' } });

    // Omitted = keep, "" = clear, a value = replace.
    const renamed = await admin('PUT', '/notification-channels/adm-ding', { name: '水生态环境处钉钉群' });
    expect(renamed).toMatchObject({ status: 200, body: { name: '水生态环境处钉钉群', secrets: { signSecret: { set: true, hint: `••••${DING_SECRET.slice(-4)}` } } } });
    const cleared = await admin('PUT', '/notification-channels/adm-ding', { secrets: { signSecret: '' } });
    expect(cleared).toMatchObject({ status: 200, body: { secrets: { webhook: { set: true }, signSecret: { set: false, hint: '' } } } });
    const replaced = await admin('PUT', '/notification-channels/adm-ding', { secrets: { signSecret: DING_SECRET_2 } });
    expect(replaced).toMatchObject({ status: 200, body: { secrets: { signSecret: { set: true, hint: `••••${DING_SECRET_2.slice(-4)}` } } } });
    const [stored] = await system.dataSource.query(`SELECT secrets FROM notification_channels WHERE id = 'adm-ding'`);
    expect(stored.secrets).toEqual({ webhook: robots.dingtalk.webhook, signSecret: DING_SECRET_2 });
    await admin('PUT', '/notification-channels/adm-ding', { secrets: { signSecret: DING_SECRET } });

    const audit: Array<{ action: string; target: string; before: unknown; after: Record<string, unknown> }> = await system.dataSource.query(
      `SELECT action, target, before, after FROM admin_audit_log WHERE target LIKE 'channel:%' ORDER BY id`,
    );
    expect(audit.map((a) => `${a.action} ${a.target}`)).toEqual([
      'channel.create channel:adm-email',
      'channel.create channel:adm-ding',
      'channel.create channel:email',
      'channel.create channel:robot-1',
      'channel.update channel:adm-ding',
      'channel.update channel:adm-ding',
      'channel.update channel:adm-ding',
      'channel.update channel:adm-ding',
    ]);
    expect(audit[0].after).toMatchObject({ secretChanged: true, secretsSet: ['password'] });
    expect(audit[4].after).toMatchObject({ changed: ['name'], secretChanged: false, secretFieldsChanged: [] });
    expect(audit[5].after).toMatchObject({ changed: [], secretChanged: true, secretFieldsChanged: ['signSecret'], secretsSet: ['webhook'] });
    expect(audit[6].after).toMatchObject({ secretChanged: true, secretFieldsChanged: ['signSecret'] });
    noSecretIn(audit);
  });

  it('enables one e-mail channel at a time, and audits the switch', async () => {
    expect(await admin('POST', '/notification-channels/adm-email/enabled', { enabled: true })).toMatchObject({ status: 200, body: { enabled: true } });
    const second = await admin('POST', '/notification-channels', { kind: 'email', id: 'adm-email-2', name: '第二个邮件渠道', enabled: true, config: emailConfig(), secrets: { password: SMTP_PASSWORD } });
    expect(second).toMatchObject({ status: 409, body: { code: 'CHANNEL_KIND_ENABLED' } });
    expect(await admin('POST', '/notification-channels/adm-email/enabled', {})).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await admin('POST', '/notification-channels/nope/enabled', { enabled: true })).toMatchObject({ status: 404, body: { code: 'CHANNEL_NOT_FOUND' } });
    expect(await admin('POST', '/notification-channels/adm-email/enabled', { enabled: false })).toMatchObject({ status: 200, body: { enabled: false } });
    const actions: Array<{ action: string }> = await system.dataSource.query(`SELECT action FROM admin_audit_log WHERE target = 'channel:adm-email' ORDER BY id`);
    expect(actions.map((a) => a.action)).toEqual(['channel.create', 'channel.enable', 'channel.disable']);
  });

  it('发送测试: delivered and verified by the SMTP server and the robot; refusals reported, scrubbed, and logged', async () => {
    const sent = await admin('POST', '/notification-channels/adm-email/test', { to: 'water.staff1@bureau.example' });
    expect(sent).toMatchObject({ status: 200, body: { ok: true, outcome: 'sent' } });
    const mails = await sink.messages();
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toEqual(['water.staff1@bureau.example']);
    expect(mails[0].mail.subject).toBe('【督办系统】测试消息');
    expect(mails[0].mail.text).toContain('局邮件服务器');
    expect(mails[0].mail.messageId).toMatch(/@duban\.bureau\.example>$/);

    const refused = await admin('POST', '/notification-channels/adm-email/test', { to: 'nobody@bureau.example' });
    expect(refused).toMatchObject({ status: 200, body: { ok: false, outcome: 'permanent' } });
    expect(refused.body.detail).toContain('550');
    expect(await sink.messages()).toHaveLength(1);

    // No address on file and none given; an address that is not one.
    expect(await admin('POST', '/notification-channels/adm-email/test', {})).toMatchObject({ status: 400, body: { code: 'CHANNEL_TEST_ADDRESS_MISSING' } });
    expect(await admin('POST', '/notification-channels/adm-email/test', { to: 'not-an-address' })).toMatchObject({ status: 400, body: { code: 'CHANNEL_TEST_ADDRESS_INVALID' } });
    expect(await admin('POST', '/notification-channels/nope/test', {})).toMatchObject({ status: 404, body: { code: 'CHANNEL_NOT_FOUND' } });

    // The robot: signed (加签) and carrying the 关键词, as the receiver checks them.
    const robot = await admin('POST', '/notification-channels/adm-ding/test', {});
    expect(robot).toMatchObject({ status: 200, body: { ok: true, outcome: 'sent' } });
    expect(robots.dingtalk.accepted).toHaveLength(1);
    expect(JSON.stringify(robots.dingtalk.accepted[0].body)).toContain('督办');
    // A wrong signing secret: the vendor's signature error, a settings problem, its text scrubbed.
    await admin('PUT', '/notification-channels/adm-ding', { secrets: { signSecret: DING_SECRET_2 } });
    const wrongSign = await admin('POST', '/notification-channels/adm-ding/test', {});
    expect(wrongSign).toMatchObject({ status: 200, body: { ok: false, outcome: 'config' } });
    expect(wrongSign.body.detail).toContain('310000');
    noSecretIn(wrongSign.body);
    await admin('PUT', '/notification-channels/adm-ding', { secrets: { signSecret: DING_SECRET } });

    const rows: Array<{ id: string; lane: string; origin: string; status: string; address: string | null; failure_class: string | null; last_error: string | null; provider_ref: string | null }> =
      await system.dataSource.query(`SELECT id::text AS id, lane, origin, status, address, failure_class, last_error, provider_ref FROM outbox_messages ORDER BY id`);
    expect(rows.map((r) => [r.lane, r.origin, r.status, r.address, r.failure_class])).toEqual([
      ['adm-email', 'test', 'sent', 'water.staff1@bureau.example', null],
      ['adm-email', 'test', 'failed', 'nobody@bureau.example', 'permanent'],
      ['adm-ding', 'test', 'sent', null, null],
      ['adm-ding', 'test', 'failed', null, null],
    ]);
    expect(sent.body.deliveryId).toBe(rows[0].id);
    noSecretIn(rows);
    const tests: Array<{ after: Record<string, unknown> }> = await system.dataSource.query(`SELECT after FROM admin_audit_log WHERE action = 'channel.test' ORDER BY id`);
    expect(tests.map((t) => t.after.outcome)).toEqual(['sent', 'permanent', 'sent', 'config']);
  });

  it('SMS: a gateway credential only as {{secret}} (literal ones refused), the success value kept as text, short secrets shown as dots only', async () => {
    const smsConfig = {
      url: robots.sms.url,
      headers: { 'X-Api-Key': '{{secret}}' },
      body: '{"phone":"{{mobile}}","content":"{{text}}","outId":"{{messageId}}"}',
      success: { jsonPath: 'code', equals: '000000' },
    };
    const create = (config: Record<string, unknown>, id = 'adm-sms') => admin('POST', '/notification-channels', { id, kind: 'sms', name: '短信网关', config, secrets: { secret: SMS_SECRET } });
    const refused = await Promise.all([
      create({ ...smsConfig, headers: { Authorization: `Bearer ${LITERAL_KEY}` } }, 'sms-x1'),
      create({ ...smsConfig, headers: { 'X-Api-Key': LITERAL_KEY } }, 'sms-x2'),
      create({ ...smsConfig, url: `${robots.sms.url}?apikey=${LITERAL_KEY}&m={{mobile}}` }, 'sms-x3'),
      create({ ...smsConfig, url: robots.sms.url.replace('://', `://duban:${LITERAL_KEY}@`) }, 'sms-x4'),
      create({ ...smsConfig, body: `{"phone":"{{mobile}}","password":"${LITERAL_KEY}"}` }, 'sms-x5'),
    ]);
    expect(refused.map((r) => [r.status, r.body.code])).toEqual(Array(5).fill([400, 'CHANNEL_INVALID']));
    expect(refused.map((r) => r.body.message)).toEqual([
      expect.stringContaining('请求头 Authorization 含明文凭据'),
      expect.stringContaining('请求头 X-Api-Key 含明文凭据'),
      expect.stringContaining('网关地址的参数 apikey 含明文凭据'),
      expect.stringContaining('网关地址不能包含用户名或密码'),
      expect.stringContaining('请求体字段 password 含明文凭据'),
    ]);
    noSecretIn(refused.map((r) => r.body));

    const sms = await create(smsConfig);
    expect(sms).toMatchObject({ status: 201, body: { id: 'adm-sms', config: { success: { jsonPath: 'code', equals: '000000' } }, secrets: { secret: { set: true, hint: `••••${SMS_SECRET.slice(-4)}` } } } });
    const [stored] = await system.dataSource.query(`SELECT config FROM notification_channels WHERE id = 'adm-sms'`);
    expect(stored.config.success).toEqual({ jsonPath: 'code', equals: '000000' });
    // An edit cannot slip a literal key in either.
    expect(await admin('PUT', '/notification-channels/adm-sms', { config: { ...smsConfig, headers: { 'X-Auth-Token': LITERAL_KEY } } })).toMatchObject({ status: 400, body: { code: 'CHANNEL_INVALID' } });

    // The gateway answers code "000000" (a string): that is success, compared as text.
    robots.sms.answer = { status: 200, body: { code: '000000', msg: 'ok' } };
    const sent = await admin('POST', '/notification-channels/adm-sms/test', { to: '13800138000' });
    expect(sent).toMatchObject({ status: 200, body: { ok: true, outcome: 'sent' } });
    const request = robots.sms.requests.at(-1)!;
    expect(request.headers['x-api-key']).toBe(SMS_SECRET);
    expect(request.body).toMatchObject({ phone: '13800138000' });
    noSecretIn(sent.body);
    robots.sms.answer = { status: 200, body: { code: '0', msg: 'ok' } };
    expect(await admin('POST', '/notification-channels/adm-sms/test', { to: '13800138000' })).toMatchObject({ status: 200, body: { ok: false, outcome: 'permanent' } });
    robots.sms.reset();
    // A malformed number has its own code; none at all (the admin has no mobile on file) the other.
    expect(await admin('POST', '/notification-channels/adm-sms/test', { to: '12345' })).toMatchObject({ status: 400, body: { code: 'CHANNEL_TEST_ADDRESS_INVALID' } });

    // A short secret shows no characters of itself.
    const short = await admin('PUT', '/notification-channels/email', { secrets: { password: SHORT_PASSWORD } });
    expect(short).toMatchObject({ status: 200, body: { secrets: { password: { set: true, hint: '••••' } } } });
    noSecretIn(short.body);

    // Nothing of any secret (nor of the refused literal key) in the channels' audit, before or after.
    const audit: Array<{ before: unknown; after: unknown }> = await system.dataSource.query(`SELECT before, after FROM admin_audit_log WHERE target LIKE 'channel:%' ORDER BY id`);
    expect(audit.length).toBeGreaterThanOrEqual(12);
    noSecretIn(audit);
    noSecretIn(await admin('GET', '/notification-channels'));
    await system.dataSource.query(`DELETE FROM outbox_messages WHERE lane = 'adm-sms'`);
  });
});

describe('投递记录', () => {
  const message = (n: number, extra: Partial<OutboxMessage> = {}): OutboxMessage => ({
    messageKey: `evt-admin-${n}|adm-ding|department:water`,
    lane: 'adm-ding',
    channelKind: 'dingtalk',
    origin: 'event',
    eventId: null,
    measureId: n === 3 ? '2022-0303' : '2022-0101',
    recipient: null,
    address: null,
    urgent: false,
    subject: `【督办】事项 ${n} 到期提醒`,
    bodyText: `事项 ${n}\n消息编号 ${n}`,
    bodyMarkdown: `**事项 ${n}**`,
    link: null,
    notBefore: new Date(Date.now() - 60_000),
    ...extra,
  });

  it('lists the log newest first with filters, sums up each lane with its 暂停原因, and 重发 a failed row with the same key', async () => {
    const outbox = new OutboxRepository(system.dataSource);
    const createdAt = new Date(Date.now() - 3_600_000);
    await outbox.insertMessages([message(1), message(2), message(3), message(4, { notBefore: new Date(Date.now() + 3_600_000) })], createdAt);
    const [failed] = await system.dataSource.query(`SELECT id::text AS id, message_key FROM outbox_messages WHERE message_key = 'evt-admin-2|adm-ding|department:water'`);
    // As the lane leaves a row the vendor refused for good (claimed, then failed).
    await system.dataSource.query(`UPDATE outbox_messages SET status = 'sending' WHERE id = $1`, [failed.id]);
    await outbox.markFailed(failed.id, 'permanent', '钉钉拒收：内容不合规');
    await outbox.setHealth('adm-ding', { pausedReason: '钉钉答复 310000：签名不匹配', lastError: '310000', lastErrorAt: new Date().toISOString() });

    const page = await admin('GET', '/deliveries?lane=adm-ding&limit=3');
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(6); // 4 event rows + 2 test sends
    const items = page.body.items as Array<{ id: string; subject: string; status: string; origin: string; channelName: string }>;
    expect(items).toHaveLength(3);
    expect(items.map((i) => Number(i.id))).toEqual([...items.map((i) => Number(i.id))].sort((a, b) => b - a));
    expect(items[0]).toMatchObject({ subject: '【督办】事项 4 到期提醒', status: 'pending', channelName: '水生态环境处钉钉群' });
    const second = await admin('GET', '/deliveries?lane=adm-ding&limit=3&offset=3');
    expect((second.body.items as unknown[]).length).toBe(3);
    expect(await admin('GET', '/deliveries?status=failed&lane=adm-ding')).toMatchObject({ status: 200, body: { total: 2 } });
    expect(await admin('GET', '/deliveries?measureId=2022-0303')).toMatchObject({ status: 200, body: { total: 1, items: [{ subject: '【督办】事项 3 到期提醒' }] } });
    expect(await admin('GET', '/deliveries?status=lost')).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await admin('GET', '/deliveries?limit=1000')).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });

    const summary = await admin('GET', '/deliveries/summary');
    expect(summary.status).toBe(200);
    const lanes = summary.body.lanes as Array<Record<string, unknown>>;
    const lane = lanes.find((l) => l.lane === 'adm-ding')!;
    // Test sends count neither as failed nor as sent; 最早待发 is the oldest due row's not_before (a minute
    // ago), not its created_at (an hour ago), and the row held for an hour later does not count.
    expect(lane).toMatchObject({ pending: 3, due: 2, failed: 1, sentLastDay: 0, health: { pausedReason: '钉钉答复 310000：签名不匹配' } });
    const [due] = await system.dataSource.query(`SELECT min(not_before) AS at FROM outbox_messages WHERE lane = 'adm-ding' AND status = 'pending' AND not_before <= now()`);
    expect(lane.oldestPendingAt).toBe(new Date(due.at).toISOString());
    expect(lane.oldestPendingSeconds as number).toBeGreaterThanOrEqual(55);
    expect(lane.oldestPendingSeconds as number).toBeLessThan(600);
    expect(lanes.find((l) => l.lane === 'adm-email')).toMatchObject({ pending: 0, failed: 0, sentLastDay: 0, oldestPendingAt: null });
    // An event row sent counts in sentLastDay (the test sends beside it do not).
    const [sentRow] = await system.dataSource.query(`SELECT id::text AS id FROM outbox_messages WHERE message_key = 'evt-admin-1|adm-ding|department:water'`);
    await system.dataSource.query(`UPDATE outbox_messages SET status = 'sending' WHERE id = $1`, [sentRow.id]);
    await outbox.markSent(sentRow.id, 'errcode 0', new Date());
    const afterSend = (await admin('GET', '/deliveries/summary')).body.lanes as Array<Record<string, unknown>>;
    expect(afterSend.find((l) => l.lane === 'adm-ding')).toMatchObject({ pending: 2, due: 1, sentLastDay: 1, failed: 1 });

    // 重发 of a row that expired (written 4 days ago, tried 6 times): pending again, due now, attempts from 0,
    // retried_at now (the lane's 72 hours count from it), same id and key.
    await system.dataSource.query(`UPDATE outbox_messages SET attempts = 6, failure_class = 'expired', created_at = now() - interval '4 days' WHERE id = $1`, [failed.id]);

    const retried = await admin('POST', `/deliveries/${failed.id}/retry`);
    expect(retried).toMatchObject({ status: 200, body: { id: failed.id, status: 'pending', failureClass: null } });
    const [row] = await system.dataSource.query(
      `SELECT id::text AS id, message_key, status, attempts, failure_class, abs(extract(epoch FROM retried_at - now())) < 60 AS retried_now,
              not_before <= now() AS due, retried_at = not_before AS due_since_retry, created_at < now() - interval '3 days' AS created_kept
         FROM outbox_messages WHERE id = $1`,
      [failed.id],
    );
    expect(row).toEqual({ id: failed.id, message_key: failed.message_key, status: 'pending', attempts: 0, failure_class: null, retried_now: true, due: true, due_since_retry: true, created_kept: true });
    expect(await admin('POST', `/deliveries/${failed.id}/retry`)).toMatchObject({ status: 409, body: { code: 'DELIVERY_NOT_RETRYABLE' } });
    const [testRow] = await system.dataSource.query(`SELECT id::text AS id FROM outbox_messages WHERE origin = 'test' AND status = 'failed' ORDER BY id LIMIT 1`);
    expect(await admin('POST', `/deliveries/${testRow.id}/retry`)).toMatchObject({ status: 409, body: { code: 'DELIVERY_NOT_RETRYABLE' } });
    expect(await admin('POST', '/deliveries/999999999/retry')).toMatchObject({ status: 404, body: { code: 'DELIVERY_NOT_FOUND' } });
    for (const bad of ['abc', '0', '01', '1e3', '-1', '1.0', '%201', '0x10', '12345678901234567']) {
      expect([bad, (await admin('POST', `/deliveries/${bad}/retry`)).status]).toEqual([bad, 400]);
    }
    expect((await admin('POST', '/deliveries/abc/retry')).body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('投递编号应为正整数') });
    // 重发 (like a save or an enable) woke the channel's lane: its workflow runs on this system's task queue.
    const woken = await system.app.get(Client).workflow.getHandle(deliveryLaneWorkflowId('adm-ding')).describe();
    expect({ status: woken.status.name, taskQueue: woken.taskQueue }).toEqual({ status: 'RUNNING', taskQueue: system.taskQueue });
    const audit: Array<{ target: string; after: unknown }> = await system.dataSource.query(`SELECT target, after FROM admin_audit_log WHERE action = 'delivery.retry'`);
    expect(audit).toEqual([{ target: `delivery:${failed.id}`, after: { status: 'pending', lane: 'adm-ding' } }]);

    // Saving the channel lifts the pause (the lane tries again with the new settings).
    await admin('PUT', '/notification-channels/adm-ding', { name: '水生态环境处钉钉群' });
    const after = await admin('GET', '/deliveries/summary');
    expect((after.body.lanes as Array<Record<string, unknown>>).find((l) => l.lane === 'adm-ding')).toMatchObject({ health: { pausedReason: null, lastError: '310000' } });
  });
});

describe('推送设置 and 通知方式', () => {
  it('checks and stores the 免打扰时段, SMS policy and digest switch (audited)', async () => {
    expect(await admin('GET', '/notification-settings')).toMatchObject({ status: 200, body: { quietStart: '22:00', quietEnd: '07:30', smsPolicy: 'urgent', digestEnabled: true } });
    const put = (body: unknown) => admin('PUT', '/notification-settings', body);
    expect(await put({ quietStart: '25:00', quietEnd: '07:30', smsPolicy: 'urgent', digestEnabled: true })).toMatchObject({ status: 400, body: { code: 'DELIVERY_SETTINGS_INVALID' } });
    expect(await put({ quietStart: '22:00', quietEnd: '22:00', smsPolicy: 'urgent', digestEnabled: true })).toMatchObject({ status: 400, body: { code: 'DELIVERY_SETTINGS_INVALID', message: '免打扰时段的开始和结束时间不能相同' } });
    expect(await put({ quietStart: '22:00', quietEnd: '07:30', smsPolicy: 'sometimes', digestEnabled: true })).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await put({ quietStart: '22:00' })).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    const saved = await put({ quietStart: '21:30', quietEnd: '08:00', smsPolicy: 'off', digestEnabled: false });
    expect(saved).toMatchObject({ status: 200, body: { quietStart: '21:30', quietEnd: '08:00', smsPolicy: 'off', digestEnabled: false, updatedBy: 'admin' } });
    expect(await system.dataSource.query('SELECT quiet_start, quiet_end, sms_policy, digest_enabled FROM notification_settings')).toEqual([
      { quiet_start: '21:30', quiet_end: '08:00', sms_policy: 'off', digest_enabled: false },
    ]);
    const [audit] = await system.dataSource.query(`SELECT before, after FROM admin_audit_log WHERE action = 'delivery.settings'`);
    expect(audit).toEqual({
      before: { quietStart: '22:00', quietEnd: '07:30', smsPolicy: 'urgent', digestEnabled: true },
      after: { quietStart: '21:30', quietEnd: '08:00', smsPolicy: 'off', digestEnabled: false },
    });
  });

  it('keeps each person’s own 通知方式', async () => {
    expect(await call('GET', '/notifications/preferences', 'water.staff1')).toMatchObject({ status: 200, body: { emailMode: 'event', smsEnabled: true, smsPolicy: 'off', digestEnabled: false } });
    expect(await call('PUT', '/notifications/preferences', 'water.staff1', { emailMode: 'digest' })).toMatchObject({ status: 200, body: { emailMode: 'digest', smsEnabled: true } });
    expect(await call('PUT', '/notifications/preferences', 'water.staff1', { smsEnabled: false })).toMatchObject({ status: 200, body: { emailMode: 'digest', smsEnabled: false } });
    expect(await call('GET', '/notifications/preferences', 'water.head')).toMatchObject({ status: 200, body: { emailMode: 'event', smsEnabled: true } });
    expect(await call('PUT', '/notifications/preferences', 'water.head', { emailMode: 'weekly' })).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await call('PUT', '/notifications/preferences', 'water.head', { emailMode: 'off', username: 'water.staff1' })).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await system.dataSource.query('SELECT username, email_mode, sms_enabled FROM notification_preferences ORDER BY username')).toEqual([
      { username: 'water.staff1', email_mode: 'digest', sms_enabled: false },
    ]);
  });

  it('answers only admins (403 for others, 401 without a token); preferences to everyone signed in', async () => {
    const adminRoutes: Array<[string, string, unknown?]> = [
      ['GET', '/notification-channels'],
      ['POST', '/notification-channels', { kind: 'wecom', name: 'x', audience: 'leadership', secrets: { webhook: robots.wecom.webhook } }],
      ['PUT', '/notification-channels/email', { name: 'x' }],
      ['POST', '/notification-channels/adm-email/enabled', { enabled: true }],
      ['POST', '/notification-channels/adm-email/test', { to: 'water.head@bureau.example' }],
      ['GET', '/notification-settings'],
      ['PUT', '/notification-settings', { quietStart: '22:00', quietEnd: '07:30', smsPolicy: 'urgent', digestEnabled: true }],
      ['GET', '/deliveries'],
      ['GET', '/deliveries/summary'],
      ['POST', '/deliveries/1/retry'],
    ];
    for (const [method, path, body] of adminRoutes) {
      expect([method, path, (await call(method, path, 'water.head', body)).status]).toEqual([method, path, 403]);
      expect([method, path, (await call(method, path, null, body)).status]).toEqual([method, path, 401]);
    }
    expect((await call('GET', '/notifications/preferences', null)).status).toBe(401);
    expect((await call('PUT', '/notifications/preferences', null, { emailMode: 'off' })).status).toBe(401);
    // Nothing of the refused calls was stored.
    expect(await system.dataSource.query(`SELECT count(*)::int AS n FROM notification_channels`)).toEqual([{ n: 5 }]);
    expect(await sink.messages()).toHaveLength(1);
  });
});
