// Plan import into the real PostgreSQL: the seeded 2022 plan, idempotent re-import, changes
// reported, bad input refused with nothing written.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PlanRepository } from '@duban/db';
import { parsePlan } from '@duban/plan-parser';
import { syntheticPlan } from '../bench/synthetic-plan';
import { startTestSystem, type TestSystem } from './helpers/system';

const seedText = fs.readFileSync(path.join(__dirname, '..', 'seeds', 'qingdao-2022-work-plan.txt'), 'utf8');
let system: TestSystem;
let admin: string;

beforeAll(async () => {
  system = await startTestSystem('plans');
  admin = await system.login('admin');
}, 60_000);

afterAll(() => system?.stop());

const importText = (text: string | Buffer, token = admin) =>
  system.call('POST', '/plans/import', { token, body: text as string, headers: { 'content-type': 'text/plain; charset=utf-8' } });

/** The seed moved to another year, so these tests own their plan. */
function planForYear(year: number, edit: (text: string) => string = (t) => t): string {
  return edit(seedText.replaceAll('2022年工作要点', `${year}年工作要点`));
}

describe('plan import', () => {
  it('seeded the 2022 plan: 6 targets, 5 chapters, 17 sections, 57 measures with suggested leads', async () => {
    const counts = await new PlanRepository(system.dataSource).countPlanRows(2022);
    expect(counts).toMatchObject({ targets: 6, chapters: 5, sections: 17, measures: 57 });
    const token = await system.login('air.head');
    const tree = await system.call('GET', '/plans/2022', { token });
    expect(tree.status).toBe(200);
    const chapters = tree.body.chapters as Array<{ code: string; sections: Array<{ code: string; measures: Array<{ code: string; title: string; suggestedDepartmentCode: string; quantities: unknown[] }> }> }>;
    const first = chapters[0].sections[0].measures[0];
    expect(first).toMatchObject({ code: '2.1.1', title: '深化挥发性有机物治理攻坚', suggestedDepartmentCode: 'air' });
    const rural = chapters.flatMap((c) => c.sections.flatMap((s) => s.measures)).find((m) => m.code === '2.2.6');
    expect(rural?.quantities).toEqual(
      expect.arrayContaining([expect.objectContaining({ value: 600, unit: '个' }), expect.objectContaining({ value: 82, unit: '处' })]),
    );
    const targets = tree.body.targets as Array<{ code: string; quantities: Array<{ value: number; unit: string }> }>;
    expect(targets.map((t) => t.code)).toEqual(['1.1', '1.2', '1.3', '1.4', '1.5', '1.6']);
    expect(targets[1].quantities).toEqual(expect.arrayContaining([expect.objectContaining({ value: 16, unit: '处' }), expect.objectContaining({ value: 100, unit: '%' })]));
  });

  it('re-importing the same document changes nothing', async () => {
    // Through the repository: the API would also start the 2022 workflows on this suite's task
    // queue, stranding them for the other suites that drive seeded 2022 measures.
    const report = await new PlanRepository(system.dataSource).importPlan(parsePlan(seedText));
    expect(report).toMatchObject({ year: 2022, createdPlan: false, created: [], updated: [], missing: [], unchanged: 6 + 5 + 17 + 57 });
    const again = await importText(planForYear(2033));
    expect(again).toMatchObject({ status: 200, body: { year: 2033, createdPlan: true, workflows: 57 } });
    const repeat = await importText(planForYear(2033));
    expect(repeat).toMatchObject({ status: 200, body: { createdPlan: false, created: [], updated: [], unchanged: 6 + 5 + 17 + 57 } });
  });

  it('imports a new year, then reports exactly what a changed document changed', async () => {
    const first = await importText(planForYear(2031));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ year: 2031, createdPlan: true, updated: [] });
    expect((first.body.created as unknown[]).length).toBe(6 + 5 + 17 + 57);

    const changed = planForYear(2031, (t) =>
      t.replace('1.深化挥发性有机物治理攻坚。', '1.全面深化挥发性有机物治理攻坚。').replace('新完成农村生活污水治理村庄600个', '新完成农村生活污水治理村庄650个'),
    );
    const second = await importText(changed);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ createdPlan: false, created: [], missing: [] });
    expect(second.body.updated).toEqual(
      expect.arrayContaining([
        { kind: 'measure', code: '2.1.1', fields: ['title'] },
        { kind: 'measure', code: '2.2.6', fields: ['body', 'quantities'] },
      ]),
    );
    expect((second.body.updated as unknown[]).length).toBe(2);
    const stored = await new PlanRepository(system.dataSource).listMeasures(2031);
    expect(stored.find((m) => m.code === '2.1.1')?.title).toBe('全面深化挥发性有机物治理攻坚');
    // Each import is on the admin audit stream: who, which document (its SHA-256), what it changed.
    const audited: Array<{ actor_id: string; after: { sha256: string; report: { updated: unknown[] } } }> = await system.dataSource.query(
      `SELECT actor_id, after FROM admin_audit_log WHERE action = 'plan.import' AND target = 'plan:2031' ORDER BY id`,
    );
    expect(audited.map((a) => [a.actor_id, a.after.sha256, a.after.report.updated.length])).toEqual([
      ['admin', createHash('sha256').update(planForYear(2031)).digest('hex'), 0],
      ['admin', createHash('sha256').update(changed).digest('hex'), 2],
    ]);
  });

  it('accepts a multipart upload', async () => {
    const form = new FormData();
    form.append('file', new Blob([planForYear(2032)], { type: 'text/plain' }), 'plan.txt');
    const response = await fetch(`${system.baseUrl}/plans/import`, { method: 'POST', headers: { authorization: `Bearer ${admin}` }, body: form });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ year: 2032, createdPlan: true });
  });

  it('refuses unreadable documents with a clear error and writes nothing', async () => {
    const before = await new PlanRepository(system.dataSource).countPlanRows(2037);
    for (const bad of ['', '这是一段与工作计划无关的文字。今天天气很好。', '某局2037年工作要点\n一、总体要求\n做好工作。']) {
      const response = await importText(bad || ' ');
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ code: 'PLAN_UNREADABLE' });
      expect(typeof response.body.message).toBe('string');
    }
    // Bytes of no known format (not text, not .docx/.xlsx/PDF): 415, see test/plan-formats.test.ts.
    const binary = await system.call('POST', '/plans/import', { token: admin, body: '\u0000\u0001\u0002PNG', headers: { 'content-type': 'text/plain' } });
    expect(binary).toMatchObject({ status: 415, body: { code: 'PLAN_FORMAT_UNSUPPORTED' } });
    expect(await new PlanRepository(system.dataSource).countPlanRows(2037)).toEqual(before);
    expect((await system.dataSource.query(`SELECT 1 FROM admin_audit_log WHERE action = 'plan.import' AND target = 'plan:2037'`)).length).toBe(0);
  });

  it('rejects a document over 50 MB with 413, a missing body with 415, and a bad year with 400', async () => {
    const huge = planForYear(2034) + '\n'.repeat(50 * 1024 * 1024);
    expect(await importText(huge)).toMatchObject({ status: 413, body: { code: 'PAYLOAD_TOO_LARGE' } });
    const form = new FormData();
    form.append('file', new Blob([huge], { type: 'text/plain' }), 'big.txt');
    const multipart = await fetch(`${system.baseUrl}/plans/import`, { method: 'POST', headers: { authorization: `Bearer ${admin}` }, body: form });
    expect(multipart.status).toBe(413);
    expect(await system.call('POST', '/plans/import', { token: admin })).toMatchObject({ status: 415, body: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
    expect(await new PlanRepository(system.dataSource).countPlanRows(2034)).toMatchObject({ measures: 0 });
    expect(await system.call('GET', '/plans/abc', { token: admin })).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await system.call('GET', '/plans/2099', { token: admin })).toMatchObject({ status: 404, body: { code: 'PLAN_NOT_FOUND' } });
  }, 60_000);

  it('imports a plan of 9,000 measures in one transaction (beyond one INSERT statement of parameters)', async () => {
    const { plan } = syntheticPlan(2038, 9_000);
    const report = await new PlanRepository(system.dataSource).importPlan(plan);
    expect(report.counts.measures).toBe(9_000);
    expect(await new PlanRepository(system.dataSource).countPlanRows(2038)).toMatchObject({ measures: 9_000 });
  }, 60_000);
});
