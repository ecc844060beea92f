// Test-only: does the measure list stay responsive with 10,000 measures? Inserts a throwaway plan
// year straight into PostgreSQL (10,000 measures, half of them "in progress" in the projection with
// due dates around today), then times GET /measures pages and the web UI's list page in Chromium.
// Never run it against real data: it refuses unless DUBAN_SCALE_OK=1, and removes nothing but its
// own year (DUBAN_SCALE_YEAR, default 2099) when it starts again.
//   DATABASE_URL=… DUBAN_API_URL=http://127.0.0.1:3300 DUBAN_SCALE_OK=1 node tools/launch.cjs test/perf/measure-list-scale
import { Client } from 'pg';
import { chromium } from 'playwright-core';
import { DEMO_PASSWORD } from '../../seeds/seed';

const YEAR = Number(process.env.DUBAN_SCALE_YEAR ?? 2099);
const COUNT = Number(process.env.DUBAN_SCALE_COUNT ?? 10_000);
const API = (process.env.DUBAN_API_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');

async function seed(db: Client): Promise<void> {
  const like = `${YEAR}-%`;
  await db.query('BEGIN');
  await db.query('DELETE FROM measure_states WHERE measure_id LIKE $1', [like]);
  await db.query('DELETE FROM plan_quantities WHERE year = $1', [YEAR]);
  await db.query('DELETE FROM measures WHERE year = $1', [YEAR]);
  await db.query('DELETE FROM plan_sections WHERE year = $1', [YEAR]);
  await db.query('DELETE FROM plan_targets WHERE year = $1', [YEAR]);
  await db.query('DELETE FROM plan_chapters WHERE year = $1', [YEAR]);
  await db.query('DELETE FROM plans WHERE year = $1', [YEAR]);
  await db.query('INSERT INTO plans (year, title) VALUES ($1, $2)', [YEAR, `${YEAR} 年压力测试用工作要点（可删除）`]);
  await db.query(`INSERT INTO plan_chapters (year, code, title, position) SELECT $1, c::text, '第' || c || '部分', c FROM generate_series(2, 6) c`, [YEAR]);
  await db.query(
    `INSERT INTO plan_sections (year, code, chapter_code, title, position)
     SELECT $1, c || '.' || s, c::text, '第' || s || '节', c * 100 + s FROM generate_series(2, 6) c, generate_series(1, 20) s`,
    [YEAR],
  );
  const departments = ['air', 'water', 'marine', 'soil', 'climate', 'solid', 'nuclear', 'permits', 'monitoring', 'enforcement', 'law', 'publicity'];
  await db.query(
    `INSERT INTO measures (id, year, code, section_code, title, body, position, suggested_department_code)
     SELECT $1::int || '-' || code, $1::int, code, section, '压力测试事项 ' || code, '用于衡量列表分页性能的示例事项 ' || code, n, ($3::text[])[1 + n % 12]
       FROM (SELECT n, (2 + n % 5) || '.' || (1 + (n / 5) % 20) AS section,
                    (2 + n % 5) || '.' || (1 + (n / 5) % 20) || '.' || (1 + n / 100) AS code
               FROM generate_series(0, $2 - 1) n) x`,
    [YEAR, COUNT, departments],
  );
  // Half of them in hand, due between 30 working days ago and 40 ahead (reds, yellows, greens).
  await db.query(
    `INSERT INTO measure_states (measure_id, workflow_id, state, last_sequence, assignee_id, due_date, updated_at, lead_department, head_id, progress_percent, snapshot)
     SELECT m.id, 'measure-' || m.id, 'in_progress', 2, m.suggested_department_code || '.staff1',
            current_date + ((m.position % 70) - 30), now(), m.suggested_department_code, m.suggested_department_code || '.head', (m.position % 10) * 10,
            jsonb_build_object('assignedOn', to_char(current_date - 40, 'YYYY-MM-DD'), 'coDepartments', '[]'::jsonb, 'findings', '[]'::jsonb)
       FROM measures m WHERE m.year = $1 AND m.position % 2 = 0`,
    [YEAR],
  );
  await db.query('COMMIT');
}

async function time<T>(label: string, run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await run();
  const ms = Math.round(performance.now() - started);
  console.log(`  ${label.padEnd(58)} ${ms} ms`);
  return { ms, value };
}

async function main(): Promise<void> {
  if (process.env.DUBAN_SCALE_OK !== '1' || !process.env.DATABASE_URL) {
    throw new Error('set DATABASE_URL (a throwaway database) and DUBAN_SCALE_OK=1: this script writes a plan year of test data');
  }
  const db = new Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  try {
    await time(`insert ${COUNT} measures into year ${YEAR}`, () => seed(db));
  } catch (error) {
    await db.query('ROLLBACK');
    throw error;
  } finally {
    await db.end();
  }

  const login = await fetch(`${API}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'supervisor1', password: DEMO_PASSWORD }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const get = async (query: string) => {
    const response = await fetch(`${API}/measures?${query}`, { headers: { authorization: `Bearer ${accessToken}` } });
    if (!response.ok) throw new Error(`${query}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { total: number };
  };
  console.log(`GET /measures over ${COUNT} measures of ${YEAR} (supervisor sees all):`);
  await get(`year=${YEAR}&page=1&pageSize=20`); // warm-up
  const first = await time('page 1 of 20 (urgency order)', () => get(`year=${YEAR}&page=1&pageSize=20`));
  await time('page 250 of 20', () => get(`year=${YEAR}&page=250&pageSize=20`));
  await time('light=red, page 1', () => get(`year=${YEAR}&light=red&page=1&pageSize=20`));
  await time('light=yellow, page 1 (needs the calendar per row)', () => get(`year=${YEAR}&light=yellow&page=1&pageSize=20`));
  await time('department=soil & status=in_progress', () => get(`year=${YEAR}&department=soil&status=in_progress&page=1&pageSize=20`));
  await time('q=6.20.9 (text search)', () => get(`year=${YEAR}&q=6.20.9&page=1&pageSize=20`));
  console.log(`  total reported: ${first.value.total}`);

  const browser = await chromium.launch({ executablePath: process.env.DUBAN_CHROMIUM ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'], headless: true });
  try {
    const page = await browser.newPage({ baseURL: API });
    await page.goto('/');
    await page.getByLabel('用户名').fill('supervisor1');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByTestId('current-user').waitFor();
    await page.goto('/#/measures');
    await page.reload();
    await page.getByTestId('measure-list').locator('[data-measure-row]').first().waitFor();
    console.log(`web UI list page (all years) rendered ${Math.round(await page.evaluate(() => performance.now()))} ms after navigation start`);
    const search = page.getByLabel('搜索编号、标题或内容');
    const started = Date.now();
    await search.fill(`压力测试事项 6.20.9`);
    await search.press('Enter');
    await page.getByTestId('measure-list').locator(`[data-measure-row="${YEAR}-6.20.9"]`).waitFor();
    console.log(`web UI search → matching row shown in ${Date.now() - started} ms`);
    await page.screenshot({ path: 'test/artifacts/measure-list-10k.png' });
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
