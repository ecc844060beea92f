import { joinParagraph, looksBinary, splitFirstSentence, splitTrimmedLines, toAsciiDigits } from './text';

describe('text helpers', () => {
  it('splits any line ending and trims every kind of indentation', () => {
    expect(splitTrimmedLines('\u3000\u3000一、甲\r\n\t(一)乙  \r\u00a0\u00a01.丙\u200b\n')).toEqual(['一、甲', '(一)乙', '1.丙', '']);
  });

  it('converts full-width digits one for one', () => {
    expect(toAsciiDigits('１２．新建２个')).toBe('12．新建2个');
  });

  it('glues wrapped Chinese lines and spaces Latin words apart', () => {
    expect(joinParagraph(['加强VOCs', '治理。', '执行GB', '3095标准'])).toBe('加强VOCs治理。执行GB 3095标准');
  });

  it('splits at the first 。', () => {
    expect(splitFirstSentence('甲。乙。丙')).toEqual({ first: '甲', rest: '乙。丙' });
    expect(splitFirstSentence('甲')).toEqual({ first: '甲', rest: '' });
    expect(splitFirstSentence('甲。')).toEqual({ first: '甲', rest: '' });
  });

  it('calls text binary for NULs or many replacement/control characters, not for a stray one', () => {
    expect(looksBinary('a\u0000b')).toBe(true);
    expect(looksBinary('\ufffd'.repeat(10))).toBe(true);
    expect(looksBinary(`${'正常文字'.repeat(100)}\ufffd\u0007`)).toBe(false);
    expect(looksBinary('换页符\f也算文本')).toBe(false);
  });
});
