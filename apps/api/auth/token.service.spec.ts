import { SignJWT } from 'jose';
import type { AppConfig } from '@duban/runtime';
import { ApiConfig } from '../infra/api-config';
import { DomainError } from '../errors/domain-error';
import { TokenService } from './token.service';

const SECRET = 'spec-secret-0123456789abcdef0123456789abcdef';
const SESSION = '0b0c5f55-1c1e-4d0f-9d3a-6f1f2c3d4e5f';
const user = { username: 'air.head', displayName: '王处长', role: 'department_head' as const, departmentCode: 'air' };

function service(secret = SECRET): TokenService {
  return new TokenService(new ApiConfig({ jwtSecret: secret, accessTokenMinutes: 15 } as AppConfig & { temporalAddress: string; databaseUrl: string }));
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error: unknown = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(DomainError);
  return (error as DomainError).message;
}

describe('TokenService.verify', () => {
  it('gives the same claims for a token it has checked before', async () => {
    const tokens = service();
    const { accessToken } = await tokens.issue(user, { sessionId: SESSION, tokenVersion: 3, sessionExpiresAt: new Date(Date.now() + 3_600_000) });
    const first = await tokens.verify(accessToken);
    expect(first).toEqual({ username: 'air.head', sessionId: SESSION, tokenVersion: 3 });
    await expect(tokens.verify(accessToken)).resolves.toEqual(first);
  });

  it('refuses a token checked before once it has expired', async () => {
    const tokens = service();
    const { accessToken, expiresAt } = await tokens.issue(user, { sessionId: SESSION, tokenVersion: 1, sessionExpiresAt: new Date(Date.now() + 1_000) });
    await expect(tokens.verify(accessToken)).resolves.toMatchObject({ username: 'air.head' });
    // exp is in whole seconds: wait until the second after it has begun.
    await new Promise((resolve) => setTimeout(resolve, Math.ceil(new Date(expiresAt).getTime() / 1000) * 1000 - Date.now() + 50));
    expect(await refusal(tokens.verify(accessToken))).toBe('登录已过期，请重新登录');
  });

  it('refuses a token of another key, or one changed by a character, even after a good one was cached', async () => {
    const tokens = service();
    const { accessToken } = await tokens.issue(user, { sessionId: SESSION, tokenVersion: 1, sessionExpiresAt: new Date(Date.now() + 3_600_000) });
    await tokens.verify(accessToken);
    const forged = await new SignJWT({ sid: SESSION, ver: 1 })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('admin')
      .setIssuer('duban')
      .setAudience('duban-api')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('another-secret-0123456789abcdef0123456789'));
    expect(await refusal(tokens.verify(forged))).toBe('登录凭证无效，请重新登录');
    const tampered = accessToken.slice(0, -2) + (accessToken.endsWith('AA') ? 'BB' : 'AA');
    expect(await refusal(tokens.verify(tampered))).toBe('登录凭证无效，请重新登录');
  });
});
