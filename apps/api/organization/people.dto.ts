import { z } from 'zod';
import {
  DEPARTMENT_CODE_PATTERN,
  DEPARTMENT_KINDS,
  DEPARTMENT_NAME_MAX,
  NAME_MAX,
  PASSWORD_MAX_LENGTH,
  ROLES,
  USERNAME_PATTERN,
  departmentNameProblem,
  displayNameProblem,
  emailProblem,
  externalIdProblem,
  mobileProblem,
  type ImportProblem,
  type MeasureState,
} from '@duban/domain';
import type { DepartmentDto, UserDto } from './organization.dto';

const ruled = (problem: (value: string) => string | undefined) => (value: string, ctx: z.RefinementCtx) => {
  const reason = problem(value);
  if (reason) ctx.addIssue({ code: 'custom', message: reason });
};

const username = z.string().trim().regex(USERNAME_PATTERN, '用户名须以小写字母开头，只含小写字母、数字和 . _ -，长度 2–32 个字符');
const departmentCode = z.string().trim().regex(DEPARTMENT_CODE_PATTERN, '处室代码须以小写字母开头，只含小写字母、数字和 _ -，长度 2–32 个字符');
const displayName = z.string().max(NAME_MAX * 2).trim().superRefine(ruled(displayNameProblem));
const departmentName = z.string().max(DEPARTMENT_NAME_MAX * 2).trim().superRefine(ruled(departmentNameProblem));
/** Empty string or null clears the field. */
const email = z.union([z.string().max(254).trim().superRefine((v, ctx) => (v === '' ? undefined : ruled(emailProblem)(v, ctx))), z.null()]).transform((v) => v || null);
const mobile = z.union([z.string().max(20).trim().superRefine((v, ctx) => (v === '' ? undefined : ruled(mobileProblem)(v, ctx))), z.null()]).transform((v) => v || null);
/** 统一身份标识 (single sign-on); empty string or null clears it. */
const externalId = z.union([z.string().max(100).trim().superRefine((v, ctx) => (v === '' ? undefined : ruled(externalIdProblem)(v, ctx))), z.null()]).transform((v) => v || null);
/** Checked against the password rule (with the username) by the service. */
const password = z.string().min(1, '密码不能为空').max(PASSWORD_MAX_LENGTH);
const role = z.enum(ROLES, { error: `角色应为 ${ROLES.join('、')} 之一` });

export const usernameParam = username;
export const departmentCodeParam = departmentCode;

export const createUserBody = z.strictObject({
  username,
  displayName,
  role,
  departmentCode,
  email: email.optional(),
  mobile: mobile.optional(),
  externalId: externalId.optional(),
  /** Omitted: a one-time password is generated and returned once. */
  password: password.optional(),
});
export type CreateUserBody = z.infer<typeof createUserBody>;

export const updateUserBody = z
  .strictObject({ displayName: displayName.optional(), role: role.optional(), departmentCode: departmentCode.optional(), email: email.optional(), mobile: mobile.optional(), externalId: externalId.optional() })
  .refine((b) => Object.values(b).some((v) => v !== undefined), '请至少修改一项');
export type UpdateUserBody = z.infer<typeof updateUserBody>;

export const moveUserBody = z.strictObject({ departmentCode });
export type MoveUserBody = z.infer<typeof moveUserBody>;

export const resetPasswordBody = z.strictObject({ password: password.optional() });
export type ResetPasswordBody = z.infer<typeof resetPasswordBody>;

export const createDepartmentBody = z.strictObject({ code: departmentCode, name: departmentName, kind: z.enum(DEPARTMENT_KINDS, { error: '处室类型应为 business、leadership、discipline 之一' }).default('business') });
export type CreateDepartmentBody = z.infer<typeof createDepartmentBody>;

export const renameDepartmentBody = z.strictObject({ name: departmentName });
export type RenameDepartmentBody = z.infer<typeof renameDepartmentBody>;

export const mergeDepartmentBody = z.strictObject({ into: departmentCode });
export type MergeDepartmentBody = z.infer<typeof mergeDepartmentBody>;

export const splitDepartmentBody = z.strictObject({
  code: departmentCode,
  name: departmentName,
  people: z.array(username).min(1, '请至少选择一名调入新处室的人员').max(500, '一次最多调整 500 人'),
});
export type SplitDepartmentBody = z.infer<typeof splitDepartmentBody>;

export const importQuery = z.strictObject({
  dryRun: z.enum(['true', 'false'], { error: 'dryRun 应为 true 或 false' }).default('true').transform((v) => v === 'true'),
});
export type ImportQuery = z.infer<typeof importQuery>;

/** Upload limit for a people/department sheet. */
export const PEOPLE_IMPORT_LIMIT_BYTES = 2 * 1024 * 1024;

/** A user as the admin sees them: contact fields and account state, never the password hash. */
export interface AdminUserDto extends UserDto {
  email: string | null;
  mobile: string | null;
  /** 统一身份标识 at the identity provider (matched by single sign-on when DUBAN_OIDC_MATCH=external_id). */
  externalId: string | null;
  mustChangePassword: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface AdminDepartmentDto extends DepartmentDto {
  mergedInto: string | null;
  /** Active people / everyone in the department. */
  activePeople: number;
  people: number;
}

/** A measure someone still holds (not completed or cancelled): to be reassigned by its head. */
export interface OpenMeasureDto {
  assigneeId: string;
  measureId: string;
  year: number;
  code: string;
  title: string;
  state: MeasureState;
  leadDepartment: string | null;
  dueDate: string | null;
}

export interface CreatedUserDto {
  user: AdminUserDto;
  /** The generated one-time password, shown once; null when the admin gave one. */
  oneTimePassword: string | null;
}

/** After a change to a person: whether their tokens were revoked, and what they still hold. */
export interface PersonChangeDto {
  user: AdminUserDto;
  tokensRevoked: boolean;
  openMeasures: OpenMeasureDto[];
}

export interface PasswordResetDto {
  user: AdminUserDto;
  oneTimePassword: string | null;
}

export interface DepartmentMergeDto {
  source: AdminDepartmentDto;
  target: AdminDepartmentDto;
  movedPeople: string[];
  /** Measures whose suggested department moved to the target. */
  movedMeasures: string[];
  openMeasures: OpenMeasureDto[];
}

export interface DepartmentSplitDto {
  source: AdminDepartmentDto;
  department: AdminDepartmentDto;
  movedPeople: string[];
  openMeasures: OpenMeasureDto[];
}

export interface PeopleImportDto {
  dryRun: boolean;
  /** true only when the real run wrote everything. */
  applied: boolean;
  /** Every problem of every row; nothing is imported while there is one. */
  problems: ImportProblem[];
  departments: { created: string[]; renamed: string[] };
  people: { created: string[]; updated: string[] };
  unchanged: number;
  /** One-time passwords of the people created (real run only), shown once. */
  oneTimePasswords: Array<{ username: string; password: string }>;
  /** Open measures of people whose department or role changed. */
  openMeasures: OpenMeasureDto[];
}
