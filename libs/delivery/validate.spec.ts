import { createSender } from './index';
import { messageIdDomainFor } from './signing';
import { channelProblems, smsCredentialProblems } from './validate';

describe('channelProblems', () => {
  const email = { host: 'smtp.bureau.example', port: 465, secure: true, from: '督办系统 <duban@bureau.example>' };
  test('good settings have none', () => {
    expect(channelProblems({ kind: 'email', config: email, secrets: {} })).toEqual([]);
    expect(channelProblems({ kind: 'email', config: { ...email, from: 'duban@bureau.example', user: 'duban' }, secrets: { password: 'x' } })).toEqual([]);
    expect(channelProblems({ kind: 'wecom', config: {}, secrets: { webhook: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k' } })).toEqual([]);
    expect(channelProblems({ kind: 'sms', config: { url: 'https://gw.example/', body: '{"m":"{{mobile}}"}' }, secrets: {} })).toEqual([]);
  });
  test('each problem in plain Chinese', () => {
    expect(channelProblems({ kind: 'email', config: { ...email, host: '' }, secrets: {} })).toEqual(['缺少 SMTP 服务器地址']);
    expect(channelProblems({ kind: 'email', config: { ...email, port: 0 }, secrets: {} })).toEqual(['SMTP 端口必须是 1–65535 的整数']);
    expect(channelProblems({ kind: 'email', config: { ...email, from: '督办系统' }, secrets: {} })[0]).toContain('发件人必须是邮箱地址');
    expect(channelProblems({ kind: 'email', config: { ...email, user: 'duban' }, secrets: {} })).toEqual(['设置了 SMTP 用户名但没有密码']);
    expect(channelProblems({ kind: 'dingtalk', config: {}, secrets: { webhook: '' } })).toEqual(['缺少机器人 Webhook 地址']);
    expect(channelProblems({ kind: 'feishu', config: {}, secrets: { webhook: 'ftp://x' } })).toEqual(['机器人 Webhook 地址必须是 http(s) 地址']);
    expect(channelProblems({ kind: 'feishu', config: { keyword: ' ' }, secrets: { webhook: 'https://f.example/hook/t' } })).toEqual(['关键词不能为空白']);
    expect(channelProblems({ kind: 'sms', config: { url: 'https://gw.example/', body: '{{x}}' }, secrets: {} })[0]).toContain('未知占位符');
  });
  test('a sender for impossible settings answers config and opens nothing', async () => {
    const sender = createSender({ kind: 'email', config: { ...email, host: '' }, secrets: {} });
    expect(await sender.send({ id: 1, key: 'k', to: 'a@b.example', subject: 's', text: 't' })).toEqual({ kind: 'config', detail: '渠道设置有误：缺少 SMTP 服务器地址' });
    sender.close();
  });
});

test('messageIdDomainFor: the public URL host name, without the port', () => {
  expect(messageIdDomainFor('https://duban.bureau.example:8443/app')).toBe('duban.bureau.example');
  expect(messageIdDomainFor('http://10.1.2.3:3000')).toBe('10.1.2.3');
});

describe('smsCredentialProblems: a credential in the (visible) SMS template only as {{secret}}', () => {
  const base = { url: 'https://gw.example/sms?m={{mobile}}', body: '{"phone":"{{mobile}}","content":"{{text}}"}' };
  const sms = (config: Partial<typeof base> & Record<string, unknown>) => channelProblems({ kind: 'sms', config: { ...base, ...config }, secrets: { secret: 's3cr3t-value' } });
  test('{{secret}} in credential headers, query keys and body fields is fine; ordinary headers and keys are free', () => {
    expect(smsCredentialProblems({ ...base, headers: { Authorization: 'Bearer {{secret}}', 'X-Api-Key': '{{secret}}', 'X-Auth-Token': ' {{ secret }} ', 'Content-Type': 'application/json', 'X-Client': 'duban' } })).toEqual([]);
    expect(smsCredentialProblems({ ...base, url: 'https://gw.example/sms?apikey={{secret}}&m={{mobile}}&sign=%7B%7Bsecret%7D%7D' })).toEqual([]);
    expect(smsCredentialProblems({ ...base, body: '{"apikey":"{{secret}}","phone":"{{mobile}}","ts":{{timestamp}}}' })).toEqual([]);
    expect(smsCredentialProblems({ ...base, contentType: 'form', body: 'token={{secret}}&m={{mobile}}' })).toEqual([]);
    expect(sms({ headers: { Authorization: 'Basic {{secret}}' } })).toEqual([]);
  });
  test('literal credentials are refused, each in plain Chinese', () => {
    expect(sms({ headers: { Authorization: 'Bearer abc123' } })).toEqual([expect.stringContaining('请求头 Authorization 含明文凭据')]);
    expect(sms({ headers: { 'x-api-key': 'k-0123456789' } })[0]).toContain('请求头 x-api-key 含明文凭据');
    expect(sms({ headers: { 'X-Access-Token': '{{secret}}x' } })[0]).toContain('X-Access-Token');
    expect(sms({ headers: { 'X-App-Secret': 'Bearer {{secret}} extra' } })[0]).toContain('X-App-Secret');
    expect(sms({ url: 'https://gw.example/sms?m={{mobile}}&apikey=0123456789' })).toEqual([expect.stringContaining('网关地址的参数 apikey 含明文凭据')]);
    expect(sms({ url: 'https://gw.example/sms?Access_Token=abc&m={{mobile}}' })[0]).toContain('Access_Token');
    expect(sms({ url: 'https://user:pa55@gw.example/sms' })).toEqual([expect.stringContaining('网关地址不能包含用户名或密码')]);
    expect(sms({ url: 'https://user:{{secret}}@gw.example/sms' })[0]).toContain('user:pass@');
    expect(sms({ body: '{"account":"duban","password":"hunter22","phone":"{{mobile}}"}' })).toEqual([expect.stringContaining('请求体字段 password 含明文凭据')]);
    expect(sms({ body: '{"auth":{"sign":"abc"},"phone":"{{mobile}}"}' })[0]).toContain('请求体字段 sign');
    expect(sms({ contentType: 'form', body: 'm={{mobile}}&key=abc' })[0]).toContain('请求体字段 key');
    for (const problem of sms({ headers: { Authorization: 'Bearer abc123' } })) expect(problem).toContain('{{secret}}');
  });
});
