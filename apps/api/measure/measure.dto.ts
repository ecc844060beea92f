import { z } from 'zod';
import { isIsoDate, type MeasureSnapshot } from '@duban/domain';

export const measureIdParam = z
  .string()
  .max(64)
  .regex(/^\d{4}-\d+(\.\d+)*$/, '事项编号格式应为 年份-编号，例如 2022-2.1.1');

const isoDate = z.string().refine(isIsoDate, '日期应为有效日期，格式 YYYY-MM-DD');
const shortText = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字`);
const code = z.string().trim().min(1).max(64);

export const assignBody = z.object({
  assigneeId: code,
  leadDepartment: code,
  coDepartments: z.array(code).max(20).optional(),
  dueDate: isoDate,
  milestones: z.array(z.object({ title: shortText(100).min(1, '节点名称不能为空'), dueDate: isoDate })).max(50).optional(),
});
export type AssignBody = z.infer<typeof assignBody>;

export const progressBody = z.object({
  note: shortText(2000).optional(),
  percent: z.number().min(0, '百分比不能小于 0').max(100, '百分比不能大于 100').optional(),
  quantityDone: z.number().min(0, '完成数量不能为负数').max(1e12).optional(),
  evidence: z.array(shortText(500)).max(50).optional(),
});
export type ProgressBody = z.infer<typeof progressBody>;

export const submitBody = z.object({ note: shortText(2000).optional(), evidence: z.array(shortText(500)).max(50).optional() });
export type SubmitBody = z.infer<typeof submitBody>;

export const approveBody = z.object({ comment: shortText(2000).optional() });
export type ApproveBody = z.infer<typeof approveBody>;

export const returnBody = z.object({ comment: shortText(2000).min(1, '退回时必须填写意见') });
export type ReturnBody = z.infer<typeof returnBody>;

export const extensionRequestBody = z.object({ newDueDate: isoDate, reason: shortText(2000).min(1, '申请延期必须说明理由') });
export type ExtensionRequestBody = z.infer<typeof extensionRequestBody>;

export const extensionNumberParam = z.coerce.number({ error: '申请编号应为数字' }).int().min(1).max(1000);

export const extensionDecisionBody = z.object({ approve: z.boolean({ error: 'approve 应为 true 或 false' }), comment: shortText(2000).optional() });
export type ExtensionDecisionBody = z.infer<typeof extensionDecisionBody>;

export const inspectionBody = z.object({
  findings: z
    .array(z.object({ description: shortText(2000).min(1, '问题描述不能为空'), dueDate: isoDate }))
    .min(1, '请至少填写一个检查问题')
    .max(20, '一次检查最多 20 个问题'),
});
export type InspectionBody = z.infer<typeof inspectionBody>;

export const cancelBody = z.object({ reason: shortText(2000).min(1, '撤销事项必须说明理由') });
export type CancelBody = z.infer<typeof cancelBody>;

export interface MeasureEventDto {
  sequence: number;
  type: string;
  actorId: string;
  actorRole: string;
  stateAfter: string;
  payload: Record<string, unknown>;
  occurredAt: string;
}

export interface MeasureDto {
  id: string;
  year: number;
  code: string;
  title: string;
  body: string;
  state: string;
  assigneeId: string | null;
  leadDepartment: string | null;
  dueDate: string | null;
  dueProvisional: boolean;
  escalationLevel: string | null;
  snapshot: Record<string, unknown> | null;
  events: MeasureEventDto[];
}

export type MeasureCommandResultDto = MeasureSnapshot;
