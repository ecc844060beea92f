import { unstorableText, unstorableTextMessage } from './storable-text';

describe('unstorableText', () => {
  it('accepts ordinary text, emoji (whole surrogate pairs) and non-text values', () => {
    expect(unstorableText({ note: '完成 60%', tags: ['😀', 'ok'], n: 3, nested: { ok: true } })).toBeUndefined();
    expect(unstorableText(Buffer.from([0, 1, 2]))).toBeUndefined();
    expect(unstorableText(null)).toBeUndefined();
  });

  it('names the path of NUL or a lone surrogate, in values and keys', () => {
    expect(unstorableText('a\u0000b')).toBe('');
    expect(unstorableText({ note: 'x\ud800' })).toBe('note');
    expect(unstorableText({ findings: [{ description: '\udc00y' }] })).toBe('findings.0.description');
    expect(unstorableText({ outer: { 'k\u0000': 1 } })).toBe('outer');
  });

  it('survives deep nesting without recursion', () => {
    let deep: unknown = 'bad\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(unstorableText(deep)).toMatch(/^0(\.0)*$/);
  });

  it('says what is wrong in plain words', () => {
    expect(unstorableTextMessage('note')).toBe('note: 不能包含空字符（\\u0000）或不成对的代理字符');
  });
});
