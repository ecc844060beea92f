// 佐证材料 as real uploads on the real dev server and PostgreSQL: stored with their SHA-256, cited by
// commands, downloaded byte for byte, refused clearly when too large, empty, foreign or out of scope.
import { createHash, randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { daysFromNow, uniqueMeasureCode } from './helpers/services';
import { startTestSystem, type TestSystem } from './helpers/system';

let system: TestSystem & { taskQueue: string };
const tokens: Record<string, string> = {};
jest.setTimeout(60_000);

beforeAll(async () => {
  system = await startTestSystem('evidence');
  for (const user of ['admin', 'leader1', 'climate.head', 'climate.staff1', 'climate.staff2', 'nuclear.staff1', 'supervisor1']) tokens[user] = await system.login(user);
}, 60_000);

afterAll(() => system?.stop());

const post = (path: string, user: string, body: unknown = {}) => system.call('POST', path, { token: tokens[user], body });
const get = (path: string, user: string) => system.call('GET', path, { token: tokens[user] });

async function upload(measureId: string, user: string, name: string, bytes: Buffer | undefined, type = 'application/pdf') {
  const form = new FormData();
  if (bytes) form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  else form.append('note', 'no file here');
  const response = await fetch(`${system.baseUrl}/measures/${measureId}/evidence`, { method: 'POST', headers: { authorization: `Bearer ${tokens[user]}` }, body: form });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A measure of the climate department assigned to climate.staff1 and accepted. */
async function assignedMeasure(): Promise<string> {
  const id = `2026-${uniqueMeasureCode()}`;
  expect((await post(`/measures/${id}/start`, 'admin')).status).toBe(200);
  // A measure outside any plan has no department yet: a bureau leader (局领导) gives it one.
  expect((await post(`/measures/${id}/assign`, 'leader1', { assigneeId: 'climate.staff1', leadDepartment: 'climate', dueDate: daysFromNow(60) })).status).toBe(200);
  expect((await post(`/measures/${id}/accept`, 'climate.staff1')).status).toBe(200);
  return id;
}

const evidenceRows = async (measureId: string): Promise<number> =>
  Number((await system.dataSource.query('SELECT count(*) AS n FROM evidence_files WHERE measure_id = $1', [measureId]))[0].n);

describe('evidence uploads', () => {
  it('stores a file with its hash, lets commands cite it and gives the same bytes back', async () => {
    const id = await assignedMeasure();
    const bytes = Buffer.from('%PDF-1.7 验收报告 ' + 'x'.repeat(50_000));
    const uploaded = await upload(id, 'climate.staff1', '生态修复验收报告（2026）.pdf', bytes);
    expect(uploaded).toMatchObject({
      status: 201,
      body: { measureId: id, fileName: '生态修复验收报告（2026）.pdf', contentType: 'application/pdf', sizeBytes: bytes.length, uploadedBy: 'climate.staff1' },
    });
    expect(uploaded.body.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    const fileId = uploaded.body.id as string;

    const reported = await post(`/measures/${id}/progress`, 'climate.staff1', { percent: 50, note: '完成一半', evidence: [fileId, '纸质材料已报送办公室'] });
    expect(reported).toMatchObject({ status: 200, body: { progress: { evidence: [fileId, '纸质材料已报送办公室'] } } });

    const detail = await get(`/measures/${id}`, 'climate.head');
    expect(detail.body.evidenceFiles).toEqual([expect.objectContaining({ id: fileId, fileName: '生态修复验收报告（2026）.pdf', downloadUrl: `/evidence/${fileId}` })]);
    expect((await get(`/measures/${id}/evidence`, 'supervisor1')).body).toEqual([expect.objectContaining({ id: fileId })]);

    const download = await fetch(`${system.baseUrl}/evidence/${fileId}`, { headers: { authorization: `Bearer ${tokens['climate.head']}` } });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('x-content-sha256')).toBe(uploaded.body.sha256);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="evidence-${fileId}.pdf"; filename*=UTF-8''${encodeURIComponent('生态修复验收报告（2026）.pdf')}`,
    );
  });

  it('keeps an uploaded page from running in the app: always an attachment, never sniffed', async () => {
    const id = await assignedMeasure();
    const uploaded = await upload(id, 'climate.staff1', 'page.html', Buffer.from('<script>alert(1)</script>'), 'text/html');
    const download = await fetch(`${system.baseUrl}/evidence/${uploaded.body.id as string}`, { headers: { authorization: `Bearer ${tokens['climate.staff1']}` } });
    expect(download.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('refuses uploads that are empty, missing, too large, out of scope or by someone else, writing nothing', async () => {
    const id = await assignedMeasure();
    expect(await upload(id, 'climate.staff1', 'empty.pdf', Buffer.alloc(0))).toMatchObject({ status: 422, body: { code: 'EVIDENCE_EMPTY' } });
    expect(await upload(id, 'climate.staff1', '', undefined)).toMatchObject({ status: 415, body: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
    const tooLarge = await upload(id, 'climate.staff1', 'huge.bin', Buffer.alloc(20 * 1024 * 1024 + 1, 1));
    expect(tooLarge).toMatchObject({ status: 413, body: { code: 'PAYLOAD_TOO_LARGE', message: '单个佐证材料不能超过 20 MB' } });
    // Another department's staff may not see the measure's work (403 无权查看); a colleague who is not the assignee may not add to it.
    expect(await upload(id, 'nuclear.staff1', 'a.pdf', Buffer.from('x'))).toMatchObject({ status: 403, body: { code: 'MEASURE_NOT_VISIBLE' } });
    expect(await upload(id, 'climate.staff2', 'a.pdf', Buffer.from('x'))).toMatchObject({ status: 403, body: { code: 'NOT_ALLOWED' } });
    expect(await upload('2026-bad id', 'climate.staff1', 'a.pdf', Buffer.from('x'))).toMatchObject({ status: 400 });
    expect(await evidenceRows(id)).toBe(0);
  });

  it('still takes the rectification evidence of a finding open on a cancelled measure, from its assignee only', async () => {
    const id = await assignedMeasure();
    expect((await post(`/measures/${id}/inspections`, 'supervisor1', { findings: [{ description: '台账缺页', dueDate: daysFromNow(20) }] })).status).toBe(200);
    for (let i = 0; i < 50 && Number((await system.dataSource.query('SELECT count(*)::int AS n FROM findings WHERE measure_id = $1', [id]))[0].n) === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((await post(`/measures/${id}/cancel`, 'admin', { reason: '任务调整' })).status).toBe(200);
    expect(await upload(id, 'climate.staff1', '整改材料.pdf', Buffer.from('fix'))).toMatchObject({ status: 201 });
    expect(await upload(id, 'climate.head', '补充.pdf', Buffer.from('late'))).toMatchObject({ status: 409, body: { code: 'MEASURE_WRONG_STATE' } });
    expect(await evidenceRows(id)).toBe(1);
  });

  it('refuses a command citing a file that is not the measure’s, and records nothing', async () => {
    const id = await assignedMeasure();
    const other = await assignedMeasure();
    const foreign = (await upload(other, 'climate.staff1', 'other.pdf', Buffer.from('other'))).body.id as string;
    const eventsBefore = (await get(`/measures/${id}`, 'climate.head')).body.events as unknown[];
    for (const evidence of [[foreign], ['00000000-0000-4000-8000-000000000000']]) {
      const refused = await post(`/measures/${id}/progress`, 'climate.staff1', { percent: 10, evidence });
      expect(refused).toMatchObject({ status: 404, body: { code: 'EVIDENCE_NOT_FOUND' } });
      expect(refused.body.message).toContain('请重新上传');
      expect(await post(`/measures/${id}/submit`, 'climate.staff1', { evidence })).toMatchObject({ status: 404, body: { code: 'EVIDENCE_NOT_FOUND' } });
    }
    expect((await get(`/measures/${id}`, 'climate.head')).body.events).toHaveLength(eventsBefore.length);
  });

  it('lets a rectification cite uploaded files and hides files of measures out of scope', async () => {
    const id = await assignedMeasure();
    const inspected = await post(`/measures/${id}/inspections`, 'supervisor1', { findings: [{ description: '台账不完整', dueDate: daysFromNow(20) }] });
    expect(inspected.status).toBe(200);
    const findingId = (inspected.body.findings as Array<{ findingId: string }>)[0].findingId;
    const fileId = (await upload(id, 'climate.staff1', '整改照片.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg')).body.id as string;
    expect(await post(`/findings/${findingId}/rectification`, 'climate.staff1', { note: '已补齐台账', evidence: [fileId] })).toMatchObject({ status: 200, body: { status: 'submitted' } });
    expect(await post(`/findings/${findingId}/rectification`, 'climate.staff1', { note: 'x', evidence: ['00000000-0000-4000-8000-000000000000'] })).toMatchObject({
      status: 404,
      body: { code: 'EVIDENCE_NOT_FOUND' },
    });
    expect(await get(`/evidence/${fileId}`, 'nuclear.staff1')).toMatchObject({ status: 404, body: { code: 'EVIDENCE_NOT_FOUND' } });
    // The measure's work is scoped (403, its existence is no secret); a file of it does not exist for an outsider (404).
    expect(await get(`/measures/${id}/evidence`, 'nuclear.staff1')).toMatchObject({ status: 403, body: { code: 'MEASURE_NOT_VISIBLE' } });
    expect(await get('/evidence/not-a-uuid', 'climate.staff1')).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
  });

  it('lets whoever must rectify an open finding upload, even after the measure was reassigned', async () => {
    const id = await assignedMeasure();
    expect((await post(`/measures/${id}/inspections`, 'supervisor1', { findings: [{ description: '公示不到位', dueDate: daysFromNow(20) }] })).status).toBe(200);
    expect((await post(`/measures/${id}/reassign`, 'climate.head', { assigneeId: 'climate.staff2', leadDepartment: 'climate', dueDate: daysFromNow(60) })).status).toBe(200);
    // The finding keeps its assignee (climate.staff1), who must be able to attach the rectification's evidence.
    for (let i = 0; i < 50 && Number((await system.dataSource.query('SELECT count(*)::int AS n FROM findings WHERE measure_id = $1', [id]))[0].n) === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await upload(id, 'climate.staff1', '整改前后对比.jpg', Buffer.from([0xff, 0xd8, 0xff]), 'image/jpeg')).toMatchObject({ status: 201 });
    expect(await upload(id, 'climate.staff2', '新承办人材料.pdf', Buffer.from('pdf'))).toMatchObject({ status: 201 });
  });

  it('never changes a stored file: the table refuses updates and deletes', async () => {
    const id = await assignedMeasure();
    await upload(id, 'climate.staff1', 'a.txt', Buffer.from('原件'), 'text/plain');
    await expect(system.dataSource.query(`UPDATE evidence_files SET content = 'fake' WHERE measure_id = $1`, [id])).rejects.toThrow(/append-only/);
    await expect(system.dataSource.query(`DELETE FROM evidence_files WHERE measure_id = $1`, [id])).rejects.toThrow(/append-only/);
  });

  it('strips bidirectional control characters from file names', async () => {
    const id = await assignedMeasure();
    const sneaky = '验收报告\u202Efdp.exe\u2066\u2067\u2068\u2069\u200E\u200F\u061C\u202A\u202B\u202C\u202D';
    const uploaded = await upload(id, 'climate.staff1', sneaky, Buffer.from('MZ'), 'application/octet-stream');
    expect(uploaded).toMatchObject({ status: 201, body: { fileName: '验收报告fdp.exe' } });
    const [row] = await system.dataSource.query('SELECT file_name FROM evidence_files WHERE id = $1', [uploaded.body.id]);
    expect(row.file_name).toBe('验收报告fdp.exe');
  });

  it('refuses an upload to a completed or cancelled measure with 409', async () => {
    const id = await assignedMeasure();
    expect((await post(`/measures/${id}/cancel`, 'admin', { reason: '任务调整' })).status).toBe(200);
    for (let i = 0; i < 50 && (await system.dataSource.query('SELECT state FROM measure_states WHERE measure_id = $1', [id]))[0]?.state !== 'cancelled'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const refused = await upload(id, 'climate.staff1', '补充材料.pdf', Buffer.from('late'));
    expect(refused).toMatchObject({ status: 409, body: { code: 'MEASURE_WRONG_STATE', message: '事项当前状态为「已撤销」，不能再上传佐证材料' } });
    expect(await evidenceRows(id)).toBe(0);
  });

  it('keeps each measure within its quota of files and bytes', async () => {
    const id = await assignedMeasure();
    // 99 files on record (seeded directly: uploading them one by one proves nothing more).
    await system.dataSource.query(
      `INSERT INTO evidence_files (id, measure_id, file_name, content_type, size_bytes, sha256, content, uploaded_by)
       SELECT gen_random_uuid(), $1, 'f' || n || '.txt', 'text/plain', 1, repeat('0', 64), '\x30'::bytea, 'climate.staff1' FROM generate_series(1, 99) n`,
      [id],
    );
    expect(await upload(id, 'climate.staff1', '第100个.pdf', Buffer.from('ok'))).toMatchObject({ status: 201 });
    const full = await upload(id, 'climate.staff1', '第101个.pdf', Buffer.from('no'));
    expect(full).toMatchObject({ status: 422, body: { code: 'EVIDENCE_QUOTA_EXCEEDED', details: { files: 100, maxFiles: 100 } } });
    expect(full.body.message).toContain('每个事项最多 100 个、共 200 MB');
    expect(await evidenceRows(id)).toBe(100);

    // Bytes: a measure 1 MB short of 200 MB takes a small file but not a 2 MB one.
    const other = await assignedMeasure();
    await system.dataSource.query(
      `INSERT INTO evidence_files (id, measure_id, file_name, content_type, size_bytes, sha256, content, uploaded_by)
       VALUES ($1, $2, '大文件.bin', 'application/octet-stream', $3, repeat('0', 64), '\x30'::bytea, 'climate.staff1')`,
      [randomUUID(), other, 199 * 1024 * 1024],
    );
    expect(await upload(other, 'climate.staff1', 'small.pdf', Buffer.alloc(1024, 1))).toMatchObject({ status: 201 });
    const tooMuch = await upload(other, 'climate.staff1', 'big.pdf', Buffer.alloc(2 * 1024 * 1024, 1));
    expect(tooMuch).toMatchObject({ status: 422, body: { code: 'EVIDENCE_QUOTA_EXCEEDED' } });
    expect(tooMuch.body.message).toContain('将超出限额');
    expect(await evidenceRows(other)).toBe(2);
  });

  it('refuses someone who may not upload before the body is read', async () => {
    const id = await assignedMeasure();
    /** Sends the headers and the first 64 KB of a 19 MB upload, then waits: the answer must come without the rest. */
    const early = (user: string) =>
      new Promise<{ status: number; body: Record<string, unknown>; ms: number }>((resolve, reject) => {
        const started = Date.now();
        const url = new URL(`${system.baseUrl}/measures/${id}/evidence`);
        const boundary = 'duban-test-boundary';
        const req = httpRequest({
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: {
            authorization: `Bearer ${tokens[user]}`,
            'content-type': `multipart/form-data; boundary=${boundary}`,
            'content-length': String(19 * 1024 * 1024),
          },
        });
        const timer = setTimeout(() => {
          req.destroy();
          reject(new Error('no answer before the body was sent: the body was being read'));
        }, 5_000);
        req.on('response', (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            clearTimeout(timer);
            req.destroy();
            resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>, ms: Date.now() - started });
          });
        });
        req.on('error', (error) => {
          clearTimeout(timer);
          reject(error);
        });
        req.write(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="big.pdf"\r\ncontent-type: application/pdf\r\n\r\n`);
        req.write(Buffer.alloc(64 * 1024, 1));
        // …and the remaining ~19 MB never comes.
      });
    expect(await early('nuclear.staff1')).toMatchObject({ status: 403, body: { code: 'MEASURE_NOT_VISIBLE' } });
    expect(await early('climate.staff2')).toMatchObject({ status: 403, body: { code: 'NOT_ALLOWED' } });
    expect(await evidenceRows(id)).toBe(0);
  });
});
