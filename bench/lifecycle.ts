// One measure lifecycle — assign → accept → report → submit → approve — driven four ways at the
// same count and concurrency: through the HTTP API (the whole system), as Temporal Updates straight
// to the measure workflows (rules + event + projection, no API), as the same Updates on the
// yardstick workflow (each handler writes the command's rows through a local activity in one
// transaction: what persisting a command costs at the least, no rules, no API), and as the same
// number of Updates on a bare workflow (none of that): the last is what Temporal itself costs here.
import { performance } from 'node:perf_hooks';
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { PlanRepository } from '@duban/db';
import { beijingDate, measureId, measureWorkflowId, WorkingDayCalendar, type Actor } from '@duban/domain';
import { measureHandle, startMeasureWorkflows, type MeasureToStart } from '@duban/temporal';
import { acceptUpdate, approveUpdate, assignUpdate, reportProgressUpdate, submitForReviewUpdate } from '@duban/workflows';
import { bundledCalendarData } from '../activities/calendar-data';
import { DEMO_PASSWORD, sampleOrganization } from '../seeds/seed';
import { bareWorkflow, bumpUpdate } from './bare.workflow';
import { importLargePlan } from './large-plan';
import { waitUntilIdle } from './settle';
import { pool, round, summarize, type LatencySummary } from './stats';
import { syntheticPlan } from './synthetic-plan';
import type { yardstickWorkflow } from './yardstick.workflow';

export const LIFECYCLE_COMMANDS = ['assign', 'accept', 'report', 'submit', 'approve'] as const;
type Command = (typeof LIFECYCLE_COMMANDS)[number];

export interface PathResult {
  measures: number;
  concurrency: number;
  commandsPerLifecycle: number;
  completed: number;
  failed: number;
  /** The first few failures, as `command: reason`. */
  errors: string[];
  seconds: number;
  /** Completed lifecycles per second of the timed phase. */
  lifecyclesPerSecond: number;
  commandsPerSecond: number;
  /** Round trip of each command as its caller saw it, ms. */
  perCommand: Partial<Record<Command, LatencySummary>>;
  all: LatencySummary;
}

/** Who runs a measure: its department's head assigns and approves, one of its staff does the work. */
export interface Cast {
  department: string;
  head: string;
  staff: string;
}

interface Team {
  department: string;
  head: string;
  staff: string[];
}

let teamsCache: Team[] | undefined;
/** The sample organization's business departments that have a head and staff. */
function teams(): Team[] {
  if (teamsCache) return teamsCache;
  const org = sampleOrganization();
  teamsCache = org.departments
    .filter((d) => d.kind === 'business')
    .map((d) => ({
      department: d.code,
      head: org.users.find((u) => u.department === d.code && u.role === 'department_head')?.username,
      staff: org.users.filter((u) => u.department === d.code && u.role === 'staff').map((u) => u.username),
    }))
    .filter((t): t is Team => t.head !== undefined && t.staff.length > 0);
  return teamsCache;
}

/** The departments castOf cycles through, in its order: measure n is run by teamDepartments()[n % length]. */
export function teamDepartments(): string[] {
  return teams().map((t) => t.department);
}

/** Measures spread round-robin over the sample organization's departments and their staff. */
export function castOf(index: number): Cast {
  const all = teams();
  const team = all[index % all.length];
  return { department: team.department, head: team.head, staff: team.staff[Math.floor(index / all.length) % team.staff.length] };
}

const headOf = (cast: Cast): Actor => ({ userId: cast.head, role: 'department_head', department: cast.department });
const staffOf = (cast: Cast): Actor => ({ userId: cast.staff, role: 'staff', department: cast.department });

/** Everyone castOf can name. */
export function castUsers(): string[] {
  return teams().flatMap((t) => [t.head, ...t.staff]);
}

/** A due date 40 working days ahead, as a department head would set. */
export function dueDate(): string {
  return new WorkingDayCalendar(bundledCalendarData()).addWorkingDays(beijingDate(Date.now()), 40).value;
}

/** A measure of a synthetic bench plan and the people who drive it. */
export interface BenchMeasure extends MeasureToStart {
  year: number;
  code: string;
  cast: Cast;
}

/**
 * Imports a synthetic plan of `count` measures for `year` (in steps if one import is too large),
 * each suggested for the department of the cast that drives it, so its head may 交办 it. Starts
 * nothing: see startAndSettle.
 */
