import { z } from 'zod';
import { TEXT_LIMITS as L, INPUT_MESSAGES as M } from '@duban/domain';
import { isoDate } from '../common/iso-date';
import { assignBody, measureIdParam } from '../measure/measure.dto';

/** The most measures one bulk command takes; a larger selection is sent in parts. */
export const BULK_LIMIT = 200;

const code = z.string().trim().min(1).max(64);
const measureIds = z
  .array(measureIdParam)
  .min(1, '请至少选择一项事项')
  .max(BULK_LIMIT, `一次最多批量处理 ${BULK_LIMIT} 项事项，请分批提交`);

/** 批量交办: every chosen measure assigned the same way (one 交办 per measure, as the single route). */
export const bulkAssignBody = assignBody.extend({ measureIds });
export type BulkAssignBody = z.infer<typeof bulkAssignBody>;

/**
 * 批量改派: the chosen measures, or every measure in hand of one person (e.g. someone leaving), to
 * a new assignee. Lead and co-departments and the due date stay each measure's own unless given.
 */
export const bulkReassignBody = z
  .object({
    measureIds: measureIds.optional(),
    fromAssigneeId: code.optional(),
    assigneeId: code,
    leadDepartment: code.optional(),
    coDepartments: z.array(code).max(L.coDepartments).optional(),
    dueDate: isoDate.optional(),
    assignedOn: isoDate.optional(),
    backdateReason: z.string().trim().max(L.backdateReason, `不能超过 ${L.backdateReason} 个字`).min(1, M.backdateReason).optional(),
  })
  .refine((b) => (b.measureIds === undefined) !== (b.fromAssigneeId === undefined), {
    message: '请选择要改派的事项（measureIds），或指定原承办人（fromAssigneeId），二者取其一',
  });
export type BulkReassignBody = z.infer<typeof bulkReassignBody>;

/** Which measures the command went through for, and which not and why (the single command's code and message). */
export interface BulkResultDto {
  succeeded: Array<{ measureId: string }>;
  failed: Array<{ measureId: string; code: string; message: string }>;
}
