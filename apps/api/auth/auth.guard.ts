import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ROLE_LABELS } from '@duban/domain';
import { DomainError, ErrorCode } from '../errors/domain-error';
import { ActingFor, actingForHeader } from '../delegation/acting-for';
import { OpenDuringPasswordChange, Public, Roles, SignedIn } from './access.decorators';
import type { AuthenticatedUser } from './authenticated-user';
import { SessionService, type CheckedSession } from './session.service';
import { TokenService } from './token.service';

export type AuthenticatedRequest = Request & { user?: AuthenticatedUser; authSession?: CheckedSession };

/**
 * Global guard: every route must declare who may call it (@Public, @SignedIn or @Roles); a route
 * that declares nothing is refused, so a forgotten declaration fails closed. A token counts only
 * while its server-side session is alive and its user active with the same token version; a user
 * who must change their password reaches only the routes marked @OpenDuringPasswordChange.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly sessions: SessionService,
    private readonly actingFor: ActingFor,
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
    const claims = await this.tokens.verify(match[1]);
    let session = await this.sessions.check(claims);
    if (session.mustChangePassword && !this.reflector.getAllAndOverride(OpenDuringPasswordChange, targets)) {
      // The cached answer may predate a password change made through another API process.
      session = await this.sessions.check(claims, true);
      if (session.mustChangePassword) throw new DomainError(ErrorCode.PasswordChangeRequired, '请先修改初始密码（或管理员重置的密码），然后再继续使用');
    }
    request.user = session.user;
    request.authSession = session;
    // 委托代理: a deputy acting for a head (X-Acting-For) is that head's department head on this
    // request, under a delegation active today; the account routes (password, sign-out, refresh) stay their own.
    const principal = actingForHeader(request.headers);
    if (principal !== undefined && !this.reflector.getAllAndOverride(OpenDuringPasswordChange, targets)) {
      request.user = await this.actingFor.effectiveUser(session.user, principal);
    }
    if (roles && !roles.includes(request.user.role)) {
      throw new DomainError(ErrorCode.NotAllowed, `此操作仅限${roles.map((r) => ROLE_LABELS[r]).join('、')}`);
    }
    return true;
  }
}
