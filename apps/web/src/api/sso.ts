// The calls of 统一身份认证 (apps/api/auth/oidc), with their answers' types from the API's own DTOs
// (types only: nothing of the server reaches the browser).
import type { SsoExchangeResponseDto, SsoStatusDto } from '@duban/api/auth/oidc/oidc.dto';
import { getJson, postJson } from './http';

export type { SsoExchangeResponseDto as SsoExchangeResponse, SsoStatusDto as SsoStatus } from '@duban/api/auth/oidc/oidc.dto';

export const getSsoStatus = () => getJson<SsoStatusDto>('/auth/oidc');
export const exchangeSsoHandoff = (handoff: string) => postJson<SsoExchangeResponseDto>('/auth/oidc/exchange', { handoff });
/** Where the browser goes to sign in at the identity provider (a full page load: the API answers 302). */
export const ssoStartUrl = (returnTo?: string) => `/auth/oidc/start${returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ''}`;
