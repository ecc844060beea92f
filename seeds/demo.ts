// `npm run demo`: drives the imported 2022 plan into a realistic mid-course state, through the
// public HTTP API only, against a running system (`npm start`; DUBAN_API_URL, default the API on PORT or
// http://127.0.0.1:3000). Measures assigned with due dates around today: some done on time, some
// returned for rework, some under review, some overdue at each ladder level (1, 4 and 12 working
// days past due → 催办, 督办, 问责), some inside the warning window, some under inspection with
// open and closed findings. Idempotent-ish: measures that are no longer 待交办 are left alone.
import { WorkingDayCalendar, beijingDate } from '@duban/domain';
import { bundledCalendarData } from '../activities/calendar-data';
import { DEMO_PASSWORD, demoWanted } from './seed';

const API = (process.env.DUBAN_API_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`).replace(/\/$/, '');
/** The plan the demo drives: the seeded 2022 plan, or another imported year (DUBAN_DEMO_YEAR). */
const YEAR = Number(process.env.DUBAN_DEMO_YEAR ?? 2022);
const calendar = new WorkingDayCalendar(bundledCalendarData());
const today = beijingDate(Date.now());
const day = (workingDays: number) => calendar.addWorkingDays(today, workingDays).value;

interface PlanMeasure {
  id: string;
  code: string;
  title: string;
  state: string;
  suggestedDepartmentCode: string | null;
  quantities: Array<{ value: number; unit: string }>;
}
interface PlanTree {
  chapters: Array<{ sections: Array<{ measures: PlanMeasure[] }> }>;
}

const tokens = new Map<string, string>();

async function call<T = Record<string, unknown>>(method: string, route: string, user?: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (user) headers.authorization = `Bearer ${await token(user)}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`${API}${route}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new Error(`cannot reach the duban API at ${API}: start it with \`npm start\` (or set DUBAN_API_URL)`);
  }
  const text = await response.text();
  const parsed = text ? (JSON.parse(text) as T & { message?: string }) : ({} as T & { message?: string });
  if (!response.ok) throw new Error(`${method} ${route} as ${user ?? 'anonymous'}: ${response.status} ${parsed.message ?? text}`);
  return parsed;
}

async function token(user: string): Promise<string> {
  const known = tokens.get(user);
  if (known) return known;
  const answer = await call<{ accessToken: string }>('POST', '/auth/login', undefined, { username: user, password: DEMO_PASSWORD });
  tokens.set(user, answer.accessToken);
  return answer.accessToken;
}

type Scenario =
  | 'doneOnTime'
  | 'returned'
  | 'underReview'
  | 'onTrack'
  | 'warning'
  | 'urging'
  | 'supervision'
  | 'accountability'
  | 'inspected'
  | 'notAccepted'
  | 'leftImported';

/** The mix, in plan order; what is left over stays 待交办. */
const MIX: Array<[Scenario, number]> = [
  ['doneOnTime', 9],
  ['onTrack', 9],
  ['returned', 4],
  ['underReview', 4],
  ['warning', 4],
  ['urging', 4],
  ['supervision', 4],
  ['accountability', 3],
  ['inspected', 4],
  ['notAccepted', 4],
];

const DUE: Record<Scenario, number> = {
  doneOnTime: 15,
  onTrack: 30,
  returned: 20,
  underReview: 10,
  warning: 3,
  urging: -1,
  supervision: -4,
  accountability: -12,
  inspected: 25,
  notAccepted: 20,
  leftImported: 0,
};

