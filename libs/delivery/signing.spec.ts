import { dingtalkSign, emailMessageId, feishuSign, messageToken, smsMessageId } from './signing';

// Expected values computed independently with Python's hmac/hashlib/base64/urllib.
describe('robot signatures', () => {
  test('DingTalk: urlEncode(base64(HmacSHA256(secret, ts + "\\n" + secret))), ms timestamp', () => {
    const secret = 'SEC000000000000000000000000000000000000000000000000000000000000000';
    expect(dingtalkSign(secret, 1599360473000)).toEqual({ timestamp: '1599360473000', sign: 'sJbUvaKsDTTwPYAEAvsclZn%2BmuvK9lINwmW9UJw57zE%3D' });
  });
  test('Feishu: base64(HmacSHA256(key = ts + "\\n" + secret, message = "")), seconds, not URL-encoded', () => {
    expect(feishuSign('demo-secret', 1599360473999)).toEqual({ timestamp: '1599360473', sign: '3/MaVZ8JLIy4TUG+7KSFJqvUkTKd+HWY8g+56DZWq8s=' });
  });
});

describe('stable message ids', () => {
  test('Message-ID = <id.sha256(key)[0..16]@domain>, the same every time', () => {
    expect(messageToken(1, 'evt-1|email|a')).toBe('1.fe200b631d78a7e6');
    expect(emailMessageId(1, 'evt-1|email|a', 'duban.example')).toBe('<1.fe200b631d78a7e6@duban.example>');
    expect(emailMessageId('1', 'evt-1|email|a', 'duban.example')).toBe(emailMessageId(1, 'evt-1|email|a', 'duban.example'));
    expect(emailMessageId(1, 'evt-1|email|b', 'duban.example')).not.toBe(emailMessageId(1, 'evt-1|email|a', 'duban.example'));
  });
  test('SMS messageId is letters and digits only', () => {
    expect(smsMessageId(1, 'evt-1|email|a')).toBe('1xfe200b631d78a7e6');
  });
});
