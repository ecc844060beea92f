import { z } from 'zod';
import { DEPARTMENT_CODE_PATTERN } from '@duban/domain';

/** At most this many departments per leader (the bureau has a few dozen). */
export const LEADER_DEPARTMENTS_MAX = 100;

const departmentCode = z.string().trim().regex(DEPARTMENT_CODE_PATTERN, '处室代码须以小写字母开头，只含小写字母、数字和 _ -，长度 2–32 个字符');

/** PUT /leaders/:username/departments: the whole 分管 list (an empty list clears it). */
export const leaderDepartmentsBody = z.strictObject({
  departments: z
    .array(departmentCode, { error: 'departments 应为处室代码的列表' })
    .max(LEADER_DEPARTMENTS_MAX, `分管处室最多 ${LEADER_DEPARTMENTS_MAX} 个`)
    .refine((list) => new Set(list).size === list.length, '分管处室不能重复'),
});
export type LeaderDepartmentsBody = z.infer<typeof leaderDepartmentsBody>;

/** A leader's 分管 departments (分管领导), by code and name. */
export interface LeaderDepartmentsDto {
  username: string;
  displayName: string;
  departments: Array<{ code: string; name: string }>;
}
