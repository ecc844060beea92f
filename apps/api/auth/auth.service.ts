import { Injectable } from '@nestjs/common';
import { hashPassword, OrganizationRepository, SessionRepository, verifyPassword, type UserEntity } from '@duban/db';
import { checkPasswordStrength, PASSWORD_HISTORY_DEPTH, PASSWORD_LOGIN_DISABLED_MESSAGE, passwordLoginAllowed, type Role } from '@duban/domain';
import { DomainError, ErrorCode } from '../errors/domain-error';
import { ApiConfig } from '../infra/api-config';
import type { ChangePasswordBody, LoginBody, LoginResponseDto, LogoutResponseDto, PasswordChangedDto, UserDto } from './auth.dto';
import { OidcProviderClient } from './oidc/oidc-provider.client';
import type { CheckedSession } from './session.service';
import { SessionService } from './session.service';
import { SignInThrottle } from './sign-in-throttle';
import { TokenService } from './token.service';

// Verifying against a real hash when the user does not exist keeps response times alike.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export interface ClientInfo {
  address: string;
  userAgent?: string;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly organization: OrganizationRepository,
    private readonly sessionRows: SessionRepository,
    private readonly tokens: TokenService,
    private readonly sessions: SessionService,
    private readonly throttle: SignInThrottle,
    private readonly config: ApiConfig,
    private readonly oidc: OidcProviderClient,
  ) {}

  async login(body: LoginBody, client: ClientInfo): Promise<LoginResponseDto> {
    const mode = this.config.values.passwordLogin;
    if (mode === 'off') throw new DomainError(ErrorCode.PasswordLoginDisabled, PASSWORD_LOGIN_DISABLED_MESSAGE);
    const reserved = await this.throttle.reserveSignIn(body.username, client.address);
    const user = await this.organization.findUser(body.username);
    const ok = await verifyPassword(body.password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok) throw new DomainError(ErrorCode.InvalidCredentials, '用户名或密码错误');
    await this.throttle.succeeded(reserved);
    // `admins`: the password is checked first, so the answer says nothing of who is an admin.
    if (!passwordLoginAllowed(mode, user.role as Role)) throw new DomainError(ErrorCode.PasswordLoginDisabled, PASSWORD_LOGIN_DISABLED_MESSAGE);
    if (!user.active) throw new DomainError(ErrorCode.AccountDisabled, '账号已停用，请联系管理员');
    const session = await this.sessions.start(user, client);
    return this.respond(toUserDto(user), { sessionId: session.sessionId, tokenVersion: user.tokenVersion, sessionExpiresAt: session.expiresAt });
  }

  /** Starts a session of a person the identity provider signed in (single sign-on). */
  startSession(user: UserEntity, client: ClientInfo, how: { authMethod: 'oidc'; oidcIdToken?: string }): Promise<{ sessionId: string; expiresAt: Date }> {
    return this.sessions.start(user, client, how);
  }

  /** The first access token of a session started by single sign-on (its handoff exchanged). */
  async resume(sessionId: string): Promise<LoginResponseDto> {
    const live = await this.sessionRows.find(sessionId, this.config.values.sessionIdleMinutes);
    if (!live) throw new DomainError(ErrorCode.SsoHandoffInvalid, '统一身份认证登录已失效，请重新登录');
    const session = await this.sessions.check({ sessionId, username: live.username, tokenVersion: live.sessionVersion }, true);
    return this.respond(sessionUser(session), { sessionId, tokenVersion: session.tokenVersion, sessionExpiresAt: session.expiresAt });
  }

  /** The next access token of a live session (the guard has checked it). */
  refresh(session: CheckedSession): Promise<LoginResponseDto> {
    return this.respond(sessionUser(session), { sessionId: session.sessionId, tokenVersion: session.tokenVersion, sessionExpiresAt: session.expiresAt });
  }

  /** Ends the session; one signed in by single sign-on also gets the provider's sign-out address. */
  async logout(session: CheckedSession): Promise<LogoutResponseDto> {
    const ended = await this.sessions.end(session.sessionId);
    const endSessionUrl = ended?.authMethod === 'oidc' && ended.oidcIdToken && this.config.values.oidc ? await this.oidc.endSessionUrl(ended.oidcIdToken) : undefined;
    return endSessionUrl ? { signedOut: true, endSessionUrl } : { signedOut: true };
  }

  me(session: CheckedSession): UserDto {
    return sessionUser(session);
  }

  /**
   * Changes the signed-in user's own password: the current one must be right (tries counted like
   * sign-ins), the new one must pass the rule and not repeat the current or the last five. This
   * session stays signed in; the user's other sessions are signed out.
   */
  async changePassword(session: CheckedSession, body: ChangePasswordBody): Promise<PasswordChangedDto> {
    const username = session.user.username;
    const strength = checkPasswordStrength(body.newPassword, username);
    if (!strength.ok) throw new DomainError(ErrorCode.PasswordRejected, strength.message, { rule: strength.rule });
    const reserved = await this.throttle.reservePasswordCheck(username);
    const user = await this.organization.findUser(username);
    if (!user) throw new DomainError(ErrorCode.NotAuthenticated, '登录凭证无效，请重新登录');
    if (!(await verifyPassword(body.currentPassword, user.passwordHash))) throw new DomainError(ErrorCode.CurrentPasswordWrong, '当前密码不正确');
    await this.throttle.succeeded(reserved);
    const recent = [user.passwordHash, ...(user.passwordHistory ?? []).slice(0, PASSWORD_HISTORY_DEPTH)];
    const reused = await Promise.all(recent.map((hash) => verifyPassword(body.newPassword, hash)));
    if (reused.some(Boolean)) {
      throw new DomainError(ErrorCode.PasswordRejected, `新密码不能与当前密码或最近 ${PASSWORD_HISTORY_DEPTH} 次用过的密码相同`, { rule: 'reused' });
    }
    const revoked = await this.sessionRows.replacePassword({
      username,
      expectedHash: user.passwordHash,
      newHash: await hashPassword(body.newPassword),
      history: recent.slice(0, PASSWORD_HISTORY_DEPTH),
      keepSessionId: session.sessionId,
    });
    if (revoked === null) throw new DomainError(ErrorCode.CurrentPasswordWrong, '密码刚刚在别处被修改，请重新输入当前密码');
    this.sessions.forget(session.sessionId);
    return { user: { ...sessionUser(session), mustChangePassword: false }, otherSessionsSignedOut: revoked };
  }

  private async respond(user: UserDto, session: { sessionId: string; tokenVersion: number; sessionExpiresAt: Date }): Promise<LoginResponseDto> {
    const token = await this.tokens.issue(user, session);
    return { ...token, idleMinutes: this.config.values.sessionIdleMinutes, sessionExpiresAt: session.sessionExpiresAt.toISOString(), user };
  }
}

function toUserDto(user: UserEntity): UserDto {
  return { username: user.username, displayName: user.displayName, role: user.role as Role, departmentCode: user.departmentCode, mustChangePassword: user.mustChangePassword };
}

function sessionUser(session: CheckedSession): UserDto {
  return { ...session.user, mustChangePassword: session.mustChangePassword };
}
