import { z } from 'zod';
import { DELEGATION_REASON_MAX, USERNAME_PATTERN, type DelegationStatus } from '@duban/domain';
import { isoDate } from '../common/iso-date';

const username = (what: string) => z.string().trim().regex(USERNAME_PATTERN, `${what}应为用户名（小写字母开头，只含小写字母、数字和 . _ -）`);

/** POST /delegations: a head names a deputy for [startsOn, endsOn]; an admin names one for `principalId`. */
export const createDelegationBody = z.strictObject({
  principalId: username('委托人').optional(),
  deputyId: username('代理人'),
  startsOn: isoDate,
  endsOn: isoDate,
  reason: z.string().trim().max(DELEGATION_REASON_MAX, `委托事由不能超过 ${DELEGATION_REASON_MAX} 个字`).optional(),
});
export type CreateDelegationBody = z.infer<typeof createDelegationBody>;

export const delegationIdParam = z.string().regex(/^\d{1,18}$/, '委托编号无效');

/** One delegation (委托代理) as the lists show it. */
export interface DelegationDto {
  id: string;
  principalId: string;
  principalName: string | null;
  deputyId: string;
  deputyName: string | null;
  departmentCode: string;
  departmentName: string | null;
  /** Beijing dates, both inclusive. */
  startsOn: string;
  endsOn: string;
  reason: string | null;
  status: DelegationStatus;
  statusLabel: string;
  createdBy: string;
  createdAt: string;
  revokedAt: string | null;
  revokedBy: string | null;
}
