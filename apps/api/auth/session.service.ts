import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { SessionRepository, type LiveSession } from '@duban/db';
import { ROLES, type Role } from '@duban/domain';
import { DomainError, ErrorCode } from '../errors/domain-error';
import { ApiConfig } from '../infra/api-config';
import type { AuthenticatedUser } from './authenticated-user';

/** How long one API process trusts what it last read about a session (revocation reaches it within this). */
export const SESSION_CACHE_MS = 5_000;
const CACHE_LIMIT = 50_000;

/** The session an access token names, as checked against PostgreSQL. */
export interface CheckedSession {
  sessionId: string;
  tokenVersion: number;
  mustChangePassword: boolean;
  expiresAt: Date;
  user: AuthenticatedUser;
}

const END_MESSAGES = {
  missing: '登录凭证无效，请重新登录',
  revoked: '已退出登录或登录已被撤销，请重新登录',
  idle: '长时间未操作，登录已失效，请重新登录',
  expired: '登录已过期，请重新登录',
} as const;

/**
 * Server-side sessions: created at sign-in, checked on every request (each process caches a check
 * for at most SESSION_CACHE_MS), ended by sign-out, idleness, their lifetime, deactivation of the
 * user or a bump of users.token_version. `revokeUser` is the way other modules end a user's access.
 */
@Injectable()
export class SessionService {
  private readonly cache = new Map<string, { at: number; session: CheckedSession }>();

  constructor(
    private readonly sessions: SessionRepository,
    private readonly config: ApiConfig,
  ) {}

  async start(
    user: { username: string; tokenVersion: number },
    client: { address?: string; userAgent?: string },
    how: { authMethod: 'password' | 'oidc'; oidcIdToken?: string } = { authMethod: 'password' },
  ): Promise<{ sessionId: string; expiresAt: Date }> {
    const sessionId = randomUUID();
    const { expiresAt } = await this.sessions.create({
      id: sessionId,
      username: user.username,
      tokenVersion: user.tokenVersion,
      maxHours: this.config.values.sessionMaxHours,
      clientAddress: client.address,
      userAgent: client.userAgent,
      authMethod: how.authMethod,
      oidcIdToken: how.oidcIdToken,
    });
    return { sessionId, expiresAt };
  }

  /**
   * The live session for a verified token's claims, or 401 saying why not. `fresh` skips the
   * cache (used before refusing on a cached must-change-password, which may be stale).
   */
  async check(claims: { sessionId: string; username: string; tokenVersion: number }, fresh = false): Promise<CheckedSession> {
    const now = Date.now();
    const cached = this.cache.get(claims.sessionId);
    if (!fresh && cached && now - cached.at < SESSION_CACHE_MS && cached.session.user.username === claims.username && cached.session.tokenVersion === claims.tokenVersion) {
      return cached.session;
    }
    const idle = this.config.values.sessionIdleMinutes;
    let live: LiveSession | null;
    try {
      live = await this.sessions.touch(claims.sessionId, idle);
    } catch (error) {
      // PostgreSQL unreachable: a session this process has checked before keeps working (revoking
      // it needs the same database, so only a revocation from just before the outage is missed),
      // and commands still reach the workflows during an outage. Others get the 503 the error becomes.
      if (cached && cached.session.user.username === claims.username && cached.session.tokenVersion === claims.tokenVersion && !cached.session.mustChangePassword) {
        return cached.session;
      }
      throw error;
    }
    if (!live) {
      this.cache.delete(claims.sessionId);
      throw new DomainError(ErrorCode.NotAuthenticated, END_MESSAGES[await this.sessions.endOf(claims.sessionId)]);
    }
    const session = this.accept(live, claims);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(claims.sessionId, { at: now, session });
    return session;
  }

  /** Ends one session (sign-out); this process forgets it at once, the others within the cache window. */
  async end(sessionId: string, reason = 'logout'): Promise<{ authMethod: string; oidcIdToken: string | null } | null> {
    this.cache.delete(sessionId);
    return this.sessions.revokeReturning(sessionId, reason);
  }

  /**
   * Ends every session and token of a user: bumps users.token_version and revokes their sessions.
   * Bumping token_version directly (as people administration does on deactivation, a move, a role
   * change or a password reset) has the same effect: every API process refuses the user's older
   * tokens within SESSION_CACHE_MS. Returns false for an unknown user.
   */
  async revokeUser(username: string, reason = 'revoked'): Promise<boolean> {
    for (const [id, entry] of this.cache) if (entry.session.user.username === username) this.cache.delete(id);
    return (await this.sessions.revokeUser(username, reason)) !== null;
  }

  /** Forgets what this process cached about a session (after its user changed, e.g. a new password). */
  forget(sessionId: string): void {
    this.cache.delete(sessionId);
  }

  private accept(live: LiveSession, claims: { username: string; tokenVersion: number }): CheckedSession {
    if (live.username !== claims.username) throw new DomainError(ErrorCode.NotAuthenticated, END_MESSAGES.missing);
    if (!live.active) throw new DomainError(ErrorCode.NotAuthenticated, '账号已停用，请联系管理员');
    if (live.userVersion !== claims.tokenVersion || live.sessionVersion !== claims.tokenVersion) {
      throw new DomainError(ErrorCode.NotAuthenticated, '账号信息已变更（如岗位、角色或密码被重置），请重新登录');
    }
    const role = live.role as Role;
    if (!ROLES.includes(role)) throw new DomainError(ErrorCode.NotAuthenticated, END_MESSAGES.missing);
    return {
      sessionId: live.id,
      tokenVersion: live.userVersion,
      mustChangePassword: live.mustChangePassword,
      expiresAt: new Date(live.expiresAt),
      user: { username: live.username, displayName: live.displayName, role, departmentCode: live.departmentCode },
    };
  }
}
