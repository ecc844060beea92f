// The escalation spike: N measure workflows whose ladder step is due at the same instant, staged
// while no duban worker polls their task queue (as after an outage, or a morning when a whole plan
// falls due), then one duban worker process started: how long until every escalation is in
// PostgreSQL, and whether any was recorded twice or took failed attempts on the way.
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import {
  beijingDate,
  deadlineLadder,
  DEFAULT_ESCALATION_POLICY,
  escalationEvent,
  evolveMeasure,
  groupBySource,
  initialSnapshot,
  ladderRecipients,
  measureId,
  measureWorkflowId,
  pendingLadder,
  reachedSteps,
  stepInstant,
  withDerived,
  WorkingDayCalendar,
  type MeasureSnapshot,
} from '@duban/domain';
import { MEASURE_WORKFLOW_TYPE, type MeasureWorkflowInput } from '@duban/workflows';
import { bundledCalendarData } from '../activities/calendar-data';
import { castOf, teamDepartments } from './lifecycle';
import { insertSyntheticMeasures, syntheticCode } from './overdue';
import { memoryOf, startBareWorkerProcess, startWorkerProcess, type BenchProcess, type Memory, type Services } from './processes';
import type { SpikeYardstickInput, spikeYardstickWorkflow } from './spike-yardstick.workflow';
import { pool, round } from './stats';

/** Client starts in flight at once while staging. */
const START_CONCURRENCY = 64;
/** Histories fetched afterwards to look for timed-out or failed attempts. */
const HISTORY_SAMPLE = 200;
/** Working days between the due date and today: the 督办 step (3 working days overdue) is a working day past. */
const DAYS_OVERDUE = 4;
/** Give up when no escalation has been recorded for this long. */
const STALL_MS = 120_000;

export interface HistoryCheck {
  /** Workflows whose whole history was read (a random sample). */
  sampled: number;
  activityTaskTimedOut: number;
  activityTaskFailed: number;
  /** ActivityTaskStarted with attempt > 1 (a retried activity). */
  activityRetries: number;
  workflowTaskTimedOut: number;
  workflowTaskFailed: number;
  /** MarkerRecorded events of local activities (core_local_activity) and of those one carrying a failure. */
  localActivityMarkers: number;
  markersWithFailure: number;
  /** Other markers (patched() calls: core_patch). */
  otherMarkers: number;
  /** WorkflowTaskCompleted and TimerStarted events (a local activity outliving its task adds tasks; a backed-off retry adds a timer). */
  workflowTasksCompleted: number;
  timersStarted: number;
  /** Sampled workflows with any of the above, first few. */
  withProblems: string[];
}

export interface SpikeResult {
  measures: number;
  year: number;
  taskQueue: string;
  dueDate: string;
  /** The level every workflow should reach at once (the highest step already due). */
  expectedLevel: string;
  staging: { insertMs: number; startMs: number; startConcurrency: number; startsPerSecond: number };
  /** Spawning the worker process until it polls (includes bundling the workflow code). */
  workerStartupMs: number;
  /** Whether every escalation was recorded before the bench gave up. */
  complete: boolean;
  /** From spawning the worker / from its first poll until the last escalation was recorded. */
  secondsFromWorkerStart: number;
  secondsFromWorkerReady: number;
  /** First escalation recorded, ms after the worker polled. */
  firstEventMs: number | null;
  /** Escalations recorded per second after the worker polled. */
  eventsPerSecond: number;
  /** When 10 %, 50 %, 90 %, 100 % of the measures' escalations were recorded (s since the worker polled; from recorded_at). */
  milestones: Record<string, number | null>;
  recorded: { events: number; distinctMeasures: number; duplicates: number; missing: number; moreThanOnePerMeasure: number };
  levels: Record<string, number>;
  notifications: number;
  history: HistoryCheck;
  checked: string;
  /** The ladder's own 督办单 issued for the escalations (directives of kind notice), and when the last was (s since the worker polled). */
  notices: { issued: number; lastSecondsFromReady: number | null };
  /** What the duban worker said it runs with (its `settings:` log line: task slots, cache, pool). */
  workerSettings: string;
  workerMemory?: Memory;
}

