// 督办通知单 and 问责记录 as printable A4 documents in the official layout: the title, the number
// (督〔2022〕第N号), the recipient unit, a ruled table of the matter, the requirement, the deadline and
// the answers, then the issuing unit with the date over a seal space (（盖章）). The data of a document
// is plain (`OfficialDocument`): the services fill it from a directive or a ladder notice, this module
// only lays it out with pdfkit (apps/api/documents/pdf.ts).
import type { DirectiveRow } from '@duban/db';
import { beijingDate, LADDER_ISSUER_LABEL, OUTCOME_KIND_LABELS, type OutcomeKind } from '@duban/domain';
import type { DocumentFonts } from './fonts';
import { createPdf, pdfBuffer, PDF_FONT, type PdfDocument } from './pdf';

/** The issuing unit when the organization has no name of its own recorded. */
export const DEFAULT_ISSUER = '督查室';

export const DOCUMENT_TITLES = { notice: '督办通知单', outcome: '问责记录' } as const;

export interface DocumentField {
  label: string;
  value: string;
}

export interface OfficialDocument {
  /** 督办通知单 | 问责记录. */
  title: string;
  /** 督〔2022〕第3号, or null when the record has none. */
  number: string | null;
  /** 受文单位 / 责任单位 line above the table (the unit's name). */
  recipientLabel: string;
  recipient: string;
  /** The ruled table's rows, in order. */
  fields: DocumentField[];
  /** 督查室 (or the organization's name). */
  issuer: string;
  /** Beijing date of issue, YYYY-MM-DD. */
  date: string;
}

/** 2022-06-30 → 2022年6月30日. */
export function chineseDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

/** An instant → its Beijing date and time, 2022年6月30日 14:05. */
export function beijingDateTime(instant: string | Date | null | undefined): string {
  if (!instant) return '—';
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (!Number.isFinite(ms)) return '—';
  const shifted = new Date(ms + 8 * 3_600_000);
  const hh = String(shifted.getUTCHours()).padStart(2, '0');
  const mm = String(shifted.getUTCMinutes()).padStart(2, '0');
  return `${chineseDate(beijingDate(ms))} ${hh}:${mm}`;
}

const nameOf = (row: DirectiveRow, username: string | null): string => (username ? (row.names[username] ?? username) : '—');

/** The measure named as the matter: 事项编号 and title. */
export interface MatterRef {
  id: string;
  title: string | null;
  /** The measure's assignee now (承办人), when the directive names none. */
  assignee?: string | null;
}

const matterText = (m: MatterRef): string => (m.title ? `${m.id}　${m.title}` : m.id);

/** A 督办单 directive (issued by hand or by the ladder) as its 督办通知单. */
export function noticeDocumentOf(row: DirectiveRow, matter: MatterRef, issuer: string): OfficialDocument {
  const d = row.snapshot;
  const system = d.issuerRole === 'system';
  const answers = d.responses.map((r) => `${beijingDateTime(r.at)}　${nameOf(row, r.by)}：${r.text}`);
  const fields: DocumentField[] = [
    { label: '督办事项', value: matterText(matter) },
    { label: '督办要求', value: d.text },
    { label: '办理时限', value: row.dueDate ? `${chineseDate(row.dueDate)}前` : '—' },
    { label: '承办人', value: d.assigneeId ? nameOf(row, d.assigneeId) : (matter.assignee ?? '—') },
    { label: '签发', value: system ? LADDER_ISSUER_LABEL : nameOf(row, row.issuedBy) },
    { label: '签收人', value: d.acknowledgedBy ? nameOf(row, d.acknowledgedBy) : '（未签收）' },
    { label: '签收时间', value: d.acknowledgedAt ? beijingDateTime(d.acknowledgedAt) : '—' },
    { label: '办理情况', value: answers.length > 0 ? answers.join('\n') : '（尚未报送）' },
  ];
  if (d.closedAt) fields.push({ label: '办结', value: `${beijingDateTime(d.closedAt)}　${nameOf(row, d.closedBy)}${d.closeComment ? `：${d.closeComment}` : ''}` });
  return {
    title: DOCUMENT_TITLES.notice,
    number: row.noticeNumber,
    recipientLabel: '受文单位',
    recipient: row.departmentName ?? row.departmentCode ?? '—',
    fields,
    issuer,
    date: beijingDate(row.issuedAt.getTime()),
  };
}

