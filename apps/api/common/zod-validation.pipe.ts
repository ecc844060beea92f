import { Injectable, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { unstorableText, unstorableTextMessage } from '@duban/domain';
import { DomainError, ErrorCode } from '../errors/domain-error';

/** Validates a request part against a zod schema; failures become a 400 naming each field. */
@Injectable()
export class ZodValidationPipe<T extends z.ZodType> implements PipeTransform<unknown, z.infer<T>> {
  constructor(readonly schema: T) {}

  transform(value: unknown): z.infer<T> {
    const unstorable = unstorableText(value);
    if (unstorable !== undefined) {
      throw new DomainError(ErrorCode.ValidationFailed, `请求参数有误：${unstorableTextMessage(unstorable)}`);
    }
    const parsed = this.schema.safeParse(value ?? {});
    if (parsed.success) return parsed.data;
    const problems = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
    throw new DomainError(ErrorCode.ValidationFailed, `请求参数有误：${problems.join('；')}`, parsed.error.issues);
  }
}
