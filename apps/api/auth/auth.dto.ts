import { z } from 'zod';
import type { Role } from '@duban/domain';

export const loginBody = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(256),
});
export type LoginBody = z.infer<typeof loginBody>;

export interface UserDto {
  username: string;
  displayName: string;
  role: Role;
  departmentCode: string;
}

export interface LoginResponseDto {
  accessToken: string;
  expiresAt: string;
  user: UserDto;
}