/** A recorded 问责结果 (约谈 / 通报批评 / 诫勉 / 问责处理) as its 问责记录. */
export function outcomeDocumentOf(row: DirectiveRow, matter: MatterRef, issuer: string): OfficialDocument {
  const d = row.snapshot;
  const kind = d.outcomeKind ? OUTCOME_KIND_LABELS[d.outcomeKind as OutcomeKind] : null;
  return {
    title: DOCUMENT_TITLES.outcome,
    number: row.noticeNumber ?? `${row.measureId} 第${row.n}号`,
    recipientLabel: '责任单位',
    recipient: row.departmentName ?? row.departmentCode ?? '—',
    fields: [
      { label: '事项', value: matterText(matter) },
      { label: '责任单位', value: row.departmentName ?? row.departmentCode ?? '—' },
      { label: '承办人', value: d.assigneeId ? nameOf(row, d.assigneeId) : (matter.assignee ?? '—') },
      { label: '处理方式', value: kind ?? '—' },
      { label: '情况说明', value: d.text },
      { label: '记录人', value: nameOf(row, row.issuedBy) },
      { label: '记录日期', value: chineseDate(beijingDate(row.issuedAt.getTime())) },
    ],
    issuer,
    date: beijingDate(row.issuedAt.getTime()),
  };
}

/** What a ladder's own notice (an escalation of the notice list) says, when no 督办单 directive carries it. */
export interface LadderNoticeFacts {
  kind: 'supervision' | 'accountability';
  number: string;
  measureId: string;
  measureTitle: string | null;
  findingId: string | null;
  unit: string | null;
  person: string | null;
  overdueWorkingDays: number | null;
  issuedOn: string;
  /** 问责记录: the 问责结果 recorded on the measure (约谈 …, with their notes). */
  outcomes: Array<{ kind: string; text: string; by: string; on: string }>;
}

/** A ladder notice (督办 / 问责 step) as its document: the facts the escalation records. */
export function ladderNoticeDocumentOf(n: LadderNoticeFacts, issuer: string): OfficialDocument {
  const matter = { label: n.kind === 'supervision' ? '督办事项' : '事项', value: `${matterText({ id: n.measureId, title: n.measureTitle })}${n.findingId ? `（检查问题 ${n.findingId}）` : ''}` };
  const overdue = n.overdueWorkingDays === null ? '—' : `逾期 ${n.overdueWorkingDays} 个工作日`;
  const fields: DocumentField[] =
    n.kind === 'supervision'
      ? [
          matter,
          { label: '督办要求', value: `该事项${overdue === '—' ? '已逾期' : overdue}，请责任单位抓紧办理，及时签收并报送办理情况。` },
          { label: '办理时限', value: '收到本通知后尽快办理' },
          { label: '承办人', value: n.person ?? '—' },
          { label: '签发', value: LADDER_ISSUER_LABEL },
        ]
      : [
          matter,
          { label: '责任单位', value: n.unit ?? '—' },
          { label: '承办人', value: n.person ?? '—' },
          { label: '逾期情况', value: overdue },
          {
            label: '处理方式',
            value: n.outcomes.length > 0 ? n.outcomes.map((o) => `${o.kind}（${chineseDate(o.on)}，${o.by}）：${o.text}`).join('\n') : '（尚未记录问责结果）',
          },
        ];
  return {
    title: n.kind === 'supervision' ? DOCUMENT_TITLES.notice : DOCUMENT_TITLES.outcome,
    number: n.number,
    recipientLabel: n.kind === 'supervision' ? '受文单位' : '责任单位',
    recipient: n.unit ?? '—',
    fields,
    issuer,
    date: n.issuedOn,
  };
}

