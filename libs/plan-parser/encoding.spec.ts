import { PlanParseError, decodePlanBytes, parsePlan } from './index';

// `某市水务局2025年工作要点\n一、保障城乡供水安全\n(一)提升供水能力。\n1.新建供水管网120公里。\n` in GBK.
const GBK_PLAN = Buffer.from(
  'c4b3cad0cbaecef1bed632303235c4eab9a4d7f7d2aab5e30ad2bba1a2b1a3d5cfb9a9cbaeb0b2c8ab0a28d2bb29cce1c9fdb9a9cbaec4dcc1a6a1a30a312ed0c2bda8b9a9cbaeb9dccdf8313230b9abc0efa1a30a',
  'hex',
);

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof PlanParseError ? error.code : 'other';
  }
  return undefined;
}

describe('decodePlanBytes', () => {
  it('decodes UTF-8 and strips a BOM', () => {
    expect(decodePlanBytes(Buffer.from('\ufeff某局2022年工作要点', 'utf8'))).toBe('某局2022年工作要点');
  });

  it('falls back to GB18030 for GBK files', () => {
    const plan = parsePlan(decodePlanBytes(GBK_PLAN));
    expect(plan.title).toBe('某市水务局2025年工作要点');
    expect(plan.chapters[0].sections[0].measures[0]).toEqual({
      code: '1.1.1',
      title: '新建供水管网120公里',
      body: '',
      quantities: [{ value: 120, unit: '公里', text: '供水管网' }],
    });
  });

  it('rejects NUL bytes (binary files, UTF-16) before decoding', () => {
    expect(codeOf(() => decodePlanBytes(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00])))).toBe('binary');
    expect(codeOf(() => decodePlanBytes(Buffer.from('\ufeff工作要点', 'utf16le')))).toBe('binary');
  });

  it('rejects bytes that are neither UTF-8 nor GB18030', () => {
    expect(codeOf(() => decodePlanBytes(Buffer.from([0xff, 0xfe, 0xfd, 0xff, 0xff, 0x81, 0xff])))).toBe('binary');
  });
});
