import { Injectable } from '@nestjs/common';
import { jwtVerify, SignJWT, errors as joseErrors } from 'jose';
import { ApiConfig } from '../infra/api-config';
import { DomainError, ErrorCode } from '../errors/domain-error';
import type { AuthenticatedUser } from './authenticated-user';

const ISSUER = 'duban';
const AUDIENCE = 'duban-api';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Tokens whose signature this process has checked; emptied when full (a few MB at most). */
const VERIFIED_LIMIT = 10_000;

/** What an access token claims; the guard checks it against the session in PostgreSQL. */
export interface TokenClaims {
  username: string;
  /** The server-side session (`sid`). */
  sessionId: string;
  /** users.token_version at sign-in (`ver`). */
  tokenVersion: number;
}

/**
 * Short-lived HS256 access tokens naming a server-side session (`sid`) and the user's token
 * version (`ver`); only HS256 is accepted (`alg: none` and others are refused).
 */
@Injectable()
export class TokenService {
  private readonly key: Uint8Array;
  /**
   * Tokens verified before, by their exact text, until their `exp`: a client sends the same token with
   * every request, and its HMAC and claims need checking once. The session behind it is checked on
   * every request all the same (SessionService), so a revoked session ends exactly as before.
   */
  private readonly verified = new Map<string, { claims: TokenClaims; exp: number }>();

  constructor(private readonly config: ApiConfig) {
    if (!config.values.jwtSecret) throw new Error('DUBAN_JWT_SECRET must be set for the API');
    this.key = new TextEncoder().encode(config.values.jwtSecret);
  }

  /** A token for the session, expiring after DUBAN_ACCESS_TOKEN_MINUTES but never after the session. */
  async issue(user: AuthenticatedUser, session: { sessionId: string; tokenVersion: number; sessionExpiresAt: Date }): Promise<{ accessToken: string; expiresAt: string }> {
    const expiresAt = new Date(Math.min(Date.now() + this.config.values.accessTokenMinutes * 60_000, session.sessionExpiresAt.getTime()));
    const accessToken = await new SignJWT({ name: user.displayName, role: user.role, dept: user.departmentCode, sid: session.sessionId, ver: session.tokenVersion })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(user.username)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.key);
    return { accessToken, expiresAt: expiresAt.toISOString() };
  }

  async verify(token: string): Promise<TokenClaims> {
    const known = this.verified.get(token);
    // jose refuses a token once now >= exp: the same instant ends it here.
    if (known && Math.floor(Date.now() / 1000) < known.exp) return known.claims;
    this.verified.delete(token);
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE });
      const { sub, sid, ver, exp } = payload;
      if (!sub || typeof sid !== 'string' || !UUID.test(sid) || typeof ver !== 'number' || !Number.isInteger(ver)) throw new Error('malformed claims');
      const claims = { username: sub, sessionId: sid, tokenVersion: ver };
      if (typeof exp === 'number') {
        if (this.verified.size >= VERIFIED_LIMIT) this.verified.clear();
        this.verified.set(token, { claims, exp });
      }
      return claims;
    } catch (error) {
      const expired = error instanceof joseErrors.JWTExpired;
      throw new DomainError(ErrorCode.NotAuthenticated, expired ? '登录已过期，请重新登录' : '登录凭证无效，请重新登录');
    }
  }
}
