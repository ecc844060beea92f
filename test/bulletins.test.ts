// 督办通报 issues on the real Temporal dev server and PostgreSQL: drafts numbered 第N期 per plan year
// (concurrent drafts too), the 文号 prefix, the summary edited then 签发 by a leader and final after
// that; the DOCX read back with mammoth and its page settings from word/document.xml, the PDF with
// pdf.js (草稿 on a draft's pages, none on the signed one).
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { beijingDate } from '@duban/domain';
import { addPlanMeasure } from './helpers/services';
import { pdfPages } from './helpers/pdf-pages';
import { startTestSystem, type ApiResponse, type TestSystem } from './helpers/system';

jest.setTimeout(120_000);

let system: TestSystem;
const tokens: Record<string, string> = {};
/** A plan year no other suite drafts bulletins for. */
const OTHER_YEAR = 2019;

beforeAll(async () => {
  system = await startTestSystem('bulletins');
  for (const user of ['admin', 'leader1', 'supervisor1', 'water.head', 'water.staff1']) tokens[user] = await system.login(user);
  await addPlanMeasure(system.dataSource, 'water', OTHER_YEAR);
}, 60_000);

afterAll(() => system?.stop());

const call = (method: string, path: string, user: string, body?: unknown) => system.call(method, path, { token: tokens[user], body });

async function download(path: string, user: string): Promise<{ status: number; type: string | null; disposition: string | null; bytes: Buffer }> {
  const response = await fetch(`${system.baseUrl}${path}`, { headers: { authorization: `Bearer ${tokens[user]}` } });
  return { status: response.status, type: response.headers.get('content-type'), disposition: response.headers.get('content-disposition'), bytes: Buffer.from(await response.arrayBuffer()) };
}

const ok = (r: ApiResponse) => {
  if (r.status !== 200 && r.status !== 201) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};