export async function escalationSpike(dataSource: DataSource, client: Client, services: Services, count: number, logDir: string): Promise<SpikeResult> {
  const year = await spikeYear(dataSource);
  const prefix = `${year}-`;
  const taskQueue = `bench-spike-${Date.now().toString(36)}`;
  const calendar = new WorkingDayCalendar(bundledCalendarData());
  const { due, assignedOn } = spikeDates(calendar);
  const reached = deadlineLadder(due, DEFAULT_ESCALATION_POLICY, calendar).filter((step) => stepInstant(step.date) <= Date.now());
  const expectedLevel = reached.at(-1)?.level ?? 'none';

  // Staging 1: the plan's measures.
  let t0 = performance.now();
  const departments = teamDepartments();
  await insertMeasures(dataSource, year, count, departments);
  const insertMs = performance.now() - t0;

  // Staging 2: each workflow started with its measure already assigned and overdue, on a task queue
  // no worker polls yet: the first task of every one of them waits for the worker.
  const ids: string[] = [];
  const measures = Array.from({ length: count }, (_, n) => {
    const snapshot = spikeSnapshot(year, n, due, assignedOn);
    if (snapshot.leadDepartment !== departments[n % departments.length]) throw new Error(`spike measure ${syntheticCode(n)}: cast and suggested department differ`);
    ids.push(measureWorkflowId(year, syntheticCode(n)));
    const input: MeasureWorkflowInput = { year, code: syntheticCode(n), quantityTarget: null, suggestedDepartment: snapshot.leadDepartment, snapshot };
    return input;
  });
  t0 = performance.now();
  await pool(measures, START_CONCURRENCY, async (input) => {
    await client.workflow.start(MEASURE_WORKFLOW_TYPE, { taskQueue, workflowId: measureWorkflowId(input.year, input.code), args: [input] });
  });
  const startMs = performance.now() - t0;
  console.log(`  staged ${count} measures (insert ${Math.round(insertMs)} ms) and started their workflows on ${taskQueue} in ${Math.round(startMs)} ms; due ${due}, no worker yet`);

  // The spike: one duban worker process.
  const run = await untilRecorded(dataSource, prefix, count, () => startWorkerProcess(services, taskQueue, logDir, 'worker-spike'));
  const { readyAt, spawnedAt, worker } = run;
  let workerMemory: Memory | undefined;
  try {
    const complete = await run.complete;
    workerMemory = memoryOf(worker.pid);
    // Each escalation to 督办 also issues the ladder's own 督办单 (a directive workflow of its own,
    // which records its issue): the spike is over when those are in too.
    const notices = await waitForNotices(dataSource, prefix, count);
    // A moment more, so a second escalation of a measure (if any were coming) shows too.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const rows = await escalationRows(dataSource, prefix, count);
    const levelRows: Array<{ level: string; n: number }> = await dataSource.query(
      `SELECT payload->>'level' AS level, count(*)::int AS n FROM measure_events WHERE type = 'escalation' AND measure_id LIKE $1 GROUP BY 1 ORDER BY 1`,
      [`${prefix}%`],
    );
    const timing = timingOf(rows, complete, run);
    const history = await checkHistories(client, ids);
    return {
      measures: count,
      year,
      taskQueue,
      dueDate: due,
      expectedLevel,
      staging: { insertMs: Math.round(insertMs), startMs: Math.round(startMs), startConcurrency: START_CONCURRENCY, startsPerSecond: round(count / (startMs / 1000), 1) },
      workerStartupMs: Math.round(readyAt - spawnedAt),
      complete,
      ...timing,
      recorded: rows.recorded,
      levels: Object.fromEntries(levelRows.map((r) => [r.level, r.n])),
      notifications: rows.notifications,
      history,
      checked:
        `PostgreSQL: count(*) and count(DISTINCT measure_id) of type 'escalation' events under ${prefix}*, measures with more than one, their levels, escalation notifications; ` +
        `Temporal: the whole history of ${history.sampled} random workflows of the ${count}, counting ActivityTaskTimedOut, ActivityTaskFailed, ActivityTaskStarted with attempt > 1, ` +
        'WorkflowTaskTimedOut, WorkflowTaskFailed, MarkerRecorded (local activities / patches) and those with a failure, WorkflowTaskCompleted and TimerStarted',
      notices: { issued: notices.issued, lastSecondsFromReady: notices.lastAt === null ? null : round((notices.lastAt - readyAt) / 1000, 2) },
      workerSettings: /duban worker: settings: (.*)/.exec(fs.readFileSync(worker.logFile, 'utf8'))?.[1] ?? 'not in its log',
      workerMemory,
    };
  } finally {
    run.stop();
    await worker.stop(30_000);
  }
}

