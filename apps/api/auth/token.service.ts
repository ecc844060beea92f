import { Injectable } from '@nestjs/common';
import { jwtVerify, SignJWT, errors as joseErrors } from 'jose';
import { ROLES, type Role } from '@duban/domain';
import { ApiConfig } from '../infra/api-config';
import { DomainError, ErrorCode } from '../errors/domain-error';
import type { AuthenticatedUser } from './authenticated-user';

const ISSUER = 'duban';
const AUDIENCE = 'duban-api';

/** Short-lived HS256 access tokens; only HS256 is accepted (`alg: none` and others are refused). */
@Injectable()
export class TokenService {
  private readonly key: Uint8Array;

  constructor(private readonly config: ApiConfig) {
    if (!config.values.jwtSecret) throw new Error('DUBAN_JWT_SECRET must be set for the API');
    this.key = new TextEncoder().encode(config.values.jwtSecret);
  }

  async issue(user: AuthenticatedUser): Promise<{ accessToken: string; expiresAt: string }> {
    const expiresAt = new Date(Date.now() + this.config.values.accessTokenMinutes * 60_000);
    const accessToken = await new SignJWT({ name: user.displayName, role: user.role, dept: user.departmentCode })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(user.username)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.key);
    return { accessToken, expiresAt: expiresAt.toISOString() };
  }

  async verify(token: string): Promise<AuthenticatedUser> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE });
      const role = payload.role as Role;
      if (!payload.sub || !ROLES.includes(role) || typeof payload.dept !== 'string') throw new Error('malformed claims');
      return { username: payload.sub, displayName: String(payload.name ?? payload.sub), role, departmentCode: payload.dept };
    } catch (error) {
      const expired = error instanceof joseErrors.JWTExpired;
      throw new DomainError(ErrorCode.NotAuthenticated, expired ? '登录已过期，请重新登录' : '登录凭证无效，请重新登录');
    }
  }
}
