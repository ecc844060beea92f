// Single sign-on rules: who may still sign in with a password, which duban person an identity
// provider's answer names, and how a new person is made of it. Pure functions (the API applies them).
import type { Role } from './lifecycle';
import { displayNameProblem, USERNAME_PATTERN } from './people';

export type PasswordLoginMode = 'on' | 'off' | 'admins';

/** Whether a password sign-in of someone with `role` is allowed (`admins` keeps a break-glass login for admins). */
export function passwordLoginAllowed(mode: PasswordLoginMode, role: Role | undefined): boolean {
  return mode === 'on' || (mode === 'admins' && role === 'admin');
}

export const PASSWORD_LOGIN_DISABLED_MESSAGE = '本系统已改用统一身份认证登录，请点击“统一身份认证登录”';

/**
 * The key an identity is looked up by: a username is compared in lower case (duban usernames are
 * lower case), a 统一身份标识 exactly as the provider gives it (trimmed). Undefined when the claim is
 * missing, not text, or empty.
 */
export function ssoLookupKey(value: unknown, match: 'username' | 'external_id'): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const text = String(value).trim();
  if (text === '' || text.length > 200) return undefined;
  return match === 'username' ? text.toLowerCase() : text;
}

export interface SsoNewPerson {
  username: string;
  displayName: string;
  externalId: string | null;
}

/**
 * The person made for an identity duban does not know yet: matched by username, the username is
 * the claim (refused when it breaks the username rule); matched by 统一身份标识, the username is the
 * provider's preferred_username when it is a valid one, else `sso-` and the start of the 标识's digest.
 * The name is the provider's `name` when it is a valid 姓名, else the username.
 */
export function ssoNewPerson(
  key: string,
  match: 'username' | 'external_id',
  claims: { name?: unknown; preferred_username?: unknown },
  /** A hex digest of `key` (sha256), for the fallback username. */
  keyDigest: string,
): SsoNewPerson | { problem: string } {
  let username: string;
  if (match === 'username') {
    if (!USERNAME_PATTERN.test(key)) return { problem: `统一身份认证账号“${key.slice(0, 40)}”不符合本系统的用户名规则，请联系管理员添加` };
    username = key;
  } else {
    const preferred = typeof claims.preferred_username === 'string' ? claims.preferred_username.trim().toLowerCase() : '';
    username = USERNAME_PATTERN.test(preferred) ? preferred : `sso-${keyDigest.slice(0, 10)}`;
  }
  const name = typeof claims.name === 'string' ? claims.name.trim() : '';
  const displayName = name && !displayNameProblem(name) ? name : username;
  return { username, displayName, externalId: match === 'external_id' ? key : null };
}

/** A place inside duban to go back to after sign-in (a hash route such as `/measures/…`), or null. */
export function ssoReturnTo(value: string | undefined): string | null {
  if (!value) return null;
  return /^\/(?!\/)[A-Za-z0-9\-._~/?=&%:+]{0,300}$/.test(value) ? value : null;
}