async function drive(measure: PlanMeasure, scenario: Scenario, n: number): Promise<void> {
  const lead = measure.suggestedDepartmentCode ?? 'office';
  const head = `${lead}.head`;
  const staff = `${lead}.staff${(n % 2) + 1}`;
  const id = measure.id;
  const target = measure.quantities[0];
  const progress = (share: number, note: string) =>
    call('POST', `/measures/${id}/progress`, staff, {
      ...(target ? { quantityDone: Math.round(target.value * share) } : { percent: Math.round(share * 100) }),
      note,
      evidence: [`${measure.code} 工作台账.xlsx`],
    });

  await call('POST', `/measures/${id}/start`, 'admin'); // idempotent: uses the running workflow
  const assignment = { assigneeId: staff, leadDepartment: lead, dueDate: day(DUE[scenario]) };
  if (DUE[scenario] < 0) {
    // Overdue work is recorded as it happened (补录): assigned weeks ago, by a bureau leader.
    await call('POST', `/measures/${id}/assign`, 'leader1', { ...assignment, assignedOn: day(DUE[scenario] - 30), backdateReason: '年初已书面交办，系统上线后补录' });
  } else {
    await call('POST', `/measures/${id}/assign`, head, assignment);
  }
  if (scenario === 'notAccepted') return;
  await call('POST', `/measures/${id}/accept`, staff);

  switch (scenario) {
    case 'doneOnTime':
      await progress(1, '已全部完成');
      await call('POST', `/measures/${id}/submit`, staff, { note: '按期完成，材料齐全', evidence: [`${measure.code} 完成情况报告.pdf`] });
      await call('POST', `/measures/${id}/approve`, head, { comment: '同意办结' });
      return;
    case 'returned':
      await progress(0.6, '主体工作已完成，正在整理材料');
      await call('POST', `/measures/${id}/submit`, staff, { note: '申请办结' });
      await call('POST', `/measures/${id}/return`, head, { comment: '佐证材料不全，请补充现场照片和验收意见' });
      return;
    case 'underReview':
      await progress(1, '已完成');
      await call('POST', `/measures/${id}/submit`, staff, { note: '请审核', evidence: [`${measure.code} 验收意见.pdf`] });
      return;
    case 'onTrack':
      await progress(0.5, '按序时进度推进');
      return;
    case 'warning':
      await progress(0.8, '收尾阶段');
      return;
    case 'urging':
    case 'supervision':
    case 'accountability':
      await progress(0.3, '进度滞后，正在协调');
      return;
    case 'inspected': {
      await progress(0.4, '推进中');
      await call('POST', `/measures/${id}/inspections`, 'supervisor1', {
        findings: [
          { description: '工作台账登记不完整', dueDate: day(5) },
          { description: '部分任务未明确完成时限', dueDate: day(10) },
        ],
      });
      await call('POST', `/findings/${id}-f1/rectification`, staff, { note: '已补全台账登记', evidence: ['补充台账.xlsx'] });
      await call('POST', `/findings/${id}-f1/verification`, 'supervisor1', { passed: true, comment: '整改到位，予以销号' });
      return;
    }
    default:
      return;
  }
}

async function main(): Promise<void> {
  if (!demoWanted()) {
    // A real bureau's database: demo activity there would be mistaken for real work.
    throw new Error('DATABASE_URL names an external database: `npm run demo` runs only on the embedded default or with DUBAN_DEMO=1');
  }
  const started = Date.now();
  const tree = await call<PlanTree>('GET', `/plans/${YEAR}`, 'admin');
  const all = tree.chapters.flatMap((c) => c.sections.flatMap((s) => s.measures));
  const open = all.filter((m) => m.state === 'imported');
  console.log(`duban demo against ${API}: ${all.length} measures in the ${YEAR} plan, ${open.length} still 待交办; today is ${today} (Beijing)`);
  if (open.length === 0) {
    console.log('nothing to do: every measure has been taken in hand already');
    return;
  }
  const plan: Array<[PlanMeasure, Scenario]> = [];
  let next = 0;
  for (const [scenario, count] of MIX) for (let i = 0; i < count && next < open.length; i++) plan.push([open[next++], scenario]);

  const counts = new Map<Scenario, number>();
  const failures: string[] = [];
  // A few at a time: each command is a Temporal Update round trip.
  const queue = plan.map(([measure, scenario], n) => async () => {
    try {
      await drive(measure, scenario, n);
      counts.set(scenario, (counts.get(scenario) ?? 0) + 1);
    } catch (error) {
      failures.push(`${measure.id} (${scenario}): ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let task = queue.shift(); task; task = queue.shift()) await task();
    }),
  );

  const labels: Record<Scenario, string> = {
    doneOnTime: '按期办结',
    onTrack: '正常推进',
    returned: '退回整改',
    underReview: '审核中',
    warning: '预警（即将到期）',
    urging: '催办（逾期 1 个工作日）',
    supervision: '督办（逾期 4 个工作日）',
    accountability: '问责（逾期 12 个工作日）',
    inspected: '检查中（1 个问题已销号，1 个整改中）',
    notAccepted: '已交办待签收',
    leftImported: '待交办',
  };
  for (const [scenario] of MIX) console.log(`  ${labels[scenario].padEnd(24)} ${counts.get(scenario) ?? 0}`);
  console.log(`  ${labels.leftImported.padEnd(24)} ${open.length - plan.length}`);
  for (const failure of failures) console.error(`  failed: ${failure}`);
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s — open ${API}/ and sign in (password ${DEMO_PASSWORD})`);
  if (failures.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
