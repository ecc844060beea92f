import { Injectable, Logger } from '@nestjs/common';
import * as client from 'openid-client';
import { DomainError, ErrorCode } from '../../errors/domain-error';
import { ApiConfig } from '../../infra/api-config';

/**
 * The identity provider as openid-client sees it. Discovery runs once per process on first use and
 * is kept; a failed discovery is not kept (the next sign-in tries again). Every failure of the
 * provider becomes SSO_PROVIDER_FAILED (logged, never shown with its details).
 */
@Injectable()
export class OidcProviderClient {
  private readonly logger = new Logger('OIDC');
  private discovered?: Promise<client.Configuration>;

  constructor(private readonly config: ApiConfig) {}

  get settings() {
    const oidc = this.config.values.oidc;
    if (!oidc) throw new DomainError(ErrorCode.SsoNotConfigured, '本系统未配置统一身份认证');
    return oidc;
  }

  get redirectUri(): string {
    return `${this.config.values.publicUrl}/auth/oidc/callback`;
  }

  configuration(): Promise<client.Configuration> {
    if (!this.discovered) {
      const oidc = this.settings;
      const secret = oidc.clientSecret;
      this.discovered = client
        .discovery(
          new URL(oidc.issuer),
          oidc.clientId,
          secret,
          secret ? undefined : client.None(),
          oidc.issuer.startsWith('http:') ? { execute: [client.allowInsecureRequests] } : undefined,
        )
        .catch((error: unknown) => {
          this.discovered = undefined;
          throw error;
        });
    }
    return this.provider('discovery', () => this.discovered!);
  }

  /**
   * The provider's sign-out address for an OIDC session's ID token, coming back to duban's front page
   * `${publicUrl}/` (which shows the sign-in page to a signed-out browser: providers refuse return
   * addresses with a fragment such as `/#/login`, OpenID RP-Initiated Logout §3); undefined when the provider offers none or cannot be reached (duban's own sign-out stands).
   */
  async endSessionUrl(idToken: string): Promise<string | undefined> {
    try {
      const configuration = await this.configuration();
      if (!configuration.serverMetadata().end_session_endpoint) return undefined;
      return client.buildEndSessionUrl(configuration, { id_token_hint: idToken, post_logout_redirect_uri: `${this.config.values.publicUrl}/` }).href;
    } catch {
      return undefined;
    }
  }

  /** Runs a call to the provider; its failure becomes SSO_PROVIDER_FAILED. */
  async provider<T>(what: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof DomainError) throw error;
      const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      this.logger.warn(`identity provider ${what} failed: ${detail}`);
      throw new DomainError(ErrorCode.SsoProviderFailed, '统一身份认证服务暂时无法完成登录，请稍后重试或联系管理员');
    }
  }
}
