import { escapeFor, fillTemplate, smsRequest, smsTemplateProblems, valueAt, type SmsValues } from './sms';

const values: SmsValues = { mobile: '13800000000', text: '他说"好"\\n\n100% & =+', messageId: '7xabc', timestamp: '1700000000000', secret: 'k&y' };

describe('placeholders, escaped for where they stand', () => {
  test('JSON: the value is valid JSON string content (the template has the quotes)', () => {
    const body = fillTemplate('{"m":"{{mobile}}","t":"{{ text }}"}', values, escapeFor.json);
    expect(JSON.parse(body)).toEqual({ m: '13800000000', t: values.text });
  });
  test('form and URL: percent-encoded, so & = + cannot inject fields', () => {
    const form = fillTemplate('t={{text}}&k={{secret}}', values, escapeFor.form);
    expect(Object.fromEntries(new URLSearchParams(form))).toEqual({ t: values.text, k: 'k&y' });
    const url = new URL(fillTemplate('https://gw.example/send?t={{text}}&id={{messageId}}', values, escapeFor.url));
    expect(url.searchParams.get('t')).toBe(values.text);
  });
  test('headers: CR/LF cannot split a header', () => {
    expect(escapeFor.header('a\r\nX-Evil: 1')).toBe('a X-Evil: 1');
  });
  test('unknown placeholders are left alone (and reported by smsTemplateProblems)', () => {
    expect(fillTemplate('{{nope}}', values, escapeFor.url)).toBe('{{nope}}');
  });
});

describe('smsTemplateProblems', () => {
  test('a good template has none', () => {
    expect(smsTemplateProblems({ url: 'https://gw.example/sms', body: '{"p":"{{mobile}}","c":"{{text}}","ts":{{timestamp}}}', contentType: 'json' })).toEqual([]);
  });
  test('unknown placeholders, a bad URL, JSON that does not parse, a missing body', () => {
    expect(smsTemplateProblems({ url: 'https://gw.example/sms', body: '{"p":"{{phone}}"}' })[0]).toContain('{{phone}}');
    expect(smsTemplateProblems({ url: 'not a url', body: '{}' })).toContain('网关地址不是有效的 URL');
    expect(smsTemplateProblems({ url: 'ftp://gw.example/', body: '{}' })).toContain('网关地址必须是 http(s) 地址');
    expect(smsTemplateProblems({ url: 'https://gw.example/', body: '{"p":{{text}}}' })[0]).toContain('JSON');
    expect(smsTemplateProblems({ url: 'https://gw.example/' })).toContain('缺少请求体模板');
    expect(smsTemplateProblems({ url: 'https://gw.example/?m={{mobile}}', method: 'GET' })).toEqual([]);
  });
});

describe('smsRequest', () => {
  test('text + link cut to maxChars, stable messageId, content type from the template kind', () => {
    const message = { id: 5, key: 'k', to: '13800000000', subject: 's', text: '督'.repeat(20), link: 'https://d.example/#/measures/1' };
    const request = smsRequest({ url: 'https://gw.example/', body: '{"c":"{{text}}","id":"{{messageId}}"}', maxChars: 10 }, {}, message, 0);
    const body = JSON.parse(request.body!);
    expect([...body.c]).toHaveLength(10);
    expect(body.c.endsWith('…')).toBe(true);
    expect(body.id).toMatch(/^5x[0-9a-f]{16}$/);
    expect(request.headers['content-type']).toMatch(/application\/json/);
    const form = smsRequest({ url: 'https://gw.example/', body: 'c={{text}}', contentType: 'form', headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=GBK' } }, {}, message, 0);
    expect(form.headers).toEqual({ 'Content-Type': 'application/x-www-form-urlencoded; charset=GBK' });
  });
});

describe('valueAt (success rule path)', () => {
  test('dot paths with or without $', () => {
    const json = { code: 0, result: { code: '0', list: [{ status: 'OK' }] } };
    expect(valueAt(json, 'code')).toBe(0);
    expect(valueAt(json, '$.result.code')).toBe('0');
    expect(valueAt(json, 'result.list.0.status')).toBe('OK');
    expect(valueAt(json, 'missing.x')).toBeUndefined();
    expect(valueAt(undefined, 'code')).toBeUndefined();
  });
});
