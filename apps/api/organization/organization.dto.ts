import { z } from 'zod';
import type { Role } from '@duban/domain';

export const userListQuery = z.strictObject({
  department: z.string().trim().min(1, 'department 不能为空').max(64, 'department 不能超过 64 个字符').optional(),
});
export type UserListQuery = z.infer<typeof userListQuery>;

export interface DepartmentDto {
  code: string;
  name: string;
  kind: 'business' | 'leadership' | 'discipline';
  /** false once merged into another department: kept so history still names it, never offered for new work. */
  active: boolean;
}

/** A user as others may see them: never the password hash. */
export interface UserDto {
  username: string;
  displayName: string;
  role: Role;
  roleLabel: string;
  departmentCode: string;
  /** false once deactivated: kept so history still names them, never offered for new work. */
  active: boolean;
}
