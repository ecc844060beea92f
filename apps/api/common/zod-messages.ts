// The messages zod writes itself — a field of the wrong type, a missing one, a length or range, an
// unknown field — in plain Chinese. zod's own zh-CN locale leaves type and origin names in English
// ("期望 数字，实际接收 string", "期望 string <=200 字符"); this map covers those cases and leaves the
// rest to the locale. A schema's own message always comes first (zod asks this map only without one).
import { z } from 'zod';

const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  bigint: '整数',
  boolean: '布尔值（true 或 false）',
  array: '列表（数组）',
  tuple: '列表（数组）',
  object: '对象',
  record: '对象',
  map: '对象',
  set: '列表（数组）',
  null: '空值（null）',
  undefined: '未填写',
  nan: '非数字（NaN）',
  date: '日期',
  file: '文件',
  symbol: '符号',
  function: '函数',
};

/** The kind of a value as JSON would call it (an array is a list, not an object). */
function kindOf(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  if (typeof input === 'number' && Number.isNaN(input)) return 'nan';
  return typeof input;
}

const typeName = (type: string): string => TYPE_NAMES[type] ?? type;

type Issue = Parameters<z.core.$ZodErrorMap>[0];

/** The message of an issue zod raises without one of the schema's own; undefined leaves it to the zh-CN locale. */
export function zodMessage(issue: Issue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return `必填，应为${typeName(issue.expected)}`;
      return `应为${typeName(issue.expected)}，实际为${typeName(kindOf(issue.input))}`;
    case 'too_big': {
      const max = String(issue.maximum);
      if (issue.origin === 'string') return `不能超过 ${max} 个字符`;
      if (issue.origin === 'array' || issue.origin === 'set') return `最多 ${max} 项`;
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') return issue.inclusive ? `不能大于 ${max}` : `应小于 ${max}`;
      return undefined;
    }
    case 'too_small': {
      const min = String(issue.minimum);
      if (issue.origin === 'string') return Number(issue.minimum) === 1 ? '不能为空' : `至少 ${min} 个字符`;
      if (issue.origin === 'array' || issue.origin === 'set') return `至少 ${min} 项`;
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') return issue.inclusive ? `不能小于 ${min}` : `应大于 ${min}`;
      return undefined;
    }
    case 'invalid_value':
      return issue.values.length === 1 ? `应为 ${JSON.stringify(issue.values[0])}` : `应为以下之一：${issue.values.map((v: unknown) => JSON.stringify(v)).join('、')}`;
    case 'unrecognized_keys':
      return `不认识的字段：${issue.keys.join('、')}`;
    default:
      return undefined;
  }
}

/** zod's messages in Chinese for this process (the API's validation pipe reports them per field). */
export function useChineseZodMessages(): void {
  z.config({ ...z.locales.zhCN(), customError: zodMessage });
}
