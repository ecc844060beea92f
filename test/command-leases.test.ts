// The per-measure command lease (command_leases) on the real PostgreSQL, with two MeasureRepository
// instances standing for two API processes: taken in the statement that reads the authority facts,
// taken over at once by the same process's next command of the measure, given back together a
// moment after the command, never held by two processes at once, and kept under a name of its own
// (the same process waits too) while an Update is still in flight past its deadline.
import type { DataSource } from 'typeorm';
import { CommandBusyError, createDataSource, MeasureRepository, migrate, type MeasureAuthorityFacts } from '@duban/db';
import { testServices } from './helpers/services';
import { createIsolatedDatabase } from './helpers/time-skipping';

jest.setTimeout(60_000);

let dataSource: DataSource;
let otherSource: DataSource;

beforeAll(async () => {
  const databaseUrl = await createIsolatedDatabase(testServices().databaseUrl, 'command_leases');
  dataSource = createDataSource(databaseUrl);
  await dataSource.initialize();
  await migrate(dataSource);
  otherSource = createDataSource(databaseUrl);
  await otherSource.initialize();
});

afterAll(async () => {
  await otherSource?.destroy();
  await dataSource?.destroy();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const leases = async (measureId: string): Promise<Array<{ holder: string }>> =>
  dataSource.query('SELECT holder FROM command_leases WHERE measure_id = $1', [measureId]);
const soon = (ms = 5_000) => Date.now() + ms;

describe('command leases', () => {
  it('reads the authority facts with the lease; a refusal sends nothing', async () => {
    const api = new MeasureRepository(dataSource);
    const seen: Array<MeasureAuthorityFacts | undefined> = [];
    const send = jest.fn(async () => 'sent');
    await expect(api.oneCommandAtATime('2099-9.9.1', soon(), send, undefined, (facts) => void seen.push(facts))).resolves.toBe('sent');
    expect(seen).toEqual([undefined]); // a measure neither the plan nor the projection knows

    await dataSource.query(`INSERT INTO measure_states (measure_id, workflow_id, state, last_sequence, assignee_id, lead_department, snapshot, updated_at)
      VALUES ('2099-9.9.2', 'measure-2099-9.9.2', 'assigned', 1, 'air.staff1', 'air', '{"coDepartments": ["water"]}', now())`);
    const refusal = new Error('不能办理');
    await expect(
      api.oneCommandAtATime('2099-9.9.2', soon(), send, undefined, (facts) => {
        seen.push(facts);
        throw refusal;
      }),
    ).rejects.toBe(refusal);
    expect(send).toHaveBeenCalledTimes(1);
    expect(seen[1]).toMatchObject({ state: 'assigned', assigneeId: 'air.staff1', leadDepartment: 'air', coDepartments: ['water'] });
    await api.releaseIdleLeases();
    expect(await leases('2099-9.9.2')).toEqual([]);
  });

  it('takes over its own lease at once, and gives the leases back together shortly after', async () => {
    const api = new MeasureRepository(dataSource);
    await api.oneCommandAtATime('2099-9.9.3', soon(), async () => 'first');
    const [held] = await leases('2099-9.9.3');
    expect(held).toBeDefined();
    const started = Date.now();
    await api.oneCommandAtATime('2099-9.9.3', soon(), async () => 'second');
    expect(Date.now() - started).toBeLessThan(1_000);
    await api.oneCommandAtATime('2099-9.9.4', soon(), async () => 'another measure');
    expect(await leases('2099-9.9.3')).toEqual([held]);
    for (let i = 0; i < 50 && (await leases('2099-9.9.3')).length + (await leases('2099-9.9.4')).length > 0; i++) await sleep(50);
    expect(await leases('2099-9.9.3')).toEqual([]);
    expect(await leases('2099-9.9.4')).toEqual([]);
  });

  it('never lets two processes command one measure at once', async () => {
    const a = new MeasureRepository(dataSource);
    const b = new MeasureRepository(otherSource);
    const spans: Array<{ who: string; from: number; to: number }> = [];
    const command = (repo: MeasureRepository, who: string, ms: number) =>
      repo.oneCommandAtATime('2099-9.9.5', soon(10_000), async () => {
        const from = Date.now();
        await sleep(ms);
        spans.push({ who, from, to: Date.now() });
      });
    await Promise.all([command(a, 'a1', 300), sleep(20).then(() => command(b, 'b1', 50)), sleep(40).then(() => command(a, 'a2', 50)), sleep(60).then(() => command(b, 'b2', 50))]);
    expect(spans.map((s) => s.who).sort()).toEqual(['a1', 'a2', 'b1', 'b2']);
    const ordered = [...spans].sort((x, y) => x.from - y.from);
    for (let i = 1; i < ordered.length; i++) expect(ordered[i].from).toBeGreaterThanOrEqual(ordered[i - 1].to);
  });

  it('keeps the lease of an Update still in flight past its deadline from this process too', async () => {
    const api = new MeasureRepository(dataSource);
    const timedOut = new Error('no answer in time');
    await expect(
      api.oneCommandAtATime(
        '2099-9.9.6',
        soon(),
        async () => {
          throw timedOut;
        },
        (error) => error === timedOut,
      ),
    ).rejects.toBe(timedOut);
    const [pending] = await leases('2099-9.9.6');
    expect(pending.holder).toMatch(/^pending:/);
    const send = jest.fn(async () => 'sent');
    await expect(api.oneCommandAtATime('2099-9.9.6', soon(400), send)).rejects.toBeInstanceOf(CommandBusyError);
    expect(send).not.toHaveBeenCalled();
    await api.releaseIdleLeases();
    expect(await leases('2099-9.9.6')).toEqual([pending]);
  });
});