export async function importBenchPlan(dataSource: DataSource, year: number, count: number): Promise<BenchMeasure[]> {
  const plans = new PlanRepository(dataSource);
  const { plan } = syntheticPlan(year, count);
  const codes = plan.chapters.flatMap((c) => c.sections.flatMap((s) => s.measures.map((m) => m.code)));
  await importLargePlan(plans, plan, { suggestedLeads: Object.fromEntries(codes.map((code, i) => [code, castOf(i).department])) });
  const facts = new Map((await plans.measuresToStart(year)).map((m) => [m.code, m]));
  return codes.map((code, i) => {
    const known = facts.get(code);
    if (!known) throw new Error(`measure ${year}-${code} of the bench plan was not imported`);
    return { ...known, year, code, cast: castOf(i) };
  });
}

/** Starts the measures' workflows on `taskQueue` (as an import does) and waits until they are idle, so no command is timed against a cold start. */
export async function startAndSettle(client: Client, taskQueue: string, measures: BenchMeasure[]): Promise<void> {
  await startMeasureWorkflows(client, taskQueue, measures);
  await waitUntilIdle(client, taskQueue, measures.map((m) => measureWorkflowId(m.year, m.code)), 30 * 60_000);
}

type Step<T> = [Command, (item: T) => Promise<unknown>];

