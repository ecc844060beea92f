import { createSender } from './index';
import { messageIdDomainFor } from './signing';
import { channelProblems } from './validate';

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
