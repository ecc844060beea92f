import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ROLE_LABELS } from '@duban/domain';
import { DomainError, ErrorCode } from '../errors/domain-error';
import { Public, Roles, SignedIn } from './access.decorators';
import type { AuthenticatedUser } from './authenticated-user';
import { TokenService } from './token.service';

export type AuthenticatedRequest = Request & { user?: AuthenticatedUser };

/**
 * Global guard: every route must declare who may call it (@Public, @SignedIn or @Roles); a route
 * that declares nothing is refused, so a forgotten declaration fails closed.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride(Public, targets)) return true;
    const roles = this.reflector.getAllAndOverride(Roles, targets);
    const signedIn = this.reflector.getAllAndOverride(SignedIn, targets);
    if (!roles && !signedIn) throw new DomainError(ErrorCode.NotAllowed, '此接口未声明访问权限');

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new DomainError(ErrorCode.NotAuthenticated, '请先登录');
    request.user = await this.tokens.verify(match[1]);
    if (roles && !roles.includes(request.user.role)) {
      throw new DomainError(ErrorCode.NotAllowed, `此操作仅限${roles.map((r) => ROLE_LABELS[r]).join('、')}`);
    }
    return true;
  }
}
