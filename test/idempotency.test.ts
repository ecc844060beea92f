// Idempotency-Key on commands, over HTTP on the real Temporal dev server and PostgreSQL: a retry
// gets the first answer (success or refusal) and records nothing; a reused key with another body is
// refused (422); concurrent requests with one key run the command once; keys are per user.
import { randomUUID } from 'node:crypto';
import { daysFromNow, uniqueMeasureCode } from './helpers/services';
import { startTestSystem, type TestSystem } from './helpers/system';

let system: TestSystem;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  system = await startTestSystem('idempotency');
  for (const user of ['admin', 'leader1', 'soil.head', 'soil.staff1', 'soil.staff2']) tokens[user] = await system.login(user);
}, 60_000);

afterAll(() => system?.stop());

function post(path: string, user: string, body: unknown = {}, key?: string) {
  return system.call('POST', path, { token: tokens[user], body, headers: key === undefined ? {} : { 'idempotency-key': key } });
}

async function eventCount(id: string, type: string): Promise<number> {
  const [{ n }] = await system.dataSource.query(`SELECT count(*)::int AS n FROM measure_events WHERE measure_id = $1 AND type = $2`, [id, type]);
  return n as number;
}

const assignment = { assigneeId: 'soil.staff1', leadDepartment: 'soil', coDepartments: ['water'], dueDate: daysFromNow(60) };

/** A measure assigned to soil.staff1; accepted unless told otherwise. */
async function ok(response: Promise<{ status: number; body: unknown }>, what: string): Promise<void> {
  const { status, body } = await response;
  if (status !== 200) throw new Error(`${what} answered ${status}: ${JSON.stringify(body)}`);
}

async function measure(options: { accepted?: boolean } = {}): Promise<string> {
  const id = `2026-${uniqueMeasureCode()}`;
  await ok(post(`/measures/${id}/start`, 'admin'), 'start');
  // A measure outside any plan has no suggested department: a 局领导 assigns it (heads act on their own department's).
  await ok(post(`/measures/${id}/assign`, 'leader1', assignment), 'assign');
  if (options.accepted ?? true) await ok(post(`/measures/${id}/accept`, 'soil.staff1'), 'accept');
  return id;
}

