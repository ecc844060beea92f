import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { DomainError, ErrorCode } from '../errors/domain-error';
import type { AuthenticatedRequest } from './auth.guard';
import type { AuthenticatedUser } from './authenticated-user';

/** The signed-in user, as verified by the AuthGuard. */
export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): AuthenticatedUser => {
  const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
  if (!user) throw new DomainError(ErrorCode.NotAuthenticated, '请先登录');
  return user;
});
