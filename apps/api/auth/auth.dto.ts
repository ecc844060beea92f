import { z } from 'zod';
import type { Role } from '@duban/domain';

export const loginBody = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(256),
});
export type LoginBody = z.infer<typeof loginBody>;

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1, '请输入当前密码').max(256),
  newPassword: z.string().min(1, '请输入新密码').max(256),
});
export type ChangePasswordBody = z.infer<typeof changePasswordBody>;

export interface UserDto {
  username: string;
  displayName: string;
  role: Role;
  departmentCode: string;
  /** Signed in with an initial or reset password: only changing it (and sign-out) is possible until then. */
  mustChangePassword: boolean;
}

export interface LoginResponseDto {
  accessToken: string;
  /** When this access token expires; POST /auth/refresh before then gives the next one. */
  expiresAt: string;
  /** The session ends after this many minutes without a request. */
  idleMinutes: number;
  /** The session ends at this time however active (sign in again). */
  sessionExpiresAt: string;
  user: UserDto;
}

export interface LogoutResponseDto {
  /** false when the session had already ended. */
  signedOut: boolean;
  /** A session signed in by 统一身份认证: the identity provider's sign-out, to send the browser to next. */
  endSessionUrl?: string;
}

export interface PasswordChangedDto {
  user: UserDto;
  /** The user's other sessions (other browsers, devices) that were signed out. */
  otherSessionsSignedOut: number;
}
