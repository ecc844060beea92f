import { classifyDingtalk, classifyFeishu, classifyHttpStatus, classifySmtp, classifyWecom, retryAfterMs } from './classify';

const kindOf = (o: ReturnType<typeof classifySmtp> | undefined) => (o === undefined ? 'sent' : o.kind === 'transient' ? `transient:${o.scope}` : o.kind);

describe('SMTP (ISSUE16-PLAN §3.3)', () => {
  test.each([
    [{ code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO' }, 'permanent'],
    [{ code: 'EENVELOPE', responseCode: 553, command: 'RCPT TO' }, 'permanent'],
    [{ code: 'EENVELOPE', responseCode: 450, command: 'RCPT TO' }, 'transient:address'],
    [{ code: 'EENVELOPE', responseCode: 451, command: 'RCPT TO' }, 'transient:address'],
    [{ code: 'EENVELOPE', responseCode: 452, command: 'RCPT TO' }, 'transient:address'],
    [{ code: 'EMESSAGE', responseCode: 552, command: 'DATA' }, 'permanent'],
    [{ code: 'EMESSAGE', responseCode: 554, command: 'DATA' }, 'permanent'],
    [{ code: 'EMESSAGE', responseCode: 451, command: 'DATA' }, 'transient:channel'],
    [{ code: 'EPROTOCOL', responseCode: 421, command: 'CONN' }, 'transient:channel'],
    [{ code: 'EENVELOPE', responseCode: 421, command: 'RCPT TO' }, 'transient:channel'],
    [{ code: 'EAUTH', responseCode: 535, command: 'AUTH PLAIN' }, 'config'],
    [{ code: 'EENVELOPE', responseCode: 530, command: 'MAIL FROM' }, 'config'],
    [{ code: 'EENVELOPE', responseCode: 553, command: 'MAIL FROM' }, 'config'],
    [{ code: 'EENVELOPE', responseCode: 451, command: 'MAIL FROM' }, 'transient:channel'],
    [{ code: 'ETLS' }, 'config'],
    [{ code: 'ECONNECTION', command: 'CONN' }, 'transient:channel'],
    [{ code: 'ETIMEDOUT', command: 'CONN' }, 'transient:channel'],
    [{ code: 'ESOCKET' }, 'transient:channel'],
    [{ code: 'EDNS' }, 'transient:channel'],
    [{ code: 'EENVELOPE' }, 'permanent'],
    [{}, 'transient:channel'],
  ])('%j → %s', (failure, expected) => {
    expect(kindOf(classifySmtp(failure, 'd'))).toBe(expected);
  });
  test('the detail is passed through', () => {
    expect(classifySmtp({ responseCode: 550, command: 'RCPT TO' }, 'no such user')).toEqual({ kind: 'permanent', detail: 'no such user' });
  });
});

describe('HTTP statuses', () => {
  test.each([
    [400, 'permanent'],
    [413, 'permanent'],
    [401, 'config'],
    [403, 'config'],
    [404, 'config'],
    [408, 'transient:channel'],
    [429, 'rate_limited'],
    [500, 'transient:channel'],
    [502, 'transient:channel'],
    [503, 'transient:channel'],
  ])('%i → %s', (status, expected) => {
    expect(kindOf(classifyHttpStatus(status, 'd'))).toBe(expected);
  });
  test('429 waits as told, a minute when not told', () => {
    expect(classifyHttpStatus(429, 'd', 7000)).toEqual({ kind: 'rate_limited', retryAfterMs: 7000, detail: 'd' });
    expect(classifyHttpStatus(429, 'd')).toMatchObject({ retryAfterMs: 60_000 });
  });
  test('Retry-After in seconds or as an HTTP date', () => {
    expect(retryAfterMs('30', 0)).toBe(30_000);
    expect(retryAfterMs('Wed, 02 Dec 2026 06:00:10 GMT', Date.parse('2026-12-02T06:00:00Z'))).toBe(10_000);
    expect(retryAfterMs('soon', 0)).toBeUndefined();
    expect(retryAfterMs(null, 0)).toBeUndefined();
  });
});

describe('vendor codes', () => {
  test.each([
    [0, 'sent'],
    [45009, 'rate_limited'],
    [93000, 'config'],
    [-1, 'transient:channel'],
    [40008, 'permanent'],
    [40058, 'permanent'],
  ])('WeCom errcode %i → %s', (code, expected) => expect(kindOf(classifyWecom(code, 'd'))).toBe(expected));

  test.each([
    [0, 'sent'],
    [310000, 'config'],
    [300001, 'config'],
    [130101, 'rate_limited'],
    [90030, 'rate_limited'],
    [40035, 'permanent'],
  ])('DingTalk errcode %i → %s', (code, expected) => expect(kindOf(classifyDingtalk(code, 'd'))).toBe(expected));

  test.each([
    [0, 'sent'],
    [19021, 'config'],
    [19022, 'config'],
    [19024, 'config'],
    [19001, 'config'],
    [11232, 'rate_limited'],
    [99991400, 'rate_limited'],
    [19036, 'permanent'],
    [9499, 'permanent'],
  ])('Feishu code %i → %s', (code, expected) => expect(kindOf(classifyFeishu(code, 'd'))).toBe(expected));

  test('throttle lengths: DingTalk 130101 ten minutes, 90030 an hour; WeCom a minute; Feishu as the reset header says', () => {
    expect(classifyDingtalk(130101, 'd')).toMatchObject({ retryAfterMs: 600_000 });
    expect(classifyDingtalk(90030, 'd')).toMatchObject({ retryAfterMs: 3_600_000 });
    expect(classifyWecom(45009, 'd')).toMatchObject({ retryAfterMs: 60_000 });
    expect(classifyFeishu(99991400, 'd', 5000)).toMatchObject({ retryAfterMs: 5000 });
  });
});