describe('督办通报 issues', () => {
  let june: Record<string, unknown>;

  it('numbers drafts 第1期, 第2期 per plan year with the year’s 文号 prefix; a month is drafted once', async () => {
    expect(ok(await call('GET', '/bulletins/settings/2022', 'supervisor1'))).toMatchObject({ prefix: '督办', issuer: '青岛市生态环境局', nextIssue: 1, saved: false });
    expect(await call('PUT', '/bulletins/settings/2022', 'supervisor1', { prefix: '青环督', issuer: '青岛市生态环境局' })).toMatchObject({ status: 403, body: { code: 'NOT_ALLOWED' } });
    expect(await call('PUT', '/bulletins/settings/2022', 'admin', { prefix: '青环督〔2022〕', issuer: '青岛市生态环境局' })).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(ok(await call('PUT', '/bulletins/settings/2022', 'admin', { prefix: '青环督', issuer: '青岛市生态环境局' }))).toMatchObject({
      prefix: '青环督',
      nextDocumentNumber: '青环督〔2022〕1号',
      saved: true,
    });

    june = ok(await call('POST', '/bulletins', 'supervisor1', { year: 2022, month: '2022-06' }));
    expect(june).toMatchObject({ year: 2022, month: '2022-06', issue: 1, issueLabel: '第1期', documentNumber: '青环督〔2022〕1号', status: 'draft', statusLabel: '草稿', asOf: '2022-06-30' });
    expect(june.summary).toMatch(/^截至2022年6月30日，《青岛市生态环境局2022年工作要点》确定的\d+项重点工作任务中，已办结\d+项/);
    expect(june.title).toBe('关于2022年6月重点工作推进情况的通报');

    const july = ok(await call('POST', '/bulletins', 'leader1', { month: '2022-07' }));
    expect(july).toMatchObject({ issue: 2, documentNumber: '青环督〔2022〕2号' });

    const again = await call('POST', '/bulletins', 'admin', { year: 2022, month: '2022-06' });
    expect(again).toMatchObject({ status: 409, body: { code: 'BULLETIN_EXISTS' } });
    expect(again.body.message).toBe('2022年6月的督办通报已起草（第1期，青环督〔2022〕1号，草稿），不能重复起草');

    // Another plan year has numbers of its own, and the defaults (its title names no issuing unit).
    const other = ok(await call('POST', '/bulletins', 'supervisor1', { year: OTHER_YEAR, month: `${OTHER_YEAR}-05` }));
    expect(other).toMatchObject({ year: OTHER_YEAR, issue: 1, issueLabel: '第1期', documentNumber: `督办〔${OTHER_YEAR}〕1号`, issuer: '督查督办办公室' });

    const list = ok(await call('GET', '/bulletins?year=2022', 'water.head'));
    expect((list.bulletins as Array<{ issue: number }>).map((b) => b.issue)).toEqual([2, 1]);
  });

  it('gives concurrent drafts distinct numbers without gaps; of two drafts of one month only one is stored', async () => {
    const months = ['2022-08', '2022-09', '2022-10', '2022-11', '2022-12'];
    const drafted = await Promise.all(months.map((month) => call('POST', '/bulletins', 'supervisor1', { year: 2022, month })));
    expect(drafted.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const issues = drafted.map((r) => ok(r).issue as number).sort((a, b) => a - b);
    expect(issues).toEqual([3, 4, 5, 6, 7]);
    const byMonth = new Map(drafted.map((r) => [r.body.month, r.body.documentNumber]));
    expect(new Set(byMonth.values()).size).toBe(5);

    const twice = await Promise.all([1, 2].map(() => call('POST', '/bulletins', 'supervisor1', { year: 2022, month: '2023-01' })));
    expect(twice.map((r) => r.status).sort()).toEqual([201, 409]);
    const stored = twice.filter((r) => r.status === 201);
    const refused = twice.filter((r) => r.status === 409);
    expect(refused[0].body.code).toBe('BULLETIN_EXISTS');
    // The refused draft took no number: the next one is 第9期.
    expect(stored[0].body.issue).toBe(8);
    expect(ok(await call('GET', '/bulletins/settings/2022', 'leader1'))).toMatchObject({ nextIssue: 9, nextDocumentNumber: '青环督〔2022〕9号' });
    const rows: Array<{ issue: number }> = await system.dataSource.query('SELECT issue FROM bulletins WHERE plan_year = 2022 ORDER BY issue');
    expect(rows.map((r) => r.issue)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('refuses bad input with 4xx and a plain message, and anyone the organization does not let act', async () => {
    for (const body of [{ year: 2022, month: '2022-13' }, { year: 2022, month: '2022-6' }, {}, { year: 2022, month: '2099-01' }, { year: 2022, month: '2021-06' }, { month: '2022-06', extra: 1 }]) {
      const r = await call('POST', '/bulletins', 'supervisor1', body);
      expect(r).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
      expect(r.body.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await call('POST', '/bulletins', 'supervisor1', { year: 2005, month: '2005-03' })).toMatchObject({ status: 404, body: { code: 'PLAN_NOT_FOUND' } });
    expect(await call('GET', '/bulletins/999999', 'leader1')).toMatchObject({ status: 404, body: { code: 'BULLETIN_NOT_FOUND' } });
    expect(await call('GET', '/bulletins/abc', 'leader1')).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await call('GET', `/bulletins/${june.id}/document?format=doc`, 'leader1')).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });

    // 承办人 read no bulletins and draft none; heads read them and draft none; only leaders 签发.
    expect(await call('POST', '/bulletins', 'water.staff1', { year: 2022, month: '2022-05' })).toMatchObject({ status: 403, body: { code: 'NOT_ALLOWED' } });
    expect(await call('GET', '/bulletins?year=2022', 'water.staff1')).toMatchObject({ status: 403, body: { code: 'NOT_ALLOWED' } });
    expect(await call('GET', `/bulletins/${june.id}`, 'water.staff1')).toMatchObject({ status: 403, body: { code: 'NOT_ALLOWED' } });
    expect(await call('POST', '/bulletins', 'water.head', { year: 2022, month: '2022-05' })).toMatchObject({ status: 403, body: { code: 'NOT_ALLOWED' } });
    expect(await call('PATCH', `/bulletins/${june.id}`, 'water.head', { summary: '改' })).toMatchObject({ status: 403, body: { code: 'NOT_ALLOWED' } });
    for (const user of ['supervisor1', 'admin', 'water.head']) {
      expect(await call('POST', `/bulletins/${june.id}/sign`, user)).toMatchObject({ status: 403, body: { code: 'NOT_ALLOWED' } });
    }
    expect(ok(await call('GET', `/bulletins/${june.id}`, 'water.head'))).toMatchObject({ status: 'draft' });
  });

  it('edits a draft’s summary (audited), prints it watermarked 草稿, 签发 by a leader, then keeps it final', async () => {
    const id = june.id as number;
    const summary = `${june.summary as string}\n经研究，请水生态环境处于7月15日前报送整改情况。`;
    expect(await call('PATCH', `/bulletins/${id}`, 'supervisor1', { summary: ' \n ' })).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', message: '通报正文不能为空' } });
    expect(ok(await call('PATCH', `/bulletins/${id}`, 'supervisor1', { summary }))).toMatchObject({ summary, editedBy: 'supervisor1', status: 'draft' });

    // The draft as DOCX: the 版头, numbers, the edited summary, no 签发人 yet, the 草稿 mark; GB/T 9704 page.
    const draftDocx = await download(`/bulletins/${id}/document?format=docx`, 'water.head');
    expect(draftDocx).toMatchObject({ status: 200, type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
    expect(draftDocx.disposition).toContain("filename*=UTF-8''");
    const draftText = (await mammoth.extractRawText({ buffer: draftDocx.bytes })).value;
    for (const part of ['督办通报', '第1期', '青环督〔2022〕1号', '关于2022年6月重点工作推进情况的通报', '局机关各处室：', '经研究，请水生态环境处于7月15日前报送整改情况。', '签发人：（待局领导签发）', '草稿', '附表1', '合计']) {
      expect(draftText).toContain(part);
    }
    const xml = await (await JSZip.loadAsync(draftDocx.bytes)).file('word/document.xml')!.async('string');
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(xml).toMatch(/w:eastAsia="仿宋_GB2312"[^>]*\/><w:sz w:val="32"\/>|<w:rFonts[^>]*w:eastAsia="仿宋_GB2312"[^>]*\/>(<[^>]+>)*<w:sz w:val="32"\/>/);

    // The draft as PDF: 草稿 on every page, the 期号 and the figures.
    const draftPdf = await download(`/bulletins/${id}/document?format=pdf`, 'supervisor1');
    expect(draftPdf).toMatchObject({ status: 200, type: 'application/pdf' });
    const pages = await pdfPages(draftPdf.bytes);
    expect(pages.length).toBeGreaterThan(0);
    for (const page of pages) expect(page).toMatchObject({ width: 595, height: 842, text: expect.stringContaining('草稿') });
    const pdfText = pages.map((p) => p.text).join('');
    expect(pdfText).toContain('第1期');
    expect(pdfText).toContain('青环督〔2022〕1号');
    const departments = june.departments as Array<{ department: string; measures: number }>;
    expect(departments.length).toBeGreaterThan(0);
    expect(pdfText).toContain(departments[0].department);
    expect(pdfText).toContain(`${departments.reduce((n, d) => n + d.measures, 0)}`);

    // 签发: the leader, today's Beijing date; final from here on.
    const signed = ok(await call('POST', `/bulletins/${id}/sign`, 'leader1'));
    expect(signed).toMatchObject({ status: 'signed', statusLabel: '已签发', signedBy: 'leader1', signedByName: '周明远', signedOn: beijingDate(Date.now()) });
    const edit = await call('PATCH', `/bulletins/${id}`, 'supervisor1', { summary: '改写' });
    expect(edit).toMatchObject({ status: 409, body: { code: 'BULLETIN_SIGNED' } });
    expect(edit.body.message).toMatch(/^第1期督办通报已于\d{4}年\d{1,2}月\d{1,2}日签发，已成定稿，不能再修改$/);
    expect(await call('POST', `/bulletins/${id}/sign`, 'leader1')).toMatchObject({ status: 409, body: { code: 'BULLETIN_SIGNED' } });
    expect(ok(await call('GET', `/bulletins/${id}`, 'admin'))).toMatchObject({ summary, status: 'signed' });
    // Even straight SQL cannot change a signed issue.
    await expect(system.dataSource.query(`UPDATE bulletins SET summary = 'x' WHERE id = $1`, [id])).rejects.toThrow(/signed and final/);

    const signedDocx = await download(`/bulletins/${id}/document?format=docx`, 'leader1');
    const signedText = (await mammoth.extractRawText({ buffer: signedDocx.bytes })).value;
    expect(signedText).toContain(`签发人：周明远`);
    expect(signedText).not.toContain('草稿');
    const signedPages = await pdfPages((await download(`/bulletins/${id}/document?format=pdf`, 'leader1')).bytes);
    for (const page of signedPages) expect(page.text).not.toContain('草稿');
    expect(signedPages.map((p) => p.text).join('')).toContain('签发人：周明远');

    const audit: Array<{ action: string; actor_id: string }> = await system.dataSource.query(
      `SELECT action, actor_id FROM admin_audit_log WHERE target = $1 ORDER BY id`,
      [`bulletin:${id}`],
    );
    expect(audit.map((a) => [a.action, a.actor_id])).toEqual([
      ['bulletin.draft', 'supervisor1'],
      ['bulletin.edit', 'supervisor1'],
      ['bulletin.export', 'water.head'],
      ['bulletin.export', 'supervisor1'],
      ['bulletin.sign', 'leader1'],
      ['bulletin.export', 'leader1'],
      ['bulletin.export', 'leader1'],
    ]);
  });
});
