// The 督办通报 as a Word document (docx), laid out after GB/T 9704-2012: A4, margins top 37 mm,
// bottom 35 mm, left 28 mm, right 26 mm; body 仿宋_GB2312 三号 (16 pt), title 方正小标宋简体 二号
// (22 pt), with Noto Serif SC named as their stand-in (w:altName) where the official faces are not
// installed; a red 版头 and rule; page numbers 「— N —」 in the footer. A draft carries a red
// 「草稿」 mark in the header of every page (docx has no watermark object; a header mark is what
// Word/WPS print on each page) and a red 「草稿　未经签发，不得印发」 line above the 版头.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IRunOptions,
} from 'docx';
import JSZip from 'jszip';
import { DOCX_FONTS } from '../documents/fonts';
import type { BulletinDocumentModel, DocumentTable } from './bulletin-document';

const RED = 'C00000';
/** Half-points. */
const SIZE = { masthead: 84, title: 44, body: 32, table: 24, small: 28, footer: 28 } as const;
/** GB/T 9704 page margins, in millimetres. */
export const DOCX_MARGINS_MM = { top: 37, bottom: 35, left: 28, right: 26 } as const;
/** Millimetres in twentieths of a point, rounded (docx's own helper truncates: 37 mm → 2097, not 2098). */
const convertMillimetersToTwip = (mm: number) => Math.round((mm * 1440) / 25.4);
const A4 = { width: 11906, height: 16838 } as const;
const TEXT_WIDTH = A4.width - convertMillimetersToTwip(DOCX_MARGINS_MM.left) - convertMillimetersToTwip(DOCX_MARGINS_MM.right);

const body = (text: string, extra: Partial<IRunOptions> = {}) => new TextRun({ text, font: { eastAsia: DOCX_FONTS.body, ascii: DOCX_FONTS.body, hAnsi: DOCX_FONTS.body }, size: SIZE.body, ...extra });
const titleRun = (text: string, extra: Partial<IRunOptions> = {}) =>
  new TextRun({ text, font: { eastAsia: DOCX_FONTS.title, ascii: DOCX_FONTS.title, hAnsi: DOCX_FONTS.title }, size: SIZE.title, ...extra });

/** 28 pt exact lines, as 公文 set 22 lines of 28 characters a page. */
const LINE = { line: 560, lineRule: 'exact' as const };

function redRule(): Paragraph {
  return new Paragraph({ spacing: { before: 0, after: 240 }, border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: RED, space: 1 } }, children: [] });
}

function table(t: DocumentTable): Array<Paragraph | Table> {
  const heading = new Paragraph({ spacing: { before: 240, after: 120, ...LINE }, children: [body(t.heading, { bold: true })] });
  if (t.rows.length === 0 && t.empty) return [heading, new Paragraph({ indent: { firstLine: 640 }, spacing: LINE, children: [body(t.empty)] })];
  const total = t.columns.reduce((n, c) => n + c.width, 0);
  const widths = t.columns.map((c) => Math.floor((c.width / total) * TEXT_WIDTH));
  const cell = (text: string, i: number, bold: boolean) =>
    new TableCell({
      width: { size: widths[i], type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      margins: { left: 60, right: 60, top: 40, bottom: 40 },
      children: [
        new Paragraph({
          alignment: t.columns[i].align === 'left' && !bold ? AlignmentType.LEFT : AlignmentType.CENTER,
          children: [body(text, { size: SIZE.table, bold })],
        }),
      ],
    });
  const rows = [
    new TableRow({ tableHeader: true, cantSplit: true, children: t.columns.map((c, i) => cell(c.header, i, true)) }),
    ...t.rows.map((r, ri) => new TableRow({ cantSplit: true, children: r.map((v, i) => cell(v, i, ri === t.totalRow)) })),
  ];
  return [heading, new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: widths, rows })];
}

