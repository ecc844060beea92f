import { PlanParseError, parsePlan, type PlanParseErrorCode } from './index';

function errorOf(text: string): PlanParseError {
  try {
    parsePlan(text);
  } catch (error) {
    if (error instanceof PlanParseError) return error;
    throw error;
  }
  throw new Error('parsed without error');
}

describe('parsePlan rejects what is not a work plan', () => {
  const cases: Array<[string, string, PlanParseErrorCode]> = [
    ['empty text', '', 'empty'],
    ['only whitespace', ' \r\n\t\u3000\u00a0\n', 'empty'],
    ['only a BOM', '\ufeff', 'empty'],
    ['NUL bytes', '某局2022年工作要点\n\u0000\u0000一、x\n', 'binary'],
    ['replacement characters (GBK read as UTF-8)', `\ufffd\ufffd\ufffd2022\ufffd\ufffd\ufffd\ufffd\n${'\ufffd'.repeat(200)}`, 'binary'],
    ['control characters', 'PK\u0003\u0004\u0014\u0006\u0008\u0001 some zip header', 'binary'],
    ['unrelated prose', '今天天气很好。\n我们去公园散步，看到了很多花。\n1.带水。\n', 'no_title'],
    ['a work plan title without a year', '生态环境局工作要点\n一、重点任务\n(一)大气\n1.治理扬尘。\n', 'no_title'],
    ['a notice without the plan in it', '各单位：现将《某局2022年工作要点》印发给你们，请认真贯彻落实。\n', 'no_title'],
    ['a notice headline with the plan name but no items', '关于印发《某局2022年工作要点》的通知\n各单位：现将工作要点印发给你们。\n', 'no_measures'],
    ['a title with no chapters', '某局2022年工作要点\n今年要做好各项工作。\n', 'no_measures'],
    ['only a prose chapter', '某局2022年工作要点\n一、总体要求\n(一)指导思想。以……为指导。\n(二)基本原则。坚持稳中求进。\n', 'no_measures'],
    ['only a target chapter', '某局2022年工作要点\n一、主要目标指标\n(一)空气质量改善。\n', 'no_measures'],
  ];

  it.each(cases)('%s → %s', (_, text, code) => {
    expect(errorOf(text).code).toBe(code);
  });

  it('tolerates a stray replacement character in a real plan', () => {
    expect(parsePlan('某局2022年工作要点\n一、工作\n(一)基础\n1.做好\ufffd统计。\n').chapters).toHaveLength(1);
  });

  it.each([
    ['two sections （一） in one chapter', '某局2022年工作要点\n二、工作\n（一）甲\n1.做甲。\n（一）乙\n1.做乙。\n', '2.1'],
    ['a measure number twice in one section', '某局2022年工作要点\n二、工作\n（一）甲\n1.做甲。\n1.做乙。\n', '2.1.1'],
    ['a chapter numeral twice', '某局2022年工作要点\n二、工作\n（一）甲\n1.做甲。\n二、工作\n（一）乙\n1.做乙。\n', '2'],
    ['a target item twice', '某局2022年工作要点\n一、主要目标\n(一)甲。\n(一)乙。\n二、工作\n（一）甲\n1.做甲。\n', '1.1'],
  ])('duplicate code: %s', (_, text, code) => {
    const error = errorOf(text);
    expect(error.code).toBe('duplicate_code');
    expect(error.detail).toBe(code);
    expect(error.message).toContain(`duplicate code ${code}`);
  });

  it('is an Error with a one-line Chinese and English message', () => {
    const error = errorOf('随便写点什么');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('PlanParseError');
    expect(error.message).toBe('不是工作要点文档：未找到标题（……年工作要点） / not a work plan: no title "…年工作要点" found');
    for (const code of ['empty', 'binary', 'no_title', 'no_measures', 'duplicate_code'] as const) {
      expect(new PlanParseError(code, '2.1').message).toMatch(/^[^\n]+ \/ [^\n]+$/);
    }
  });
});
