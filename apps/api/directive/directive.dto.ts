import { z } from 'zod';
import { DIRECTIVE_MESSAGES as D, isIsoDate, outcomeKindOf, TEXT_LIMITS as L, type DirectiveKind, type DirectiveStatus, type OutcomeKind, type Role } from '@duban/domain';
import { ISO_DATE_DOC, isoDate } from '../common/iso-date';

const text = (missing: string) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .max(L.note, `内容不能超过 ${L.note} 个字`);

/** The ordinal of a directive of its kind on the measure (1, 2 …). */
export const directiveNumberParam = z.coerce
  .number({ error: '序号应为正整数' })
  .int('序号应为正整数')
  .min(1, '序号应为正整数')
  .max(999_999, '序号应为正整数');

export const instructionBody = z.object({ text: text(D.instructionText), dueDate: isoDate.optional() });
export type InstructionBody = z.infer<typeof instructionBody>;

export const urgingBody = z.object({ note: text(D.urgingNote) });
export type UrgingBody = z.infer<typeof urgingBody>;

export const noticeBody = z.object({
  text: text(D.noticeText),
  /** 办理期限: a working day, today or later. */
  dueDate: z.string({ error: D.noticeDueDate }).refine(isIsoDate, D.dueDateFormat).meta(ISO_DATE_DOC),
});
export type NoticeBody = z.infer<typeof noticeBody>;

/** kind: 约谈 | 通报批评 | 诫勉 | 问责处理 (or the stored codes interview | circulated_criticism | admonishment | accountability). */
export const accountabilityBody = z.object({
  kind: z
    .string({ error: D.outcomeKind })
    .refine((v) => outcomeKindOf(v) !== undefined, D.outcomeKind)
    .transform((v) => outcomeKindOf(v) as OutcomeKind),
  note: text(D.outcomeNote),
});
export type AccountabilityBody = z.infer<typeof accountabilityBody>;

export const directiveResponseBody = z.object({ text: text(D.responseText) });
export type DirectiveResponseBody = z.infer<typeof directiveResponseBody>;

export const directiveCloseBody = z.object({ comment: z.string().trim().max(L.note, `意见不能超过 ${L.note} 个字`).optional() });
export type DirectiveCloseBody = z.infer<typeof directiveCloseBody>;

export interface DirectivePersonDto {
  username: string;
  displayName: string | null;
}

export interface DirectiveResponseDto {
  by: DirectivePersonDto;
  role: Role;
  text: string;
  at: string;
}

/** One 批示 / 催办 / 督办单 / 问责结果 of a measure, as its card lists it. */
export interface DirectiveDto {
  directiveId: string;
  measureId: string;
  kind: DirectiveKind;
  kindLabel: string;
  n: number;
  /** 督〔2026〕第12号 (督办单), 催〔2026〕第3号 (催办); null for the others. */
  noticeNumber: string | null;
  text: string;
  outcomeKind: OutcomeKind | null;
  outcomeKindLabel: string | null;
  status: DirectiveStatus;
  statusLabel: string;
  department: { code: string; name: string | null } | null;
  assignee: DirectivePersonDto | null;
  issuedBy: DirectivePersonDto;
  /** `system`: the ladder's own 督办单, issued when the measure reached 督办. */
  issuerRole: Role | 'system';
  issuedAt: string;
  dueDate: string | null;
  escalationLevel: string | null;
  escalationLabel: string | null;
  acknowledgedBy: DirectivePersonDto | null;
  acknowledgedAt: string | null;
  responses: DirectiveResponseDto[];
  closedBy: DirectivePersonDto | null;
  closedAt: string | null;
  closeComment: string | null;
}

export interface DirectiveListDto {
  items: DirectiveDto[];
}
