// What a 督办通报 issue prints, in the order of a 公文: 版头 (督办通报, 期号, 文号, issuing unit and
// date, red rule), 标题, 主送, 正文 (the summary), the tables, 签发 line, 署名 and date, 版记
// (抄送, 印发). The DOCX and the PDF writers both draw this one model.
import type { BulletinRecord } from '@duban/db';
import { BULLETIN_DRAFT_MARK, bulletinIssueLabel, bulletinPercent, chineseDate, departmentTotals, summaryParagraphs } from '@duban/domain';
import type { BulletinFigures } from '../report/bulletin';

export interface DocumentTable {
  heading: string;
  /** Relative widths; the writers scale them to the text width. */
  columns: Array<{ header: string; width: number; align?: 'left' | 'center' }>;
  rows: string[][];
  /** Index of a bold totals row, if any. */
  totalRow?: number;
  /** Shown instead of an empty table. */
  empty?: string;
}

export interface BulletinDocumentModel {
  /** null: final (签发); otherwise the watermark / mark text. */
  draftMark: string | null;
  masthead: string;
  issueLabel: string;
  documentNumber: string;
  issuer: string;
  /** 版头 date line and 成文日期: the 签发 date, or the drafting date of a draft. */
  date: string;
  title: string;
  recipients: string;
  paragraphs: string[];
  tables: DocumentTable[];
  notes: string[];
  signatureLine: string;
  copyTo: string;
  printedBy: string;
  /** For the PDF's metadata and file names. */
  fileTitle: string;
}

export const MASTHEAD = '督办通报';
export const RECIPIENTS = '局机关各处室：';

export function bulletinDocument(b: BulletinRecord, draftedOn: string): BulletinDocumentModel {
  const f = b.figures as BulletinFigures;
  const date = chineseDate(b.signedOn ?? draftedOn);
  const totals = departmentTotals(f.departments);
  const departmentRows = f.departments.map((d) => [d.department, String(d.measures), String(d.completed), bulletinPercent(d.onTimeRate), String(d.overdue), String(d.supervision), String(d.accountability)]);
  departmentRows.push(['合计', String(totals.measures), String(totals.completed), bulletinPercent(f.onTimeRate), String(totals.overdue), String(totals.supervision), String(totals.accountability)]);
  return {
    draftMark: b.status === 'signed' ? null : BULLETIN_DRAFT_MARK,
    masthead: MASTHEAD,
    issueLabel: bulletinIssueLabel(b.issue),
    documentNumber: b.documentNumber,
    issuer: b.issuer,
    date,
    title: b.title,
    recipients: RECIPIENTS,
    paragraphs: summaryParagraphs(b.summary),
    tables: [
      {
        heading: '附表1　各处室推进情况',
        columns: [
          { header: '牵头处室', width: 30, align: 'left' },
          { header: '事项数', width: 11 },
          { header: '已办结', width: 11 },
          { header: '按期完成率', width: 15 },
          { header: '逾期', width: 10 },
          { header: '督办', width: 10 },
          { header: '问责', width: 10 },
        ],
        rows: departmentRows,
        totalRow: departmentRows.length - 1,
      },
      {
        heading: '附表2　逾期未办结事项',
        columns: [
          { header: '编号', width: 10 },
          { header: '工作任务', width: 30, align: 'left' },
          { header: '牵头处室', width: 17, align: 'left' },
          { header: '承办人', width: 9 },
          { header: '截止日期', width: 14 },
          { header: '逾期工作日', width: 13 },
          { header: '等级', width: 7 },
        ],
        rows: f.overdue.map((o) => [o.code, o.title, o.department, o.assignee, o.dueDate, String(o.workingDaysOverdue), o.level || '—']),
        empty: '截至统计日，无逾期未办结事项。',
      },
    ],
    notes: [
      `统计截至${chineseDate(f.asOf)}${f.asOfIsToday ? '（起草时本月尚未结束，按当日统计）' : ''}。已交办事项按牵头处室统计，未交办事项按建议牵头处室统计。`,
      '按期完成率＝按期办结事项÷应完成事项（截止日期已到或已办结）；督办、问责为事项当前所处阶段。',
    ],
    signatureLine: b.signedBy ? `签发人：${b.signedByName ?? b.signedBy}　　签发日期：${chineseDate(b.signedOn ?? draftedOn)}` : '签发人：（待局领导签发）',
    copyTo: '抄送：局领导，驻局纪检监察组。',
    printedBy: b.issuer,
    fileTitle: `${b.title}（${bulletinIssueLabel(b.issue)}）`,
  };
}
