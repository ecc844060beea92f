import { Injectable, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { DomainError, ErrorCode } from '../errors/domain-error';

/** Validates a request part against a zod schema; failures become a 400 naming each field. */
@Injectable()
export class ZodValidationPipe<T extends z.ZodType> implements PipeTransform<unknown, z.infer<T>> {
  constructor(readonly schema: T) {}

  transform(value: unknown): z.infer<T> {
    const unstorable = unstorableText(value);
    if (unstorable !== undefined) {
      const where = unstorable ? `${unstorable}: ` : '';
      throw new DomainError(ErrorCode.ValidationFailed, `请求参数有误：${where}不能包含空字符（\\u0000）或不成对的代理字符`);
    }
    const parsed = this.schema.safeParse(value ?? {});
    if (parsed.success) return parsed.data;
    const problems = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
    throw new DomainError(ErrorCode.ValidationFailed, `请求参数有误：${problems.join('；')}`, parsed.error.issues);
  }
}

/**
 * NUL, or half of a UTF-16 surrogate pair: JSON (`"\u0000"`, `"\ud800"`) can carry both, and
 * PostgreSQL refuses both in text and jsonb, so a command would fail in the database after the
 * workflow accepted it. Refused here, for every request part, before anything runs.
 */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The path (`a.b.0`, '' for the value itself) of the first string or key PostgreSQL cannot store. */
function unstorableText(value: unknown): string | undefined {
  // Iterative: a deeply nested body must not overflow the stack.
  const pending: Array<[unknown, string]> = [[value, '']];
  for (let item = pending.pop(); item; item = pending.pop()) {
    const [current, path] = item;
    if (typeof current === 'string') {
      if (UNSTORABLE.test(current)) return path;
    } else if (current !== null && typeof current === 'object' && !Buffer.isBuffer(current)) {
      for (const [key, child] of Object.entries(current)) {
        if (UNSTORABLE.test(key)) return path;
        pending.push([child, path ? `${path}.${key}` : key]);
      }
    }
  }
  return undefined;
}
