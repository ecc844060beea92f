import { mask, maskWebhook, scrub, secretVariants } from './secrets';

describe('mask', () => {
  test('four dots and the last four characters of a long token (≥ 16); shorter or empty secrets show nothing of themselves', () => {
    expect(mask('0123456789aba1b2')).toBe('••••a1b2');
    expect(mask('SEC0123456789abcdef0123456789a1b2')).toBe('••••a1b2');
    expect(mask('012345678abca1b')).toBe('••••');
    expect(mask('hunter22')).toBe('••••');
    expect(mask('abcd')).toBe('••••');
    expect(mask('')).toBe('');
    expect(mask(undefined)).toBe('');
  });
  test('webhooks: the key, access_token or hook token masked, the rest of the URL shortened', () => {
    expect(maskWebhook('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-a1b2')).toBe('https://qyapi.weixin.qq.com/…/send?key=••••a1b2');
    expect(maskWebhook('https://oapi.dingtalk.com/robot/send?access_token=0123456789abcdef')).toBe('https://oapi.dingtalk.com/…/send?access_token=••••cdef');
    expect(maskWebhook('https://open.feishu.cn/open-apis/bot/v2/hook/2a7f3c1e-9b4d-b0c9')).toBe('https://open.feishu.cn/…/hook/••••b0c9');
    expect(maskWebhook('not a url secret-9999')).toBe('••••9999');
  });
});

describe('scrub', () => {
  const webhook = 'https://oapi.dingtalk.com/robot/send?access_token=tok3n-ABCDEFGH-1234';
  test('removes each secret, its encoded forms and the tokens inside a webhook URL', () => {
    const secret = 'p@ss word/+=';
    const text = [
      `connect failed ${webhook}`,
      'token tok3n-ABCDEFGH-1234 rejected',
      `auth ${secret} ${encodeURIComponent(secret)} ${encodeURIComponent(secret).replace(/%20/g, '+')} ${JSON.stringify(secret)}`,
    ].join('\n');
    const out = scrub(text, [webhook, secret]);
    expect(out).not.toContain('tok3n-ABCDEFGH-1234');
    expect(out).not.toContain(secret);
    expect(out).not.toContain(encodeURIComponent(secret));
    expect(out).toContain('••••1234');
    expect(out).toContain('connect failed');
  });
  test('the Feishu hook token is a secret of its URL', () => {
    const hook = 'https://open.feishu.cn/open-apis/bot/v2/hook/2a7f3c1e-9b4d-4e8a';
    expect(scrub('path /open-apis/bot/v2/hook/2a7f3c1e-9b4d-4e8a not found', [hook])).toBe('path /open-apis/bot/v2/hook/••••4e8a not found');
  });
  test('a short secret is replaced by dots only', () => {
    expect(scrub('535 auth failed for hunter22', ['hunter22'])).toBe('535 auth failed for ••••');
  });
  test('empty and very short values are ignored (they would shred ordinary text), longest first', () => {
    expect(scrub('abc ok', ['', 'abc', undefined])).toBe('abc ok');
    const variants = secretVariants([webhook]);
    expect(variants.indexOf(webhook)).toBeLessThan(variants.indexOf('tok3n-ABCDEFGH-1234'));
    expect(variants).toContain('tok3n-ABCDEFGH-1234');
  });
});
