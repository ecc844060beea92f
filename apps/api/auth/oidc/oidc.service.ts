import { Injectable, Logger } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import * as client from 'openid-client';
import { DataSource } from 'typeorm';
import { AdminAuditRepository, OidcSignInRepository, OrganizationRepository, SessionRepository, type UserEntity } from '@duban/db';
import { roleDepartmentProblem, ssoLookupKey, ssoNewPerson, ssoReturnTo, type Role } from '@duban/domain';
import { DomainError, ErrorCode } from '../../errors/domain-error';
import { ApiConfig } from '../../infra/api-config';
import type { ClientInfo } from '../auth.service';
import { AuthService } from '../auth.service';
import type { SsoExchangeResponseDto, SsoStatusDto } from './oidc.dto';
import { OidcProviderClient } from './oidc-provider.client';

/** What a person created by single sign-on has instead of a password hash (verifyPassword rejects it). */
const NO_PASSWORD = '!sso';

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Single sign-on by OpenID Connect (authorization code + PKCE S256, state and nonce): start sends
 * the browser to the provider, the callback turns its answer into a duban session and a one-time
 * handoff in the URL fragment (never a token in a URL), exchange (400 SSO_HANDOFF_INVALID when unusable: not a 401, which would sign a browser out) gives the browser that session's
 * tokens. Matching, creation of new people and the password switch follow DUBAN_OIDC_* settings.
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger('OIDC');

  constructor(
    private readonly provider: OidcProviderClient,
    private readonly signIns: OidcSignInRepository,
    private readonly sessionRows: SessionRepository,
    private readonly organization: OrganizationRepository,
    private readonly audit: AdminAuditRepository,
    private readonly dataSource: DataSource,
    private readonly auth: AuthService,
    private readonly config: ApiConfig,
  ) {}

  status(): SsoStatusDto {
    const oidc = this.config.values.oidc;
    return { enabled: oidc !== undefined, label: oidc?.label ?? null, passwordLogin: this.config.values.passwordLogin };
  }

  /** Where to send the browser to sign in at the provider (a sign-in row keeps state, verifier and nonce for 10 minutes). */
  async start(returnTo: string | undefined): Promise<string> {
    const settings = this.provider.settings;
    const configuration = await this.provider.configuration();
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    await this.signIns.begin({ state, codeVerifier, nonce, returnTo: ssoReturnTo(returnTo) });
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.provider.redirectUri,
      scope: settings.scopes,
      state,
      nonce,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    });
    return url.href;
  }

  /**
   * The provider's answer: the sign-in is taken once, the code exchanged (PKCE, state, nonce and the
   * ID token checked), the person found (or created) and a session started. Always a redirect into
   * the web app: to `#/sso/<handoff>`, or to `#/login?sso_error=<CODE>`.
   */
  async callback(originalUrl: string, client: ClientInfo): Promise<string> {
    const publicUrl = this.config.values.publicUrl;
    try {
      const handoff = await this.complete(originalUrl, client);
      return `${publicUrl}/#/sso/${handoff}`;
    } catch (error) {
      if (error instanceof DomainError) return `${publicUrl}/#/login?sso_error=${error.code}`;
      this.logger.error(`single sign-on callback failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return `${publicUrl}/#/login?sso_error=${ErrorCode.ServiceUnavailable}`;
    }
  }

  /** The tokens of the session a handoff names, once and within 60 seconds: the same answer as POST /auth/login. */
  async exchange(handoff: string): Promise<SsoExchangeResponseDto> {
    const found = await this.signIns.exchange(digest(handoff));
    if (!found) throw new DomainError(ErrorCode.SsoHandoffInvalid, '统一身份认证登录已失效，请重新登录');
    const response = await this.auth.resume(found.sessionId);
    return { ...response, returnTo: found.returnTo };
  }

  private async complete(originalUrl: string, info: ClientInfo): Promise<string> {
    const settings = this.provider.settings;
    const query = originalUrl.includes('?') ? originalUrl.slice(originalUrl.indexOf('?')) : '';
    const currentUrl = new URL(`${this.provider.redirectUri}${query}`);
    const state = currentUrl.searchParams.get('state');
    const pending = state ? await this.signIns.consume(state) : null;
    if (!state || !pending) throw new DomainError(ErrorCode.SsoStateInvalid, '统一身份认证登录已失效或已使用，请重新登录');
    const configuration = await this.provider.configuration();
    const tokens = await this.provider.provider('code grant', () =>
      client.authorizationCodeGrant(configuration, currentUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      }),
    );
    const idClaims = tokens.claims()!;
    let claims: Record<string, unknown> = { ...idClaims };
    if (ssoLookupKey(claims[settings.userClaim], settings.match) === undefined) {
      const userInfo = await this.provider.provider('userinfo', () => client.fetchUserInfo(configuration, tokens.access_token, idClaims.sub));
      claims = { ...userInfo, ...claims };
    }
    const key = ssoLookupKey(claims[settings.userClaim], settings.match);
    if (key === undefined) {
      this.logger.warn(`identity provider answered without the claim ${settings.userClaim} (sub ${idClaims.sub})`);
      throw new DomainError(ErrorCode.SsoProviderFailed, `统一身份认证未提供账号信息（${settings.userClaim}），请联系管理员`);
    }
    const known = settings.match === 'username' ? await this.organization.findUser(key) : await this.organization.findUserByExternalId(key);
    const user = known ?? (await this.create(key, claims));
    if (!user.active) throw new DomainError(ErrorCode.AccountDisabled, '账号已停用，请联系管理员');
    const session = await this.auth.startSession(user, info, { authMethod: 'oidc', oidcIdToken: tokens.id_token });
    const handoff = randomBytes(32).toString('base64url');
    await this.signIns.handOff(state, digest(handoff), session.sessionId);
    return handoff;
  }

  /** A person duban does not know: created as active staff of the default department when allowed, audited. */
  private async create(key: string, claims: Record<string, unknown>): Promise<UserEntity> {
    const settings = this.provider.settings;
    if (!settings.createUsers) throw new DomainError(ErrorCode.SsoUserUnknown, '您的统一身份认证账号尚未开通本系统，请联系管理员');
    const planned = ssoNewPerson(key, settings.match, claims, digest(key));
    if ('problem' in planned) throw new DomainError(ErrorCode.SsoUserUnknown, planned.problem);
    const role: Role = 'staff';
    return this.dataSource.transaction(async (m) => {
      const department = await this.organization.lockDepartment(m, settings.defaultDepartment!);
      const mismatch = department && department.active ? roleDepartmentProblem(role, department.kind, department.name) : '不存在或已停用';
      if (!department || mismatch) {
        this.logger.error(`DUBAN_OIDC_DEFAULT_DEPARTMENT ${settings.defaultDepartment} cannot take new staff: ${mismatch}`);
        throw new DomainError(ErrorCode.SsoNotConfigured, '统一身份认证的默认处室配置有误，暂不能开通新账号，请联系管理员');
      }
      if (await this.organization.lockUser(m, planned.username)) {
        throw new DomainError(ErrorCode.SsoUserUnknown, `用户名 ${planned.username} 已被其他人员使用，请联系管理员关联统一身份标识`);
      }
      const record = { username: planned.username, displayName: planned.displayName, role, departmentCode: department.code, email: null, mobile: null, externalId: planned.externalId };
      await this.organization.insertUser(m, { ...record, passwordHash: NO_PASSWORD, mustChangePassword: false });
      await this.audit.record(
        { actorId: `sso:${planned.username}`, actorRole: 'system', action: 'user.create', target: `user:${planned.username}`, after: { ...record, active: true, source: 'sso' } },
        m,
      );
      return (await this.organization.lockUser(m, planned.username))!;
    });
  }
}
