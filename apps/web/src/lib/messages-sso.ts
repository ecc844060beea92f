// UI text of 统一身份认证 (single sign-on), spread into MESSAGES.
export const SSO_MESSAGES = {
  'sso.button': ['统一身份认证登录', 'Sign in with unified identity'],
  'sso.or': ['或使用账号密码登录', 'or sign in with a password'],
  'sso.adminsOnly': ['账号密码登录仅限系统管理员（应急使用）', 'Password sign-in is for system administrators only (emergency use)'],
  'sso.signingIn': ['正在完成统一身份认证登录…', 'Completing unified identity sign-in…'],
  'sso.failed': ['统一身份认证登录未完成', 'Unified identity sign-in did not complete'],
  'sso.backToLogin': ['返回登录页', 'Back to sign-in'],
  'sso.error.SSO_STATE_INVALID': ['登录请求已失效或已使用，请重新点击“统一身份认证登录”', 'The sign-in request has expired or was already used: sign in again'],
  'sso.error.SSO_USER_UNKNOWN': ['您的统一身份认证账号尚未开通本系统，请联系管理员', 'Your unified identity account has no access to this system yet: ask the administrator'],
  'sso.error.ACCOUNT_DISABLED': ['账号已停用，请联系管理员', 'This account is deactivated: ask the administrator'],
  'sso.error.SSO_PROVIDER_FAILED': ['统一身份认证服务暂时无法完成登录，请稍后重试或联系管理员', 'The identity provider could not complete the sign-in: try again later or ask the administrator'],
  'sso.error.SSO_NOT_CONFIGURED': ['统一身份认证配置有误，请联系管理员', 'Single sign-on is misconfigured: ask the administrator'],
  'sso.error.other': ['统一身份认证登录失败，请稍后重试', 'Unified identity sign-in failed: try again later'],
} as const satisfies Record<string, readonly [string, string]>;

export const SSO_ERROR_KEYS = {
  SSO_STATE_INVALID: 'sso.error.SSO_STATE_INVALID',
  SSO_USER_UNKNOWN: 'sso.error.SSO_USER_UNKNOWN',
  ACCOUNT_DISABLED: 'sso.error.ACCOUNT_DISABLED',
  SSO_PROVIDER_FAILED: 'sso.error.SSO_PROVIDER_FAILED',
  SSO_NOT_CONFIGURED: 'sso.error.SSO_NOT_CONFIGURED',
} as const;

export function ssoErrorKey(code: string | null): (typeof SSO_ERROR_KEYS)[keyof typeof SSO_ERROR_KEYS] | 'sso.error.other' {
  return (code && SSO_ERROR_KEYS[code as keyof typeof SSO_ERROR_KEYS]) || 'sso.error.other';
}
