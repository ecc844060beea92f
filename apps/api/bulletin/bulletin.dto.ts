import { z } from 'zod';
import { BULLETIN_ISSUER_MAX, BULLETIN_MESSAGES, BULLETIN_PREFIX_MAX, BULLETIN_SUMMARY_MAX, type BulletinStatus, type BulletinSummaryDepartment } from '@duban/domain';

const year = z.coerce.number({ error: '年份应为数字' }).int('年份应为整数').min(2000, '年份超出范围').max(2100, '年份超出范围');
const month = z
  .string({ error: '请提供月份，格式 YYYY-MM，例如 2022-06' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM，例如 2022-06')
  .refine((m) => Number(m.slice(0, 4)) >= 2000 && Number(m.slice(0, 4)) <= 2100, '月份超出范围');

/** POST /bulletins: the month's issue of a plan (year defaults to the month's year). */
export const draftBulletinBody = z.object({ year: year.optional(), month }).strict();
export type DraftBulletinBody = z.infer<typeof draftBulletinBody>;

/** PATCH /bulletins/:id: the draft's summary, paragraphs separated by line breaks. */
export const editBulletinBody = z
  .object({
    summary: z.string({ error: BULLETIN_MESSAGES.summaryRequired }).max(BULLETIN_SUMMARY_MAX, BULLETIN_MESSAGES.summaryTooLong),
  })
  .strict();
export type EditBulletinBody = z.infer<typeof editBulletinBody>;

/** PUT /bulletins/settings/:year: the plan year's 文号 prefix and issuing unit. */
export const bulletinSettingsBody = z
  .object({
    prefix: z.string({ error: BULLETIN_MESSAGES.prefixRequired }).max(BULLETIN_PREFIX_MAX, BULLETIN_MESSAGES.prefixTooLong),
    issuer: z.string({ error: BULLETIN_MESSAGES.issuerRequired }).max(BULLETIN_ISSUER_MAX, BULLETIN_MESSAGES.issuerTooLong),
  })
  .strict();
export type BulletinSettingsBody = z.infer<typeof bulletinSettingsBody>;

export const bulletinListQuery = z.object({ year });
export type BulletinListQuery = z.infer<typeof bulletinListQuery>;

export const bulletinIdParam = z.coerce.number({ error: '通报编号应为数字' }).int('通报编号应为整数').min(1, '通报编号应为正整数').max(2_147_483_647, '通报编号超出范围');

export const BULLETIN_DOCUMENT_FORMATS = ['docx', 'pdf'] as const;
export type BulletinDocumentFormat = (typeof BULLETIN_DOCUMENT_FORMATS)[number];
export const bulletinDocumentQuery = z.object({ format: z.enum(BULLETIN_DOCUMENT_FORMATS, { error: '格式应为 docx 或 pdf' }).default('docx') });
export type BulletinDocumentQuery = z.infer<typeof bulletinDocumentQuery>;

/** A department's row of the frozen figures (libs/domain `BulletinSummaryDepartment`). */
export type BulletinDepartmentDto = BulletinSummaryDepartment;

/** One 督办通报 issue. */
export interface BulletinDto {
  id: number;
  year: number;
  month: string;
  /** 期号 N. */
  issue: number;
  /** 第N期 */
  issueLabel: string;
  /** 文号, e.g. 青环督〔2022〕3号. */
  documentNumber: string;
  issuer: string;
  title: string;
  status: BulletinStatus;
  statusLabel: string;
  summary: string;
  /** The frozen figures the summary was written from. */
  asOf: string;
  total: number;
  completedThisMonth: number;
  newlyOverdue: number;
  onTimeRate: number | null;
  departments: BulletinDepartmentDto[];
  draftedBy: string;
  draftedByName: string | null;
  draftedAt: string;
  editedBy: string | null;
  editedAt: string | null;
  signedBy: string | null;
  signedByName: string | null;
  /** Beijing date of 签发. */
  signedOn: string | null;
  signedAt: string | null;
}

export interface BulletinListDto {
  year: number;
  bulletins: BulletinDto[];
}

export interface BulletinSettingsDto {
  year: number;
  prefix: string;
  issuer: string;
  /** The 期号 the next draft will get. */
  nextIssue: number;
  /** The 文号 the next draft will get. */
  nextDocumentNumber: string;
  /** false: the defaults (nobody has set them for this year). */
  saved: boolean;
}
