// POST /plans/import with the formats bureaus publish, on the real stack: a .docx and a PDF of the
// 2022 plan (moved to years of their own), a 任务分解表 workbook, and the refusals — a scanned PDF,
// an unknown or damaged file, an upload over 50 MB — each with a stable code and nothing written.
import * as fs from 'node:fs';
import * as path from 'node:path';
import JSZip from 'jszip';
import { PlanRepository } from '@duban/db';
import { parsePlan } from '@duban/plan-parser';
import { PLAN_DOCUMENT_MAX_BYTES } from '@duban/plan-reader';
import { planDocx, planPdf, scannedPdf, taskXlsx } from '../libs/plan-reader/fixtures/build';
import { TRANSPORT_TABLE, TRANSPORT_TITLE } from '../libs/plan-reader/fixtures/plans';
import { PLAN_UPLOAD_LIMIT_BYTES } from '../apps/api/plan/plan.dto';
import { startTestSystem, type TestSystem } from './helpers/system';

const seedText = fs.readFileSync(path.join(__dirname, '..', 'seeds', 'qingdao-2022-work-plan.txt'), 'utf8');
const planForYear = (year: number) => seedText.replaceAll('2022年工作要点', `${year}年工作要点`);
const seedCodes = parsePlan(seedText).chapters.flatMap((c) => c.sections.flatMap((s) => s.measures.map((m) => `${m.code} ${m.title}`)));

let system: TestSystem;
let admin: string;

beforeAll(async () => {
  system = await startTestSystem('plan-formats');
  admin = await system.login('admin');
}, 60_000);

afterAll(() => system?.stop());

