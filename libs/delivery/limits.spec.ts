import { byteLength, fitWithKeyword, truncateBytes, truncateChars } from './limits';

describe('truncateBytes', () => {
  test('text within the limit is unchanged', () => {
    expect(truncateBytes('督办', 6)).toBe('督办');
  });
  test('cuts on a character boundary and ends in …, never over the limit', () => {
    const out = truncateBytes('督办事项已逾期', 10); // 3 bytes a character, … is 3 bytes
    expect(out).toBe('督办…');
    expect(byteLength(out)).toBeLessThanOrEqual(10);
    for (let max = 3; max < 40; max++) expect(byteLength(truncateBytes('a督😀b办'.repeat(5), max))).toBeLessThanOrEqual(max);
  });
  test('never splits a surrogate pair (emoji)', () => {
    expect(truncateBytes('😀😀😀', 9)).toBe('😀…');
  });
});

describe('truncateChars', () => {
  test('counts characters, not bytes', () => {
    expect(truncateChars('一二三四五', 5)).toBe('一二三四五');
    expect(truncateChars('一二三四五六', 5)).toBe('一二三四…');
  });
});

describe('fitWithKeyword (关键词)', () => {
  test('appends the keyword when missing and keeps it when the body is cut', () => {
    expect(fitWithKeyword('今天到期', '督办', 100)).toBe('今天到期\n督办');
    const out = fitWithKeyword('到'.repeat(100), '督办', 30);
    expect(out.endsWith('\n督办')).toBe(true);
    expect(byteLength(out)).toBeLessThanOrEqual(30);
  });
  test('a body that has the keyword is only cut; a cut that loses it gets it appended', () => {
    expect(fitWithKeyword('督办提醒', '督办', 100)).toBe('督办提醒');
    const out = fitWithKeyword(`${'到'.repeat(50)}督办`, '督办', 30);
    expect(out).toContain('督办');
    expect(byteLength(out)).toBeLessThanOrEqual(30);
  });
  test('no keyword: plain truncation', () => {
    expect(fitWithKeyword('督办事项已逾期', undefined, 10)).toBe('督办…');
  });
});
