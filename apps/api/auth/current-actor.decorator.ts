import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { z } from 'zod';
import { ROLES, type Actor } from '@duban/domain';
import { DomainError, ErrorCode } from '../errors/domain-error';

const actorHeaders = z.object({
  'x-duban-user': z.string().min(1).max(64),
  'x-duban-role': z.enum(ROLES),
});

/**
 * The person acting. Until sign-in lands (JWT, issue 5) the caller names itself in headers;
 * controllers depend only on this decorator, so they will not change when it does.
 */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<Request>();
  const parsed = actorHeaders.safeParse(request.headers);
  if (!parsed.success) {
    throw new DomainError(ErrorCode.NotAuthenticated, '请先登录（缺少或无效的用户身份）');
  }
  return { userId: parsed.data['x-duban-user'], role: parsed.data['x-duban-role'] };
});