export async function bulletinDocx(m: BulletinDocumentModel): Promise<Buffer> {
  const children: Array<Paragraph | Table> = [];
  if (m.draftMark) {
    children.push(new Paragraph({ alignment: AlignmentType.LEFT, children: [body(`${m.draftMark}　未经签发，不得印发`, { color: RED, bold: true, size: SIZE.small })] }));
  }
  // 版头
  children.push(
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 240, after: 120 }, children: [titleRun(m.masthead, { color: RED, size: SIZE.masthead, characterSpacing: 120 })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: LINE, children: [body(m.issueLabel)] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: LINE, children: [body(m.documentNumber)] }),
    new Paragraph({
      tabStops: [{ type: 'right', position: TEXT_WIDTH }],
      spacing: { before: 120, ...LINE },
      children: [body(m.issuer), body(`\t${m.date}`)],
    }),
    redRule(),
  );
  // 标题, 主送, 正文
  children.push(
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 240, after: 240, line: 700, lineRule: 'exact' }, children: [titleRun(m.title)] }),
    new Paragraph({ spacing: LINE, children: [body(m.recipients)] }),
    ...m.paragraphs.map((p) => new Paragraph({ indent: { firstLine: 640 }, alignment: AlignmentType.JUSTIFIED, spacing: LINE, children: [body(p)] })),
  );
  for (const t of m.tables) children.push(...table(t));
  children.push(...m.notes.map((n) => new Paragraph({ spacing: { before: 60 }, children: [body(`注：${n}`, { size: SIZE.table })] })));
  // 签发, 署名, 成文日期
  children.push(
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 480, ...LINE }, children: [body(m.signatureLine)] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 240, ...LINE }, indent: { right: 640 }, children: [body(m.issuer)] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: LINE, indent: { right: 640 }, children: [body(m.date)] }),
  );
  // 版记
  const rule = (size: number) => ({ style: BorderStyle.SINGLE, size, color: '000000', space: 1 });
  children.push(
    new Paragraph({ spacing: { before: 600 }, border: { top: rule(12), bottom: rule(6) }, indent: { left: 320, right: 320 }, children: [body(m.copyTo, { size: SIZE.small })] }),
    new Paragraph({
      tabStops: [{ type: 'right', position: TEXT_WIDTH - 320 }],
      border: { bottom: rule(12) },
      indent: { left: 320 },
      children: [body(m.printedBy, { size: SIZE.small }), body(`\t${m.date}印发`, { size: SIZE.small })],
    }),
  );

  const header = m.draftMark
    ? new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [titleRun(m.draftMark, { color: RED, size: 56, bold: true })] })] })
    : new Header({ children: [new Paragraph({ children: [] })] });
  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: { eastAsia: '宋体', ascii: '宋体', hAnsi: '宋体' }, size: SIZE.footer })],
      }),
    ],
  });
  const doc = new Document({
    creator: 'duban 督办',
    title: m.fileTitle,
    styles: { default: { document: { run: { font: { eastAsia: DOCX_FONTS.body, ascii: DOCX_FONTS.body, hAnsi: DOCX_FONTS.body }, size: SIZE.body } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: A4.width, height: A4.height },
            margin: {
              top: convertMillimetersToTwip(DOCX_MARGINS_MM.top),
              bottom: convertMillimetersToTwip(DOCX_MARGINS_MM.bottom),
              left: convertMillimetersToTwip(DOCX_MARGINS_MM.left),
              right: convertMillimetersToTwip(DOCX_MARGINS_MM.right),
              header: convertMillimetersToTwip(15),
              footer: convertMillimetersToTwip(20),
            },
          },
        },
        headers: { default: header },
        footers: { default: footer },
        children,
      },
    ],
  });
  return withFallbackFonts(await Packer.toBuffer(doc));
}

/**
 * Names Noto Serif SC as the alternative (w:altName) of the official faces in the font table, so a
 * reader without 仿宋_GB2312 / 方正小标宋简体 substitutes the free look-alike rather than any font.
 */
async function withFallbackFonts(docx: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(docx);
  const path = 'word/fontTable.xml';
  const xml = (await zip.file(path)?.async('string')) ?? '';
  const declared = (name: string) => xml.includes(`w:name="${name}"`);
  const fonts = [DOCX_FONTS.body, DOCX_FONTS.title]
    .filter((name) => !declared(name))
    .map((name) => `<w:font w:name="${name}"><w:altName w:val="${DOCX_FONTS.fallback}"/><w:charset w:val="86"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>`)
    .join('');
  let next = xml.replace(/<w:font w:name="(仿宋_GB2312|方正小标宋简体)"([^>]*)>/g, `<w:font w:name="$1"$2><w:altName w:val="${DOCX_FONTS.fallback}"/>`);
  // docx writes an empty table as one self-closing element.
  next = next.includes('</w:fonts>') ? next.replace('</w:fonts>', `${fonts}</w:fonts>`) : next.replace(/<w:fonts([^>]*?)\s*\/>\s*$/, `<w:fonts$1>${fonts}</w:fonts>`);
  if (!xml) return docx;
  zip.file(path, next);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
