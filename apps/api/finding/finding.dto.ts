import { z } from 'zod';
import { INPUT_MESSAGES as M, TEXT_LIMITS as L } from '@duban/domain';
import { isoDate } from '../common/iso-date';

export const findingIdParam = z.string().max(80).regex(/^\d{4}-\d+(\.\d+)*-f\d{1,4}$/, '问题编号格式应为 事项编号-f序号，例如 2022-2.1.1-f1');

export const rectificationBody = z.object({
  note: z.string().trim().min(1, M.rectificationNote).max(L.note),
  evidence: z.array(z.string().trim().max(L.evidence)).max(L.evidenceCount).optional(),
});
export type RectificationBody = z.infer<typeof rectificationBody>;

export const verificationBody = z.object({
  passed: z.boolean({ error: 'passed 应为 true 或 false' }),
  comment: z.string().trim().max(L.note).optional(),
  nextDueDate: isoDate.optional(),
});
export type VerificationBody = z.infer<typeof verificationBody>;