// ---- layout ----------------------------------------------------------------------------------

const LABEL_WIDTH = 96;
const CELL_PAD = 8;
const BODY_SIZE = 13;
const SEAL = { width: 150, height: 92 };

/** The document as A4 portrait PDF bytes. */
export async function officialDocumentPdf(document: OfficialDocument, fonts: DocumentFonts): Promise<Buffer> {
  const doc = createPdf({ title: `${document.title}${document.number ? ` ${document.number}` : ''}`, fonts, size: 'A4', layout: 'portrait' });
  layOut(doc, document);
  // One page mostly; a long 办理情况 runs on, then page numbers tell the pages apart.
  return pdfBuffer(doc, { pageNumbers: doc.bufferedPageRange().count > 1 });
}

function layOut(doc: PdfDocument, document: OfficialDocument): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;

  doc.font(PDF_FONT.title).fontSize(24).fillColor('#c00000');
  doc.text(document.title, left, doc.page.margins.top, { width, align: 'center', characterSpacing: 6 });
  doc.moveDown(0.3);
  const ruleY = doc.y + 4;
  doc.moveTo(left, ruleY).lineTo(left + width, ruleY).lineWidth(1.5).strokeColor('#c00000').stroke();
  doc.fillColor('#000000').strokeColor('#000000').lineWidth(0.8);
  doc.y = ruleY + 10;
  if (document.number) doc.font(PDF_FONT.body).fontSize(BODY_SIZE).text(document.number, left, doc.y, { width, align: 'right' });
  doc.moveDown(0.6);
  doc.font(PDF_FONT.body).fontSize(BODY_SIZE).text(`${document.recipientLabel}：${document.recipient}`, left, doc.y, { width });
  doc.moveDown(0.6);

  // The ruled table: label column, value column; a row that does not fit starts a new page.
  let y = doc.y;
  const valueWidth = width - LABEL_WIDTH - 2 * CELL_PAD;
  for (const field of document.fields) {
    doc.font(PDF_FONT.body).fontSize(BODY_SIZE);
    const textHeight = Math.max(doc.heightOfString(field.value || '—', { width: valueWidth }), doc.heightOfString(field.label, { width: LABEL_WIDTH - 2 * CELL_PAD }));
    const height = Math.max(textHeight + 2 * CELL_PAD, 30);
    if (y + height > bottom() && y > doc.page.margins.top + 40) {
      doc.addPage();
      y = doc.page.margins.top;
    }
    doc.rect(left, y, width, height).stroke();
    doc.moveTo(left + LABEL_WIDTH, y).lineTo(left + LABEL_WIDTH, y + height).stroke();
    doc.font(PDF_FONT.title).text(field.label, left + CELL_PAD, y + CELL_PAD, { width: LABEL_WIDTH - 2 * CELL_PAD, align: 'center' });
    doc.font(PDF_FONT.body).text(field.value || '—', left + LABEL_WIDTH + CELL_PAD, y + CELL_PAD, { width: valueWidth });
    y += height;
  }

  // Issuing unit, date and the seal space, bottom right.
  const blockHeight = SEAL.height + 20;
  if (y + 24 + blockHeight > bottom()) {
    doc.addPage();
    y = doc.page.margins.top;
  }
  const sealX = left + width - SEAL.width - 10;
  const sealY = y + 24;
  doc.save();
  doc.rect(sealX, sealY, SEAL.width, SEAL.height).dash(4, { space: 3 }).strokeColor('#999999').stroke();
  doc.restore();
  doc.undash().strokeColor('#000000');
  doc.font(PDF_FONT.body).fontSize(BODY_SIZE).fillColor('#000000');
  doc.text(document.issuer, sealX, sealY + 14, { width: SEAL.width, align: 'center' });
  doc.text(chineseDate(document.date), sealX, sealY + 36, { width: SEAL.width, align: 'center' });
  doc.fillColor('#888888').text('（盖章）', sealX, sealY + 62, { width: SEAL.width, align: 'center' });
  doc.fillColor('#000000');
}