/** Runs every item's steps in order, `concurrency` items at a time; times each step. */
async function drive<T>(items: T[], concurrency: number, steps: Array<Step<T>>): Promise<PathResult> {
  const samples = new Map<Command, number[]>(steps.map(([name]) => [name, []]));
  const errors: string[] = [];
  let completed = 0;
  let failed = 0;
  const started = performance.now();
  await pool(items, concurrency, async (item) => {
    for (const [name, run] of steps) {
      const t0 = performance.now();
      try {
        await run(item);
      } catch (error) {
        failed++;
        if (errors.length < 5) errors.push(`${name}: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300));
        return;
      }
      samples.get(name)!.push(performance.now() - t0);
    }
    completed++;
  });
  const seconds = (performance.now() - started) / 1000;
  return {
    measures: items.length,
    concurrency,
    commandsPerLifecycle: steps.length,
    completed,
    failed,
    errors,
    seconds: round(seconds),
    lifecyclesPerSecond: round(completed / seconds),
    commandsPerSecond: round([...samples.values()].reduce((n, s) => n + s.length, 0) / seconds),
    perCommand: Object.fromEntries([...samples].map(([name, s]) => [name, summarize(s)])),
    all: summarize([...samples.values()].flat()),
  };
}

/** Warm-up items first (not counted), then the measured ones. */
async function withWarmup<T>(items: T[], warmup: number, concurrency: number, steps: Array<Step<T>>): Promise<PathResult> {
  if (warmup > 0) await drive(items.slice(0, warmup), concurrency, steps);
  return drive(items.slice(warmup), concurrency, steps);
}

// ── through the HTTP API ──

export class ApiCaller {
  private readonly tokens = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  /** Signs in a demo user of the sample organization (once; the token is kept). */
  async login(username: string): Promise<string> {
    const known = this.tokens.get(username);
    if (known) return known;
    const response = await fetch(`${this.baseUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    if (!response.ok) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
    const { accessToken } = (await response.json()) as { accessToken: string };
    this.tokens.set(username, accessToken);
    return accessToken;
  }

  async post(path: string, username: string, body: unknown): Promise<void> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.tokens.get(username) ?? ''}` },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${response.status} ${text.slice(0, 200)}`);
  }

  async get<T>(path: string, username: string): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, { headers: { authorization: `Bearer ${this.tokens.get(username) ?? ''}` } });
    const text = await response.text();
    if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${text.slice(0, 200)}`);
    return JSON.parse(text) as T;
  }
}

export async function apiLifecycles(api: ApiCaller, measures: BenchMeasure[], warmup: number, concurrency: number): Promise<PathResult> {
  const due = dueDate();
  const items = measures.map((m) => ({ id: measureId(m.year, m.code), cast: m.cast }));
  for (const username of castUsers()) await api.login(username);
  const at = (id: string, command: string) => `/measures/${id}/${command}`;
  return withWarmup(items, warmup, concurrency, [
    ['assign', ({ id, cast }) => api.post(at(id, 'assign'), cast.head, { assigneeId: cast.staff, leadDepartment: cast.department, dueDate: due })],
    ['accept', ({ id, cast }) => api.post(at(id, 'accept'), cast.staff, {})],
    ['report', ({ id, cast }) => api.post(at(id, 'progress'), cast.staff, { percent: 50, note: '已完成过半' })],
    ['submit', ({ id, cast }) => api.post(at(id, 'submit'), cast.staff, { note: '已按期完成' })],
    ['approve', ({ id, cast }) => api.post(at(id, 'approve'), cast.head, { comment: '同意办结' })],
  ]);
}

// ── Updates straight to a workflow: the measure workflow, or the yardstick ──

/** The five Updates with the arguments the API sends (actor with department, the assignee's directory facts). */
function updateSteps(due: string): Array<Step<{ handle: WorkflowHandle; cast: Cast }>> {
  const head = (m: { cast: Cast }) => headOf(m.cast);
  const staff = (m: { cast: Cast }) => staffOf(m.cast);
  // What the API attaches from the directory.
  const assignee = (m: { cast: Cast }) => ({ userId: m.cast.staff, role: 'staff', department: m.cast.department, active: true });
  return [
    ['assign', (m) => m.handle.executeUpdate(assignUpdate, { args: [{ actor: head(m), assigneeId: m.cast.staff, leadDepartment: m.cast.department, dueDate: due, assignee: assignee(m) }] })],
    ['accept', (m) => m.handle.executeUpdate(acceptUpdate, { args: [{ actor: staff(m) }] })],
    ['report', (m) => m.handle.executeUpdate(reportProgressUpdate, { args: [{ actor: staff(m), percent: 50, note: '已完成过半' }] })],
    ['submit', (m) => m.handle.executeUpdate(submitForReviewUpdate, { args: [{ actor: staff(m), note: '已按期完成' }] })],
    ['approve', (m) => m.handle.executeUpdate(approveUpdate, { args: [{ actor: head(m), comment: '同意办结' }] })],
  ];
}

export async function directLifecycles(client: Client, measures: BenchMeasure[], warmup: number, concurrency: number): Promise<PathResult> {
  const items = measures.map((m) => ({ handle: measureHandle(client, m) as WorkflowHandle, cast: m.cast }));
  return withWarmup(items, warmup, concurrency, updateSteps(dueDate()));
}

// ── the yardstick ──

export const yardstickWorkflowId = (m: { year: number; code: string }) => `yardstick-${measureId(m.year, m.code)}`;

/**
 * The same Updates on yardstick workflows (bench/yardstick.workflow, on the bench worker's
 * `taskQueue`), one per measure of a plan year of its own: started and settled first, untimed.
 */
export async function yardstickLifecycles(client: Client, taskQueue: string, measures: BenchMeasure[], warmup: number, concurrency: number): Promise<PathResult> {
  const ids = measures.map(yardstickWorkflowId);
  await pool(measures, 16, async (m) => {
    await client.workflow.start<typeof yardstickWorkflow>('yardstickWorkflow', { taskQueue, workflowId: yardstickWorkflowId(m), args: [{ measureId: measureId(m.year, m.code) }] });
  });
  await waitUntilIdle(client, taskQueue, ids, 30 * 60_000);
  const items = measures.map((m) => ({ handle: client.workflow.getHandle<typeof yardstickWorkflow>(yardstickWorkflowId(m)) as WorkflowHandle, cast: m.cast }));
  try {
    return await withWarmup(items, warmup, concurrency, updateSteps(dueDate()));
  } finally {
    // A lifecycle that failed leaves its workflow open (the completed ones refuse this).
    await pool(items, 16, async ({ handle }) => {
      await handle.terminate('bench done').catch(() => undefined);
    });
  }
}

// ── the bare baseline ──

export async function bareLifecycles(client: Client, taskQueue: string, count: number, warmup: number, concurrency: number): Promise<PathResult> {
  const prefix = `bare-${Date.now().toString(36)}`;
  const ids = Array.from({ length: count + warmup }, (_, i) => `${prefix}-${i}`);
  await pool(ids, 16, async (workflowId) => {
    await client.workflow.start(bareWorkflow, { taskQueue, workflowId });
  });
  await waitUntilIdle(client, taskQueue, ids, 30 * 60_000);
  const due = dueDate();
  const items = ids.map((id, i) => ({ handle: client.workflow.getHandle<typeof bareWorkflow>(id), cast: castOf(i) }));
  // The same payloads as the measure commands, so only what happens to them differs.
  const bump = (payload: unknown) => (m: (typeof items)[number]) => m.handle.executeUpdate(bumpUpdate, { args: [{ payload }] });
  try {
    return await withWarmup(items, warmup, concurrency, [
      ['assign', (m) => bump({ actor: headOf(m.cast), assigneeId: m.cast.staff, leadDepartment: m.cast.department, dueDate: due, assignee: { userId: m.cast.staff, role: 'staff', department: m.cast.department, active: true } })(m)],
      ['accept', (m) => bump({ actor: staffOf(m.cast) })(m)],
      ['report', (m) => bump({ actor: staffOf(m.cast), percent: 50, note: '已完成过半' })(m)],
      ['submit', (m) => bump({ actor: staffOf(m.cast), note: '已按期完成' })(m)],
      ['approve', (m) => bump({ actor: headOf(m.cast), comment: '同意办结' })(m)],
    ]);
  } finally {
    await pool(items, 16, async ({ handle }) => {
      await handle.terminate('bench done').catch(() => undefined);
    });
  }
}
