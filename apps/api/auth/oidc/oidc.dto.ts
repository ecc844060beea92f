import { z } from 'zod';
import type { LoginResponseDto } from '../auth.dto';

export const startQuery = z.object({
  /** A hash route of the web app to return to after sign-in (e.g. `/measures/2022-1-1`); others are ignored. */
  returnTo: z.string().max(400, 'returnTo 过长').optional(),
});
export type StartQuery = z.infer<typeof startQuery>;

export const exchangeBody = z.strictObject({
  handoff: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, '统一身份认证登录凭据格式不正确'),
});
export type ExchangeBody = z.infer<typeof exchangeBody>;

export interface SsoStatusDto {
  /** Single sign-on is configured: the sign-in page shows its button. */
  enabled: boolean;
  /** The button's text (DUBAN_OIDC_LABEL), null when single sign-on is off. */
  label: string | null;
  /** Password sign-in: on for everyone, off, or only for admins. */
  passwordLogin: 'on' | 'off' | 'admins';
}

export interface SsoExchangeResponseDto extends LoginResponseDto {
  /** Where in the web app the person was going when they signed in (null: the home page). */
  returnTo: string | null;
}
