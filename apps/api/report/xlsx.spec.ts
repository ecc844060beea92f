import { Workbook } from 'exceljs';
import type { ReportTable } from './table';
import { displayWidth, excelDate, printSettings, tablesToXlsx } from './xlsx';

const table = (over: Partial<ReportTable> = {}): ReportTable => ({
  sheet: '表',
  title: 'A&B 处室统计',
  notes: ['说明'],
  columns: [
    { header: '处室', width: 20 },
    { header: '时限', width: 12, type: 'date' },
  ],
  rows: [{ cells: ['大气环境处', '2026-06-30'] }, { cells: ['水生态环境处', ''] }, { cells: ['合计', '待定'], bold: true }],
  ...over,
});

async function read(bytes: Buffer) {
  const book = new Workbook();
  await book.xlsx.load(bytes as unknown as Parameters<typeof book.xlsx.load>[0]);
  return book.getWorksheet('表')!;
}

describe('tablesToXlsx', () => {
  it('writes a date column as real dates (yyyy-mm-dd), empty cells as empty, other text as text', async () => {
    const sheet = await read(await tablesToXlsx([table()], { title: 't', generatedAt: new Date(0) }));
    expect(sheet.getCell('B4').value).toEqual(new Date(Date.UTC(2026, 5, 30)));
    expect(sheet.getCell('B4').numFmt).toBe('yyyy-mm-dd');
    expect(sheet.getCell('B5').value).toBeNull();
    expect(sheet.getCell('B6').value).toBe('待定');
    // Text wider than its column wraps; text that fits does not.
    expect(sheet.getCell('A5').alignment.wrapText ?? false).toBe(false);
    const narrow = await read(await tablesToXlsx([table({ columns: [{ header: '处室', width: 8 }, { header: '时限', width: 12, type: 'date' }] })], { title: 't', generatedAt: new Date(0) }));
    expect(narrow.getCell('A5').alignment.wrapText).toBe(true);
    expect(excelDate('2022-01-01').toISOString()).toBe('2022-01-01T00:00:00.000Z');
  });

  it('prints every sheet fit to the page width with the header row repeated, title and page numbers in header/footer', async () => {
    const sheet = await read(await tablesToXlsx([table()], { title: 't', generatedAt: new Date(0) }));
    // Narrow: A4 portrait.
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' });
    // '&' is a code in a page header: the literal one is doubled.
    expect(sheet.headerFooter).toMatchObject({ oddHeader: '&LA&&B 处室统计', oddFooter: '&C第 &P 页 / 共 &N 页' });
    const wide = table({ columns: Array.from({ length: 12 }, (_, i) => ({ header: `列${i}`, width: 10 })) });
    expect(printSettings(wide)).toEqual({ paper: 'A4', orientation: 'landscape' });
    const a3 = await read(await tablesToXlsx([table({ print: { paper: 'A3', orientation: 'landscape' } })], { title: 't', generatedAt: new Date(0) }));
    expect(a3.pageSetup).toMatchObject({ paperSize: 8, orientation: 'landscape' });
  });
});

describe('displayWidth', () => {
  it('counts CJK characters and full-width punctuation as two', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('水生态环境处（建议）')).toBe(20);
  });
});
