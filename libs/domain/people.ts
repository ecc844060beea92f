// People and departments as the admin keeps them: what a valid username, name, email, mobile or
// department looks like, which role may sit in which kind of department, and the checks of a bulk
// import (every problem of every row, in plain Chinese, before anything is written). Pure.
import { ROLE_LABELS, ROLES, type Role } from './lifecycle';

export const DEPARTMENT_KINDS = ['business', 'leadership', 'discipline'] as const;
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];

export const DEPARTMENT_KIND_LABELS: Record<DepartmentKind, string> = {
  business: '业务处室',
  leadership: '局领导',
  discipline: '纪检监察',
};

/** Usernames: lower-case ASCII, digits, `.`, `_`, `-`; 2–32 characters, starting with a letter. */
export const USERNAME_PATTERN = /^[a-z][a-z0-9._-]{1,31}$/;
/** Department codes: lower-case ASCII, digits, `_`, `-`; 2–32 characters, starting with a letter. */
export const DEPARTMENT_CODE_PATTERN = /^[a-z][a-z0-9_-]{1,31}$/;
const EMAIL_PATTERN = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{1,60}$/;
/** A mainland mobile number (11 digits, 1[3-9]…) or an office line (digits and `-`, 7–20). */
const MOBILE_PATTERN = /^(?:1[3-9]\d{9}|[0-9][0-9-]{6,19})$/;
const CONTROL = /[\u0000-\u001f\u007f]/;

export const NAME_MAX = 32;
export const DEPARTMENT_NAME_MAX = 64;

export function usernameProblem(username: string): string | undefined {
  if (!username) return '用户名不能为空';
  if (!USERNAME_PATTERN.test(username)) return '用户名须以小写字母开头，只含小写字母、数字和 . _ -，长度 2–32 个字符';
  return undefined;
}

/** A name as people read it (a person's or a department's): present, not too long, no control characters. */
function nameProblem(what: string, name: string, max: number): string | undefined {
  if (!name.trim()) return `${what}不能为空`;
  if ([...name].length > max) return `${what}不能超过 ${max} 个字符`;
  if (CONTROL.test(name)) return `${what}不能包含控制字符`;
  return undefined;
}

export function displayNameProblem(name: string): string | undefined {
  return nameProblem('姓名', name, NAME_MAX);
}

export function departmentCodeProblem(code: string): string | undefined {
  if (!code) return '处室代码不能为空';
  if (!DEPARTMENT_CODE_PATTERN.test(code)) return '处室代码须以小写字母开头，只含小写字母、数字和 _ -，长度 2–32 个字符';
  return undefined;
}

export function departmentNameProblem(name: string): string | undefined {
  return nameProblem('处室名称', name, DEPARTMENT_NAME_MAX);
}

export function emailProblem(email: string): string | undefined {
  return EMAIL_PATTERN.test(email) && email.length <= 254 ? undefined : '邮箱格式不正确';
}

/** A 统一身份标识 (工号 at the identity provider, single sign-on): 1–100 visible characters without spaces. */
export const EXTERNAL_ID_PATTERN = /^[\x21-\x7E\u00A0-\uFFFF]{1,100}$/;

export function externalIdProblem(externalId: string): string | undefined {
  return EXTERNAL_ID_PATTERN.test(externalId) ? undefined : '统一身份标识格式不正确（1–100 个字符，不含空格）';
}

export function mobileProblem(mobile: string): string | undefined {
  return MOBILE_PATTERN.test(mobile) ? undefined : '手机号码格式不正确（11 位手机号或由数字和 - 组成的电话号码）';
}

/** Which kinds of department a role may belong to; authority follows the organization. */
const ROLE_DEPARTMENT_KINDS: Record<Role, readonly DepartmentKind[]> = {
  admin: DEPARTMENT_KINDS,
  leader: ['leadership'],
  department_head: ['business'],
  staff: ['business'],
  supervisor: ['discipline'],
};