/** The spike's yardstick (bench/spike-yardstick.workflow), staged and timed the same way. */
export type SpikeYardstickResult = Pick<
  SpikeResult,
  | 'measures'
  | 'taskQueue'
  | 'complete'
  | 'workerStartupMs'
  | 'secondsFromWorkerStart'
  | 'secondsFromWorkerReady'
  | 'firstEventMs'
  | 'eventsPerSecond'
  | 'milestones'
  | 'recorded'
  | 'notifications'
  | 'history'
>;

/**
 * The least the spike can cost on this server and this machine: the same count of workflows staged
 * with no worker polling, each of whose first task writes its escalation's rows (decided here, by the
 * same domain functions, for the same measures and dates) through one local activity and then waits
 * on a timer; then the bench's own worker started. No calendar activity, no rules, no 督办单.
 */
export async function escalationSpikeYardstick(dataSource: DataSource, client: Client, services: Services, count: number, logDir: string, year: number): Promise<SpikeYardstickResult> {
  const prefix = `${year}-`;
  const taskQueue = `bench-spike-yardstick-${Date.now().toString(36)}`;
  const calendar = new WorkingDayCalendar(bundledCalendarData());
  const { due, assignedOn } = spikeDates(calendar);
  const departments = teamDepartments();
  await insertMeasures(dataSource, year, count, departments);
  const ids: string[] = [];
  const inputs = Array.from({ length: count }, (_, n) => {
    const snapshot = withDerived(spikeSnapshot(year, n, due, assignedOn), DEFAULT_ESCALATION_POLICY, calendar);
    const group = groupBySource(reachedSteps(pendingLadder(snapshot, DEFAULT_ESCALATION_POLICY, calendar), Date.now()))[0];
    const top = group[group.length - 1];
    const event = escalationEvent(group, ladderRecipients(top.level, snapshot, top.against));
    const after = evolveMeasure(snapshot, { ...event, occurredAt: new Date().toISOString() }, { quantityTarget: null, ladder: { policy: DEFAULT_ESCALATION_POLICY, calendar } });
    const workflowId = `spike-yardstick-${snapshot.measureId}`;
    ids.push(workflowId);
    return { workflowId, input: { event, after } satisfies SpikeYardstickInput };
  });
  await pool(inputs, START_CONCURRENCY, async ({ workflowId, input }) => {
    await client.workflow.start<typeof spikeYardstickWorkflow>('spikeYardstickWorkflow', { taskQueue, workflowId, args: [input] });
  });
  console.log(`  yardstick: staged ${count} workflows on ${taskQueue}, no worker yet`);
  const run = await untilRecorded(dataSource, prefix, count, () => startBareWorkerProcess(services, taskQueue, logDir, 'bare-worker-spike'));
  try {
    const complete = await run.complete;
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const rows = await escalationRows(dataSource, prefix, count);
    return {
      measures: count,
      taskQueue,
      complete,
      workerStartupMs: Math.round(run.readyAt - run.spawnedAt),
      ...timingOf(rows, complete, run),
      recorded: rows.recorded,
      notifications: rows.notifications,
      history: await checkHistories(client, ids),
    };
  } finally {
    run.stop();
    await run.worker.stop(30_000);
  }
}

/** The due date (a working day past the 督办 step) and the day of 交办 of every spike measure. */
function spikeDates(calendar: WorkingDayCalendar): { due: string; assignedOn: string } {
  const due = calendar.addWorkingDays(beijingDate(Date.now()), -DAYS_OVERDUE).value;
  return { due, assignedOn: calendar.addWorkingDays(due, -40).value };
}

/** The n-th spike measure as staged: assigned (to its cast's staff, by their head), overdue. */
function spikeSnapshot(year: number, n: number, due: string, assignedOn: string): MeasureSnapshot {
  const cast = castOf(n);
  return {
    ...initialSnapshot(measureId(year, syntheticCode(n))),
    state: 'assigned',
    sequence: 0,
    assigneeId: cast.staff,
    headId: cast.head,
    leadDepartment: cast.department,
    dueDate: due,
    assignedOn,
  };
}

/** The plan's measures, as the overdue part inserts them (no projection rows, no events). */
async function insertMeasures(dataSource: DataSource, year: number, count: number, departments: string[]): Promise<void> {
  await dataSource.transaction((manager) => insertSyntheticMeasures(manager.queryRunner!, year, count, departments, `${year} 年基准测试用工作要点（督办峰值）`, '督办峰值基准测试用事项'));
}