/** A multipart upload; the file name says nothing true about the content on purpose. */
async function upload(bytes: Uint8Array, token = admin, name = 'upload.bin') {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/octet-stream' }), name);
  const send = () => fetch(`${system.baseUrl}/plans/import`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  // Building a fixture can outlast the server's keep-alive timeout on a busy machine: a pooled
  // connection it closed meanwhile resets on reuse, before any request reached the server.
  const response = await send().catch((error: unknown) => {
    if ((error as { cause?: { code?: string } }).cause?.code === 'ECONNRESET') return send();
    throw error;
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function storedCodes(year: number): Promise<string[]> {
  const measures = await new PlanRepository(system.dataSource).listMeasures(year);
  return measures.map((m) => `${m.code} ${m.title}`).sort();
}

describe('POST /plans/import: Word, PDF and Excel plans', () => {
  it('imports the plan as a .docx: the same 57 measures and 6 targets as its text', async () => {
    const response = await upload(await planDocx(planForYear(2051), { autoNumbering: true }), admin, 'plan.pdf');
    expect(response).toMatchObject({ status: 200, body: { year: 2051, createdPlan: true, format: 'docx', workflows: 57 } });
    expect(await new PlanRepository(system.dataSource).countPlanRows(2051)).toMatchObject({ targets: 6, sections: 17, measures: 57 });
    expect(await storedCodes(2051)).toEqual([...seedCodes].sort());
  }, 60_000);

  it('imports the plan as a PDF with a text layer (running header, page numbers): the same plan', async () => {
    const pdf = await planPdf(planForYear(2052), { header: '青岛市生态环境局2052年工作要点', pageNumbers: true });
    const response = await upload(pdf, admin, 'plan.docx');
    expect(response).toMatchObject({ status: 200, body: { year: 2052, createdPlan: true, format: 'pdf', workflows: 57 } });
    expect(await storedCodes(2052)).toEqual([...seedCodes].sort());
    const audited: Array<{ after: { format: string; bytes: number } }> = await system.dataSource.query(`SELECT after FROM admin_audit_log WHERE action = 'plan.import' AND target = 'plan:2052'`);
    expect(audited.map((a) => a.after)).toEqual([expect.objectContaining({ format: 'pdf', bytes: pdf.length })]);
  }, 60_000);

  it('imports a 任务分解表 workbook: each row a measure, its 牵头单位 written with it', async () => {
    const title = TRANSPORT_TITLE.map((line) => line.replace('2024', '2053'));
    const response = await upload(await taskXlsx(title, TRANSPORT_TABLE));
    expect(response).toMatchObject({ status: 200, body: { year: 2053, createdPlan: true, format: 'xlsx', workflows: 3 } });
    const measures = await new PlanRepository(system.dataSource).listMeasures(2053);
    expect(measures.map((m) => m.title).sort()).toEqual(['加快推进国道改建工程，全年完成投资10亿元', '新增新能源公交车300辆', '新改建农村公路200公里'].sort());
    // Who leads is stored with the measure (as the text says it, whichever field keeps it).
    const first = measures.find((m) => m.title.startsWith('加快推进国道改建工程'));
    expect(JSON.stringify(first)).toContain('公路建设处');
    expect(JSON.stringify(first)).toContain('规划处');
  }, 60_000);

  it('answers only to the admin', async () => {
    const head = await system.login('air.head');
    expect(await upload(await planDocx(planForYear(2054)), head)).toMatchObject({ status: 403 });
    expect(await new PlanRepository(system.dataSource).countPlanRows(2054)).toMatchObject({ measures: 0 });
  });
});

describe('POST /plans/import: files that are no readable plan', () => {
  const auditRows = async () => Number((await system.dataSource.query(`SELECT count(*) AS n FROM admin_audit_log WHERE action = 'plan.import'`))[0].n);

  it('a scanned PDF → 422 PLAN_NO_TEXT_LAYER with the plain message; nothing written', async () => {
    const before = await auditRows();
    const response = await upload(await scannedPdf());
    expect(response).toMatchObject({ status: 422, body: { code: 'PLAN_NO_TEXT_LAYER', details: { reason: 'no_text_layer' } } });
    expect(response.body.message).toContain('该 PDF 没有文字层（可能是扫描件），请提供 Word 或可复制文字的 PDF');
    expect(await auditRows()).toBe(before);
  });

  it('an unknown format → 415 PLAN_FORMAT_UNSUPPORTED; a damaged .docx → 400 PLAN_DOCUMENT_DAMAGED; never 500', async () => {
    const zip = new JSZip();
    zip.file('readme.txt', '某局2054年工作要点');
    const archive = await upload(await zip.generateAsync({ type: 'nodebuffer' }), admin, 'plan.docx');
    expect(archive).toMatchObject({ status: 415, body: { code: 'PLAN_FORMAT_UNSUPPORTED' } });
    expect(archive.body.message).toMatch(/^不支持的文件格式/);
    const docx = await planDocx(planForYear(2054));
    expect(await upload(docx.subarray(0, Math.floor(docx.length / 2)))).toMatchObject({ status: 400, body: { code: 'PLAN_DOCUMENT_DAMAGED' } });
    expect(await new PlanRepository(system.dataSource).countPlanRows(2054)).toMatchObject({ measures: 0 });
  });

  it('an upload over 50 MB → 413 PAYLOAD_TOO_LARGE that names the limit (multipart and raw body)', async () => {
    expect(PLAN_UPLOAD_LIMIT_BYTES).toBe(PLAN_DOCUMENT_MAX_BYTES);
    // A real .docx carrying 50 MB of attachments: the document itself, then padding in the ZIP.
    const zip = await JSZip.loadAsync(await planDocx(planForYear(2055)));
    zip.file('word/media/scan.bin', Buffer.alloc(PLAN_UPLOAD_LIMIT_BYTES, 7), { compression: 'STORE' });
    const big = await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
    expect(big.length).toBeGreaterThan(PLAN_UPLOAD_LIMIT_BYTES);
    const multipart = await upload(big);
    expect(multipart).toMatchObject({ status: 413, body: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(multipart.body.message).toContain('50 MB');
    const raw = await system.call('POST', '/plans/import', { token: admin, body: big.toString('latin1'), headers: { 'content-type': 'text/plain' } });
    expect(raw).toMatchObject({ status: 413, body: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(raw.body.message).toContain('50 MB');
    expect(await new PlanRepository(system.dataSource).countPlanRows(2055)).toMatchObject({ measures: 0 });
  }, 60_000);
});