/** Why `role` cannot sit in a department of `kind`, or undefined when it can. */
export function roleDepartmentProblem(role: Role, kind: DepartmentKind, departmentName: string): string | undefined {
  if (ROLE_DEPARTMENT_KINDS[role].includes(kind)) return undefined;
  const allowed = ROLE_DEPARTMENT_KINDS[role].map((k) => DEPARTMENT_KIND_LABELS[k]).join('或');
  return `${ROLE_LABELS[role]}只能属于${allowed}，「${departmentName}」是${DEPARTMENT_KIND_LABELS[kind]}`;
}

/** A role from its code or its Chinese label (as typed in a spreadsheet). */
export function parseRole(text: string): Role | undefined {
  const value = text.trim();
  if ((ROLES as readonly string[]).includes(value)) return value as Role;
  const aliases: Record<string, Role> = { 管理员: 'admin', 领导: 'leader', 分管领导: 'leader', 负责人: 'department_head', 处长: 'department_head', 工作人员: 'staff', 纪检监察: 'supervisor', 督查人员: 'supervisor' };
  return ROLES.find((r) => ROLE_LABELS[r] === value) ?? aliases[value];
}

export function parseDepartmentKind(text: string): DepartmentKind | undefined {
  const value = text.trim();
  if (!value) return 'business';
  if ((DEPARTMENT_KINDS as readonly string[]).includes(value)) return value as DepartmentKind;
  const aliases: Record<string, DepartmentKind> = { 处室: 'business', 业务: 'business', 领导: 'leadership', 纪检: 'discipline', 纪检监察组: 'discipline' };
  return DEPARTMENT_KINDS.find((k) => DEPARTMENT_KIND_LABELS[k] === value) ?? aliases[value];
}

// ── bulk import ───────────────────────────────────────────────────────────────────────────────

export interface ImportDepartmentRow {
  /** The row number as the spreadsheet shows it (the header is row 1). */
  row: number;
  sheet: string;
  code: string;
  name: string;
  kind: string;
}

export interface ImportPersonRow {
  row: number;
  sheet: string;
  username: string;
  displayName: string;
  role: string;
  department: string;
  /** undefined when the sheet has no such column: the field is left as it is. */
  email?: string;
  mobile?: string;
}

export interface ImportProblem {
  sheet: string;
  row: number;
  reason: string;
}

export interface ExistingDepartment {
  code: string;
  name: string;
  kind: DepartmentKind;
  active: boolean;
}

export interface ExistingPerson {
  username: string;
  displayName: string;
  role: Role;
  departmentCode: string;
  email: string | null;
  mobile: string | null;
}

export interface PlannedDepartment {
  code: string;
  name: string;
  kind: DepartmentKind;
}

export interface PlannedPerson {
  username: string;
  displayName: string;
  role: Role;
  departmentCode: string;
  email: string | null;
  mobile: string | null;
}

export interface ImportPlan {
  problems: ImportProblem[];
  createDepartments: PlannedDepartment[];
  renameDepartments: PlannedDepartment[];
  createPeople: PlannedPerson[];
  updatePeople: PlannedPerson[];
  unchanged: number;
}

/**
 * Checks every row against the rules and against what exists, and says what an import would do:
 * new departments and people are created, existing ones with other values are updated (a
 * department's kind never changes), identical ones are left alone. Any problem → import nothing.
 */