interface SpikeRun {
  worker: BenchProcess;
  spawnedAt: number;
  /** When the worker polled. */
  readyAt: number;
  /** When the count of measures with an escalation last grew. */
  lastProgressAt: () => number;
  /** True once every measure has its escalation; false when none came for STALL_MS. */
  complete: Promise<boolean>;
  stop: () => void;
}

/**
 * Starts the worker and watches PostgreSQL (once a second, cheaply) until every measure under
 * `prefix` has an escalation event. The timings come from the events' own recorded_at (the
 * database's clock, the same machine's as Date.now here).
 */
async function untilRecorded(dataSource: DataSource, prefix: string, count: number, startWorker: () => Promise<BenchProcess>): Promise<SpikeRun> {
  const distinctRecorded = async () => {
    const [row]: Array<{ n: number }> = await dataSource.query(
      `SELECT count(DISTINCT measure_id)::int AS n FROM measure_events WHERE type = 'escalation' AND measure_id LIKE $1`,
      [`${prefix}%`],
    );
    return row.n;
  };
  const ready: { at?: number } = {};
  let lastCount = 0;
  let lastProgressAt = Date.now();
  const spawnedAt = Date.now();
  let stopPolling = false;
  const polling = (async (): Promise<boolean> => {
    for (;;) {
      const recorded = await distinctRecorded();
      const now = Date.now();
      if (recorded > lastCount) {
        lastCount = recorded;
        lastProgressAt = now;
      }
      if (recorded >= count) return true;
      if (stopPolling) return false;
      if (ready.at !== undefined && now - Math.max(lastProgressAt, ready.at) > STALL_MS) {
        console.log(`  ! no escalation recorded for ${STALL_MS / 1000} s (${recorded} of ${count}): giving up`);
        return false;
      }
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  })();
  const worker = await startWorker().catch(async (error: unknown) => {
    stopPolling = true;
    await polling.catch(() => undefined);
    throw error;
  });
  ready.at = Date.now();
  return {
    worker,
    spawnedAt,
    readyAt: ready.at,
    lastProgressAt: () => lastProgressAt,
    complete: polling,
    stop: () => {
      stopPolling = true;
    },
  };
}

interface EscalationRows {
  recorded: SpikeResult['recorded'];
  notifications: number;
  /** Each measure's first escalation: when the first, the k-th and the last of them were recorded (epoch ms). */
  times: { first: number | null; p10: number | null; p50: number | null; p90: number | null; last: number | null };
}

/** What PostgreSQL holds of the escalations under `prefix`: counts, duplicates and when they were recorded. */
async function escalationRows(dataSource: DataSource, prefix: string, count: number): Promise<EscalationRows> {
  const [recorded]: Array<{ events: number; measures: number; repeated: number; notifications: number }> = await dataSource.query(
    `SELECT count(*)::int AS events, count(DISTINCT measure_id)::int AS measures,
            (SELECT count(*)::int FROM (SELECT measure_id FROM measure_events WHERE type = 'escalation' AND measure_id LIKE $1
                                         GROUP BY measure_id HAVING count(*) > 1) x) AS repeated,
            (SELECT count(*)::int FROM notifications WHERE kind = 'escalation' AND measure_id LIKE $1) AS notifications
       FROM measure_events WHERE type = 'escalation' AND measure_id LIKE $1`,
    [`${prefix}%`],
  );
  const [times]: Array<EscalationRows['times']> = await dataSource.query(
    `SELECT min(at) AS first, percentile_disc(0.1) WITHIN GROUP (ORDER BY at) AS p10, percentile_disc(0.5) WITHIN GROUP (ORDER BY at) AS p50,
            percentile_disc(0.9) WITHIN GROUP (ORDER BY at) AS p90, max(at) AS last
       FROM (SELECT (extract(epoch FROM min(recorded_at)) * 1000)::float8 AS at FROM measure_events
              WHERE type = 'escalation' AND measure_id LIKE $1 GROUP BY measure_id) x`,
    [`${prefix}%`],
  );
  return {
    recorded: {
      events: recorded.events,
      distinctMeasures: recorded.measures,
      duplicates: recorded.events - recorded.measures,
      missing: count - recorded.measures,
      moreThanOnePerMeasure: recorded.repeated,
    },
    notifications: recorded.notifications,
    times,
  };
}

/** The spike's figures from the rows' times: until the last (or, incomplete, until the bench gave up). */
function timingOf(rows: EscalationRows, complete: boolean, run: SpikeRun) {
  const { times } = rows;
  const end = complete && times.last !== null ? times.last : run.lastProgressAt();
  const sinceReady = (at: number | null) => (at === null ? null : round((at - run.readyAt) / 1000));
  const fromReady = (end - run.readyAt) / 1000;
  return {
    secondsFromWorkerStart: round((end - run.spawnedAt) / 1000),
    secondsFromWorkerReady: round(fromReady),
    firstEventMs: times.first === null ? null : Math.round(times.first - run.readyAt),
    eventsPerSecond: round(rows.recorded.distinctMeasures / Math.max(fromReady, 0.001), 1),
    milestones: { '10%': sinceReady(times.p10), '50%': sinceReady(times.p50), '90%': sinceReady(times.p90), '100%': sinceReady(times.last) },
  };
}

/** The current Beijing year when no plan of it exists (the ladder then runs on real holiday data); else a year of its own. */
async function spikeYear(dataSource: DataSource): Promise<number> {
  const candidates = [Number(beijingDate(Date.now()).slice(0, 4)), 2045, 2046, 2047];
  for (const year of candidates) {
    const [row]: Array<{ n: number }> = await dataSource.query('SELECT count(*)::int AS n FROM plans WHERE year = $1', [year]);
    if (row.n === 0) return year;
  }
  throw new Error(`every spike year (${candidates.join(', ')}) has a plan already`);
}

async function checkHistories(client: Client, ids: string[]): Promise<HistoryCheck> {
  // A random sample, drawn without replacement.
  const sample = [...ids];
  for (let i = sample.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [sample[i], sample[j]] = [sample[j], sample[i]];
  }
  const check: HistoryCheck = {
    sampled: 0,
    activityTaskTimedOut: 0,
    activityTaskFailed: 0,
    activityRetries: 0,
    workflowTaskTimedOut: 0,
    workflowTaskFailed: 0,
    localActivityMarkers: 0,
    markersWithFailure: 0,
    otherMarkers: 0,
    workflowTasksCompleted: 0,
    timersStarted: 0,
    withProblems: [],
  };
  await pool(sample.slice(0, HISTORY_SAMPLE), 8, async (workflowId) => {
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    check.sampled++;
    let problems = 0;
    const count = (key: 'activityTaskTimedOut' | 'activityTaskFailed' | 'activityRetries' | 'workflowTaskTimedOut' | 'workflowTaskFailed' | 'markersWithFailure') => {
      check[key]++;
      problems++;
    };
    for (const e of history.events ?? []) {
      if (e.activityTaskTimedOutEventAttributes) count('activityTaskTimedOut');
      if (e.activityTaskFailedEventAttributes) count('activityTaskFailed');
      if ((e.activityTaskStartedEventAttributes?.attempt ?? 1) > 1) count('activityRetries');
      if (e.workflowTaskTimedOutEventAttributes) count('workflowTaskTimedOut');
      if (e.workflowTaskFailedEventAttributes) count('workflowTaskFailed');
      if (e.workflowTaskCompletedEventAttributes) check.workflowTasksCompleted++;
      if (e.timerStartedEventAttributes) check.timersStarted++;
      const marker = e.markerRecordedEventAttributes;
      if (marker?.markerName === 'core_local_activity') {
        check.localActivityMarkers++;
        if (marker.failure) count('markersWithFailure');
      } else if (marker) {
        check.otherMarkers++;
        if (marker.failure) count('markersWithFailure');
      }
    }
    if (problems > 0 && check.withProblems.length < 5) check.withProblems.push(workflowId);
  });
  return check;
}

/** Waits until every measure's 督办单 is recorded (or none has come for STALL_MS); when the last was issued. */
async function waitForNotices(dataSource: DataSource, prefix: string, count: number): Promise<{ issued: number; lastAt: number | null }> {
  let last = -1;
  let progressAt = Date.now();
  for (;;) {
    const [row]: Array<{ issued: number; last_at: Date | null }> = await dataSource.query(
      `SELECT count(*)::int AS issued, max(issued_at) AS last_at FROM directives WHERE kind = 'notice' AND measure_id LIKE $1`,
      [`${prefix}%`],
    );
    if (row.issued > last) {
      last = row.issued;
      progressAt = Date.now();
    }
    if (row.issued >= count || Date.now() - progressAt > STALL_MS) return { issued: row.issued, lastAt: row.last_at ? new Date(row.last_at).getTime() : null };
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}