describe('Idempotency-Key on commands', () => {
  it('answers a retried progress report with the first answer and records one event', async () => {
    const id = await measure();
    const key = randomUUID();
    const first = await post(`/measures/${id}/progress`, 'soil.staff1', { percent: 40, note: '完成排查' }, key);
    expect(first).toMatchObject({ status: 200, body: { progress: { percent: 40 } } });
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    for (let i = 0; i < 3; i++) {
      const retry = await post(`/measures/${id}/progress`, 'soil.staff1', { note: '完成排查', percent: 40 }, key); // same body, keys reordered
      expect(retry.status).toBe(200);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
    }
    expect(await eventCount(id, 'reportProgress')).toBe(1);
    // Without a key (or with a new one) the same report is a new command.
    expect((await post(`/measures/${id}/progress`, 'soil.staff1', { percent: 40, note: '完成排查' }, randomUUID())).status).toBe(200);
    expect((await post(`/measures/${id}/progress`, 'soil.staff1', { percent: 40, note: '完成排查' })).status).toBe(200);
    expect(await eventCount(id, 'reportProgress')).toBe(3);
  });

  it('replays a refusal too, even once the command would now succeed', async () => {
    const id = await measure({ accepted: false });
    const key = randomUUID();
    const refused = await post(`/measures/${id}/submit`, 'soil.staff1', { note: '已完成' }, key);
    expect(refused).toMatchObject({ status: 409, body: { code: 'MEASURE_WRONG_STATE' } });
    expect((await post(`/measures/${id}/accept`, 'soil.staff1')).status).toBe(200);
    const retry = await post(`/measures/${id}/submit`, 'soil.staff1', { note: '已完成' }, key);
    expect(retry.status).toBe(409);
    expect(retry.body).toEqual(refused.body);
    expect(await eventCount(id, 'submitForReview')).toBe(0);
    // A validation refusal (400) is kept as well.
    const invalid = await post(`/measures/${id}/progress`, 'soil.staff1', { percent: 140 }, key);
    expect(invalid).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await post(`/measures/${id}/progress`, 'soil.staff1', { percent: 140 }, key)).toMatchObject({ status: 400, body: invalid.body });
  });

  it('refuses the same key with another body (422) and records nothing for it', async () => {
    const id = await measure();
    const key = randomUUID();
    expect((await post(`/measures/${id}/progress`, 'soil.staff1', { percent: 40 }, key)).status).toBe(200);
    const reused = await post(`/measures/${id}/progress`, 'soil.staff1', { percent: 60 }, key);
    expect(reused).toMatchObject({ status: 422, body: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    expect(reused.body.message).toMatch(/不同/);
    expect(await eventCount(id, 'reportProgress')).toBe(1);
    // The key belongs to one route and entity: the same key on another command or measure is independent.
    expect((await post(`/measures/${id}/submit`, 'soil.staff1', {}, key)).status).toBe(200);
  });

  it('runs the command once when requests with the same key arrive together', async () => {
    const id = await measure();
    const key = randomUUID();
    const results = await Promise.all(Array.from({ length: 8 }, () => post(`/measures/${id}/progress`, 'soil.staff1', { percent: 55 }, key)));
    const statuses = results.map((r) => `${r.status} ${(r.body.code as string | undefined) ?? ''}`.trim());
    expect(statuses.filter((s) => s === '200').length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === '200' || s === '409 IDEMPOTENCY_KEY_IN_FLIGHT')).toBe(true);
    expect(results.filter((r) => r.status === 200 && r.headers.get('idempotent-replayed') === null)).toHaveLength(1);
    expect(await eventCount(id, 'reportProgress')).toBe(1);
    // Once the first has answered, a retry gets its answer.
    const first = results.find((r) => r.status === 200 && r.headers.get('idempotent-replayed') === null)!;
    expect((await post(`/measures/${id}/progress`, 'soil.staff1', { percent: 55 }, key)).body).toEqual(first.body);
  });

  it('keeps the keys of different users apart', async () => {
    const id = await measure();
    const key = randomUUID();
    expect((await post(`/measures/${id}/progress`, 'soil.staff1', { percent: 30 }, key)).status).toBe(200);
    // Another user with the same key is not answered with soil.staff1's success: their own command runs.
    expect(await post(`/measures/${id}/progress`, 'soil.staff2', { percent: 30 }, key)).toMatchObject({ status: 403, body: { code: 'MEASURE_WRONG_PERSON' } });
    expect(await eventCount(id, 'reportProgress')).toBe(1);
  });

  it('refuses a malformed key with 400', async () => {
    const id = await measure();
    for (const key of ['x'.repeat(256), 'two words', '']) {
      expect(await post(`/measures/${id}/progress`, 'soil.staff1', { percent: 10 }, key)).toMatchObject({ status: 400, body: { code: 'IDEMPOTENCY_KEY_INVALID' } });
    }
    expect((await post(`/measures/${id}/progress`, 'soil.staff1', { percent: 10 }, 'k'.repeat(255))).status).toBe(200);
    expect(await eventCount(id, 'reportProgress')).toBe(1);
  });

  it('documents the header on the command operations', async () => {
    const document = (await system.call('GET', '/docs-json')).body as { paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }> }>> };
    const header = (path: string, method: string) => document.paths[path]?.[method]?.parameters?.some((p) => p.in === 'header' && p.name === 'Idempotency-Key');
    expect(header('/measures/{id}/progress', 'post')).toBe(true);
    expect(header('/findings/{id}/verification', 'post')).toBe(true);
    expect(header('/auth/login', 'post')).toBeFalsy();
    expect(header('/measures/{id}', 'get')).toBeFalsy();
  });
});