export function planImport(
  rows: { departments: ImportDepartmentRow[]; people: ImportPersonRow[] },
  existing: { departments: ExistingDepartment[]; people: ExistingPerson[] },
): ImportPlan {
  const plan: ImportPlan = { problems: [], createDepartments: [], renameDepartments: [], createPeople: [], updatePeople: [], unchanged: 0 };
  const problem = (r: { sheet: string; row: number }, reason: string) => plan.problems.push({ sheet: r.sheet, row: r.row, reason });
  const knownDepartments = new Map(existing.departments.map((d) => [d.code, d]));
  const departments = new Map<string, { name: string; kind: DepartmentKind; active: boolean }>(
    existing.departments.map((d) => [d.code, { name: d.name, kind: d.kind, active: d.active }]),
  );
  const seenDepartments = new Map<string, number>();
  for (const r of rows.departments) {
    const reasons: string[] = [];
    const code = r.code.trim();
    const name = r.name.trim();
    const codeProblem = departmentCodeProblem(code);
    if (codeProblem) reasons.push(codeProblem);
    const nameProblem = departmentNameProblem(name);
    if (nameProblem) reasons.push(nameProblem);
    const kind = parseDepartmentKind(r.kind);
    if (!kind) reasons.push(`处室类型「${r.kind.trim()}」无法识别（可填：业务处室、局领导、纪检监察）`);
    const earlier = seenDepartments.get(code);
    if (code && earlier !== undefined) reasons.push(`处室代码 ${code} 与第 ${earlier} 行重复`);
    const known = knownDepartments.get(code);
    if (known && kind && known.kind !== kind) reasons.push(`处室 ${code} 已存在且类型为${DEPARTMENT_KIND_LABELS[known.kind]}，导入不能改变处室类型`);
    if (known && !known.active) reasons.push(`处室 ${code} 已停用（已合并），不能再导入`);
    if (code && earlier === undefined) seenDepartments.set(code, r.row);
    if (reasons.length) {
      for (const reason of reasons) problem(r, reason);
      continue;
    }
    const planned = { code, name, kind: kind! };
    departments.set(code, { name, kind: planned.kind, active: true });
    if (!known) plan.createDepartments.push(planned);
    else if (known.name !== name) plan.renameDepartments.push(planned);
    else plan.unchanged += 1;
  }

  const knownPeople = new Map(existing.people.map((p) => [p.username, p]));
  const seenPeople = new Map<string, number>();
  for (const r of rows.people) {
    const reasons: string[] = [];
    const username = r.username.trim();
    const displayName = r.displayName.trim();
    const departmentCode = r.department.trim();
    const known = knownPeople.get(username);
    const email = r.email === undefined ? (known?.email ?? null) : r.email.trim() || null;
    const mobile = r.mobile === undefined ? (known?.mobile ?? null) : r.mobile.trim() || null;
    const nameOfUser = usernameProblem(username);
    if (nameOfUser) reasons.push(nameOfUser);
    const nameProblem = displayNameProblem(displayName);
    if (nameProblem) reasons.push(nameProblem);
    const role = parseRole(r.role);
    if (!r.role.trim()) reasons.push('角色不能为空');
    else if (!role) reasons.push(`角色「${r.role.trim()}」无法识别（可填：${ROLES.map((x) => ROLE_LABELS[x]).join('、')}）`);
    const department = departments.get(departmentCode);
    if (!departmentCode) reasons.push('所在处室不能为空');
    else if (!department) reasons.push(`处室 ${departmentCode} 不存在（请先在处室表中列出）`);
    else if (!department.active) reasons.push(`处室 ${departmentCode} 已停用，不能再分配人员`);
    else if (role) {
      const mismatch = roleDepartmentProblem(role, department.kind, department.name);
      if (mismatch) reasons.push(mismatch);
    }
    if (email) {
      const p = emailProblem(email);
      if (p) reasons.push(p);
    }
    if (mobile) {
      const p = mobileProblem(mobile);
      if (p) reasons.push(p);
    }
    const earlier = seenPeople.get(username);
    if (username && earlier !== undefined) reasons.push(`用户名 ${username} 与第 ${earlier} 行重复`);
    if (username && earlier === undefined) seenPeople.set(username, r.row);
    if (reasons.length) {
      for (const reason of reasons) problem(r, reason);
      continue;
    }
    const planned: PlannedPerson = { username, displayName, role: role!, departmentCode, email, mobile };
    if (!known) plan.createPeople.push(planned);
    else if (
      known.displayName !== planned.displayName ||
      known.role !== planned.role ||
      known.departmentCode !== planned.departmentCode ||
      known.email !== planned.email ||
      known.mobile !== planned.mobile
    ) {
      plan.updatePeople.push(planned);
    } else plan.unchanged += 1;
  }
  return plan;
}
