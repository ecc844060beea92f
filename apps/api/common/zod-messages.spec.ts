import { z } from 'zod';
import { useChineseZodMessages } from './zod-messages';

beforeAll(() => useChineseZodMessages());

const messageOf = (schema: z.ZodType, value: unknown): string[] => {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error('expected a refusal');
  return parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
};

describe('zod messages in plain Chinese', () => {
  const body = z.strictObject({
    percent: z.number().min(0).max(100),
    note: z.string().min(1).max(5),
    tags: z.array(z.string()).max(2),
    kind: z.enum(['约谈', '诫勉']),
    done: z.boolean(),
  });

  it('names the expected and the received type in Chinese, a missing field as 必填', () => {
    expect(messageOf(body, { percent: 'abc', note: 3, tags: {}, kind: '约谈' })).toEqual([
      'percent: 应为数字，实际为文字',
      'note: 应为文字，实际为数字',
      'tags: 应为列表（数组），实际为对象',
      'done: 必填，应为布尔值（true 或 false）',
    ]);
    expect(messageOf(body, null)).toEqual(['应为对象，实际为空值（null）']);
  });

  it('says lengths, ranges, choices and unknown fields without English words', () => {
    expect(messageOf(body, { percent: 120, note: '', tags: ['a', 'b', 'c'], kind: '问责', done: true, extra: 1 })).toEqual([
      'percent: 不能大于 100',
      'note: 不能为空',
      'tags: 最多 2 项',
      'kind: 应为以下之一："约谈"、"诫勉"',
      '不认识的字段：extra',
    ]);
    expect(messageOf(body, { percent: -1, note: '太长的一段说明', tags: [], kind: '约谈', done: false })).toEqual(['percent: 不能小于 0', 'note: 不能超过 5 个字符']);
  });

  it("leaves a schema's own message first", () => {
    expect(messageOf(z.object({ n: z.number({ error: '进度应为 0–100 的数字' }) }), { n: 'x' })).toEqual(['n: 进度应为 0–100 的数字']);
  });
});
