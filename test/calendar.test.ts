// Loading a year's official holiday list through the API: validated, stored, coverage reported.
import { startTestSystem, type TestSystem } from './helpers/system';

// A load signals every running measure workflow of the shared test server (hundreds, all suites'): seconds, not ms.
jest.setTimeout(60_000);

let system: TestSystem;
let admin: string;

beforeAll(async () => {
  system = await startTestSystem('calendar');
  admin = await system.login('admin');
}, 60_000);

afterAll(() => system?.stop());

describe('official holiday calendars', () => {
  it('refuses a list with dates outside the year or a day both off and worked, naming each problem', async () => {
    const response = await system.call('PUT', '/calendar/years/2041', {
      token: admin,
      body: { holidays: ['2041-01-01', '2040-12-31', '2041-02-03'], workdays: ['2041-02-03', '2041-13-01'] },
    });
    expect(response).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    const problems = (response.body.details as { problems: string[] }).problems;
    expect(problems.length).toBeGreaterThanOrEqual(3);
    expect(response.body.message).toContain('2040-12-31');
    const [row] = await system.dataSource.query('SELECT count(*)::int AS n FROM official_calendars WHERE year = 2041');
    expect(row.n).toBe(0);
    expect(await calendarAudit()).toEqual([]);
  });

  it('stores a valid year, reports it as official, and lets only admins load one', async () => {
    const staff = await system.login('air.staff1');
    const body = { holidays: ['2041-01-01', '2041-10-01', '2041-10-02', '2041-10-03'], workdays: ['2041-09-29'] };
    expect(await system.call('PUT', '/calendar/years/2041', { token: staff, body })).toMatchObject({ status: 403 });
    const saved = await system.call('PUT', '/calendar/years/2041', { token: admin, body });
    expect(saved).toMatchObject({ status: 200, body: { year: 2041, holidays: 4, workdays: 1 } });
    expect(typeof saved.body.replanned).toBe('number');
    const coverage = await system.call('GET', '/calendar/years', { token: staff });
    const years = coverage.body as unknown as Array<{ year: number; source: string }>;
    expect(years.find((y) => y.year === 2025)).toMatchObject({ source: 'bundled' });
    expect(years.find((y) => y.year === 2029)).toMatchObject({ source: 'none' });
    // The whole arrangement, for the browser's own working-day arithmetic.
    const official = await system.call('GET', '/calendar/official', { token: staff });
    expect(official.status).toBe(200);
    expect((official.body as unknown as Array<{ year: number }>).find((y) => y.year === 2041)).toEqual({ year: 2041, ...body, holidays: [...body.holidays].sort() });
    expect((await system.call('GET', '/calendar/official')).status).toBe(401);
    // The load is on the admin audit stream, written with it: who loaded what, over what was there.
    expect(await calendarAudit()).toEqual([{ actor_id: 'admin', before: null, after: { holidays: [...body.holidays].sort(), workdays: body.workdays } }]);
  });
});

function calendarAudit(): Promise<Array<{ actor_id: string; before: unknown; after: unknown }>> {
  return system.dataSource.query(`SELECT actor_id, before, after FROM admin_audit_log WHERE action = 'calendar.load' AND target = 'calendar:2041' ORDER BY id`);
}
