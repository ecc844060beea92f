import { z } from 'zod';
import type { MeasureSnapshot } from '@duban/workflows';

export const measureIdParam = z
  .string()
  .max(64)
  .regex(/^\d{4}-\d+(\.\d+)*$/, '事项编号格式应为 年份-编号，例如 2022-2.1.1');

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), '不是有效日期');

export const assignBody = z.object({
  assigneeId: z.string().min(1, '必须指定承办人').max(64),
  dueDate: isoDate,
});
export type AssignBody = z.infer<typeof assignBody>;

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
  state: string;
  assigneeId: string | null;
  dueDate: string | null;
  events: MeasureEventDto[];
}

export type MeasureCommandResultDto = Pick<MeasureSnapshot, 'measureId' | 'state' | 'assigneeId' | 'dueDate'>;
