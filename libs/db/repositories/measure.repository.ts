import { randomUUID } from 'node:crypto';
import { ACTIVE_STATES, sqlStateList, type MeasureState } from '@duban/domain';
import type { DataSource } from 'typeorm';
import { PlanQuantityEntity } from '../entities/plan.entities';

/**
 * One row per measure, whether or not it has a workflow yet (`measures` alone, state imported) and
 * whether or not it came from a plan document (a workflow an admin started directly has only a
 * projection row). Both sources expose the same column names, so filters and scopes are written once.
 */
const COLUMNS = `
  coalesce(m.id, s.measure_id) AS id,
  coalesce(m.year, split_part(s.measure_id, '-', 1)::int) AS year,
  coalesce(m.code, substr(s.measure_id, strpos(s.measure_id, '-') + 1)) AS code,
  coalesce(m.title, '') AS title,
  coalesce(m.body, '') AS body,
  m.suggested_department_code,
  coalesce(s.state, 'imported') AS state,
  s.lead_department, s.assignee_id, s.head_id, s.due_date, coalesce(s.due_provisional, false) AS due_provisional,
  s.escalation_level, s.progress_percent, s.snapshot`;

const ALL_MEASURES = `SELECT ${COLUMNS} FROM measures m FULL JOIN measure_states s ON s.measure_id = m.id`;

/** The same rows for a given list of ids, found through the primary keys instead of a full join. */
const MEASURES_WITH_IDS = (ids: string) => `
  SELECT ${COLUMNS}
    FROM unnest(${ids}::text[]) AS wanted(id)
    LEFT JOIN measures m ON m.id = wanted.id
    LEFT JOIN measure_states s ON s.measure_id = wanted.id
   WHERE m.id IS NOT NULL OR s.measure_id IS NOT NULL`;

/** Findings that still count against a measure (not closed), one row per measure. */
const OPEN_FINDINGS = `
  SELECT measure_id, count(*)::int AS open_findings, min(due_date) AS first_open_due,
         array_agg(to_char(due_date, 'YYYY-MM-DD') ORDER BY due_date) AS open_due
    FROM findings WHERE status <> 'closed' GROUP BY measure_id`;

/**
 * The part of the status light (libs/domain status-light.ts) that needs no working-day calendar:
 * done, grey and red exactly as statusLight decides them; 'active' is yellow or green, which only
 * the calendar can tell apart (warning window, 序时进度).
 */
const LIGHT_CLASS = (today: string) => `
  CASE WHEN x.state = 'completed' THEN 'done'
       WHEN x.state IN ('imported', 'cancelled', 'carried_over') OR x.due_date IS NULL THEN 'grey'
       WHEN x.due_date < ${today}::date OR f.first_open_due < ${today}::date THEN 'red'
       ELSE 'active' END`;

/** Filterable rows: the measure, its open findings and its light class. */
const LIST_SOURCE = (measures: string, today: string) => `(
  SELECT x.*, coalesce(f.open_findings, 0) AS open_findings, coalesce(f.open_due, '{}') AS open_due, ${LIGHT_CLASS(today)} AS light_class
    FROM (${measures}) x
    LEFT JOIN (${OPEN_FINDINGS}) f ON f.measure_id = x.id
) r`;

/** Numeric code order (2.1.10 after 2.1.9); a code that is not dotted digits sorts after, by text. */
const CODE_ORDER = `CASE WHEN r.code ~ '^[0-9]+([.][0-9]+)*$' THEN string_to_array(r.code, '.')::numeric[] END, r.code`;

/**
 * Most urgent first: red (earliest due first, i.e. longest overdue), then the active ones by due
 * date, then the not yet assigned, then the finished.
 */
const URGENCY_ORDER = `
  CASE r.light_class WHEN 'red' THEN 0 WHEN 'active' THEN 1 WHEN 'grey' THEN (CASE WHEN r.state IN ('cancelled', 'carried_over') THEN 3 ELSE 2 END) ELSE 3 END,
  r.due_date ASC NULLS LAST, r.year DESC, ${CODE_ORDER}, r.id`;

const orderBy = (sort: MeasureListSort) => (sort === 'code' ? `r.year DESC, ${CODE_ORDER}, r.id` : URGENCY_ORDER);

export type LightClass = 'red' | 'grey' | 'done' | 'active';
export type MeasureListSort = 'urgency' | 'code';

export interface MeasureListFilter {
  state?: string;
  /** Lead or co-department code. */
  department?: string;
  assignee?: string;
  overdue?: boolean;
  escalationLevel?: string;
  lightClass?: LightClass;
  year?: number;
  /** Plain text, matched literally (% and _ have no special meaning) in code, title and body. */
  q?: string;
  /** Owning department (lead, or suggested while unassigned) is one of these (the cockpit's departments). */
  leads?: string[];
  /** Completed on or before its due date, or after it (libs/domain/cockpit.ts completedLate). */
  completion?: 'on_time' | 'late';
  /** Ladder at 问责 or an accountability outcome recorded (libs/domain/cockpit.ts underAccountability). */
  accountability?: boolean;
  excludeCancelled?: boolean;
  /** Set by the repository: whether the directive projection (outcomes) exists yet. */
  outcomesReadable?: boolean;
}

/** Which measures a reader may see; decided by the service, applied here in SQL. */
export type MeasureScope =
  | { kind: 'all' }
  | {
      kind: 'department';
      department: string;
      username: string;
      /** Also measures not assigned yet whose suggested lead department is this one (for 交办). */
      includeSuggestedUnassigned: boolean;
    };

export interface MeasureLightRow {
  id: string;
  state: string;
  dueDate: string | null;
  assignedOn: string | null;
  progressPercent: number | null;
  openFindingDueDates: string[];
  milestones: Array<{ dueDate: string; completedOn?: string | null }>;
}

export interface DepartmentRef {
  code: string;
  name: string;
}

export interface MeasureAuthorityFacts {
  state: MeasureState;
  assigneeId: string | null;
  leadDepartment: string | null;
  coDepartments: string[];
  suggestedDepartmentCode: string | null;
  transfer: { toDepartment: string; status: 'pending' | 'accepted' | 'rejected' } | null;
}

export interface MeasureListRow extends MeasureLightRow {
  year: number;
  code: string;
  title: string;
  leadDepartment: string | null;
  leadDepartmentName: string | null;
  coDepartments: DepartmentRef[];
  assigneeId: string | null;
  assigneeName: string | null;
  headId: string | null;
  headName: string | null;
  dueProvisional: boolean;
  escalationLevel: string | null;
  openFindings: number;
  suggestedDepartmentCode: string | null;
  suggestedDepartmentName: string | null;
}

export interface PlanMeasureLightRow extends MeasureLightRow {
  leadDepartment: string | null;
  suggestedDepartmentCode: string | null;
  escalationLevel: string | null;
}

export interface MeasureFindingRow {
  findingId: string;
  n: number;
  description: string;
  status: string;
  round: number;
  dueDate: string;
  assigneeId: string;
  inspectorId: string;
  escalationLevel: string | null;
}

/** Light inputs of a row of LIST_SOURCE, as camelCase columns. */
const LIGHT_COLUMNS = `
  r.id, r.state, to_char(r.due_date, 'YYYY-MM-DD') AS "dueDate", r.snapshot->>'assignedOn' AS "assignedOn",
  r.progress_percent::float8 AS "progressPercent", r.open_due AS "openFindingDueDates",
  CASE WHEN jsonb_typeof(r.snapshot->'milestones') = 'array' THEN r.snapshot->'milestones' ELSE '[]'::jsonb END AS "milestones"`;

/** Collects positional parameters so every value reaches PostgreSQL as a bind parameter. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** `%`, `_` and the escape character itself match literally. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function scopeClause(scope: MeasureScope, p: Params): string | undefined {
  if (scope.kind === 'all') return undefined;
  const department = p.add(scope.department);
  const username = p.add(scope.username);
  const own = [
    `r.lead_department = ${department}`,
    `(r.snapshot->'coDepartments') @> jsonb_build_array(${department}::text)`,
    `r.assignee_id = ${username}`,
    `r.head_id = ${username}`,
  ];
  if (scope.includeSuggestedUnassigned) {
    own.push(`(r.lead_department IS NULL AND r.suggested_department_code = ${department})`);
    // 待交办 that no department owns yet (未定牵头处室) is visible to every head until a leader decides.
    own.push(`(r.state = 'imported' AND r.lead_department IS NULL AND r.suggested_department_code IS NULL)`);
    // A measure another department asks this one to take over (移交): its head must see what to decide.
    own.push(`(r.snapshot->'transfer'->>'status' = 'pending' AND r.snapshot->'transfer'->>'toDepartment' = ${department})`);
  }
  return `(${own.join(' OR ')})`;
}

function filterClauses(filter: MeasureListFilter, p: Params, today: string): string[] {
  const where: string[] = [];
  if (filter.state !== undefined) where.push(`r.state = ${p.add(filter.state)}`);
  if (filter.department !== undefined) {
    const d = p.add(filter.department);
    where.push(`(r.lead_department = ${d} OR (r.snapshot->'coDepartments') @> jsonb_build_array(${d}::text))`);
  }
  if (filter.assignee !== undefined) where.push(`r.assignee_id = ${p.add(filter.assignee)}`);
  if (filter.escalationLevel !== undefined) where.push(`r.escalation_level = ${p.add(filter.escalationLevel)}`);
  if (filter.year !== undefined) where.push(`r.year = ${p.add(filter.year)}`);
  if (filter.lightClass !== undefined) where.push(`r.light_class = ${p.add(filter.lightClass)}`);
  if (filter.overdue !== undefined) {
    const overdue = `coalesce(r.due_date < ${today}::date AND r.state IN ${sqlStateList(ACTIVE_STATES)}, false)`;
    where.push(filter.overdue ? overdue : `NOT ${overdue}`);
  }
  if (filter.leads !== undefined) where.push(`coalesce(r.lead_department, r.suggested_department_code) = ANY(${p.add(filter.leads)}::text[])`);
  if (filter.completion !== undefined) {
    const late = `coalesce(r.snapshot->>'completedOn' > to_char(r.due_date, 'YYYY-MM-DD'), false)`;
    where.push(`(r.state = 'completed' AND ${filter.completion === 'late' ? late : `NOT ${late}`})`);
  }
  if (filter.accountability !== undefined) {
    const outcome = filter.outcomesReadable ? ` OR EXISTS (SELECT 1 FROM directives d WHERE d.measure_id = r.id AND d.kind = 'outcome')` : '';
    const held = `(coalesce(r.escalation_level = 'accountability', false)${outcome})`;
    where.push(filter.accountability ? held : `NOT ${held}`);
  }
  if (filter.excludeCancelled) where.push(`r.state <> 'cancelled'`);
  if (filter.q) {
    const pattern = p.add(containsPattern(filter.q));
    where.push(`(r.code ILIKE ${pattern} ESCAPE '\\' OR r.title ILIKE ${pattern} ESCAPE '\\' OR r.body ILIKE ${pattern} ESCAPE '\\')`);
  }
  return where;
}

/** How long a command still in flight at its deadline keeps its measure's lease. */
const PENDING_LEASE_SECONDS = 120;

/**
 * How long a lease whose command has ended stays with this process before it is given back: the
 * leases that ended in that window go back in one statement, and a measure's next command from this
 * process within it takes its lease over without a round trip of its own. Another process waits at
 * most this long (plus its back-off) for a measure this process has just commanded.
 */
const IDLE_LEASE_MS = 200;

/** The facts the authority rules read, for one measure id (`$1`). */
const AUTHORITY_FACTS = `
  SELECT coalesce(s.state, 'imported') AS state, s.assignee_id AS "assigneeId", s.lead_department AS "leadDepartment",
         coalesce(s.snapshot->'coDepartments', '[]'::jsonb) AS "coDepartments", m.suggested_department_code AS "suggestedDepartmentCode",
         s.snapshot->'transfer' AS transfer
    FROM (SELECT $1::text AS id) k
    LEFT JOIN measures m ON m.id = k.id
    LEFT JOIN measure_states s ON s.measure_id = k.id
   WHERE m.id IS NOT NULL OR s.measure_id IS NOT NULL`;

/** A connection error (nothing answered), as opposed to an error PostgreSQL or the pool reported. */
function isUnreachable(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03'].includes(code)) return true;
  return error instanceof Error && /Connection terminated|connect ECONNREFUSED|terminating connection/i.test(error.message);
}

/** A measure's previous command did not finish before this one's deadline: it was not sent. */
export class CommandBusyError extends Error {
  constructor(readonly measureId: string) {
    super(`measure ${measureId} is busy with another command`);
    this.name = 'CommandBusyError';
  }
}

/**
 * Read side of measures for lists and detail pages (filtering, scoping and paging in SQL), and the
 * per-measure command lock.
 */
export class MeasureRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Commands of this process waiting for or holding their measure's turn. */
  private readonly turns = new Map<string, Promise<void>>();

  /**
   * This process's name on the leases it holds. Its own commands of one measure already take turns
   * (`turns`), so a lease held under this name may be taken over by the measure's next command here.
   */
  private readonly holder = randomUUID();
  /** Measures whose command has ended and whose lease this process still holds (given back soon). */
  private readonly idle = new Set<string>();
  /** Leases being given back now: a new command of one of them waits until that has been done. */
  private readonly releasing = new Map<string, Promise<void>>();
  private releaseTimer: NodeJS.Timeout | undefined;

  /**
   * Runs `send` (one command to the measure's workflow) when no other command of the measure is in
   * flight, in this process (a queue per measure) and across API processes (a lease per measure in
   * PostgreSQL). The workflow writes each event from the Update's own task:
   * two Updates of one measure in flight together could be handed to a retried task in another
   * order than the first attempt wrote them. With the database unreachable the command is sent
   * anyway, as before: the workflow accepts it and persists it once the database is back.
   * `check` gets the measure's authority facts, read in the statement that takes the lease; what it
   * throws refuses the command before anything is sent.
   */
  async oneCommandAtATime<T>(
    measureId: string,
    deadline: number,
    send: () => Promise<T>,
    /** Whether a failure of `send` leaves the Update in flight (its answer did not come in time). */
    stillRunning: (error: unknown) => boolean = () => false,
    check?: (facts: MeasureAuthorityFacts | undefined) => void,
  ): Promise<T> {
    const previous = this.turns.get(measureId) ?? Promise.resolve();
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    // The next command's turn comes when the previous one's has ended and this one is released.
    const mine = previous.then(() => released);
    this.turns.set(measureId, mine);
    let timer: NodeJS.Timeout | undefined;
    try {
      const turn = await Promise.race([
        previous.then(() => true),
        new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now())))),
      ]);
      if (!turn) throw new CommandBusyError(measureId);
      return await this.underCommandLock(measureId, deadline, send, stillRunning, check);
    } finally {
      clearTimeout(timer);
      release();
      void mine.then(() => {
        if (this.turns.get(measureId) === mine) this.turns.delete(measureId);
      });
    }
  }

  /**
   * Holds the measure's lease (command_leases) while `send` runs, across API processes. Taking it (or
   * taking over this process's own idle one) is one statement, which also reads the authority facts;
   * it is given back a moment after the command, together with the others that ended meanwhile. No
   * connection is held while the Update runs. A lease runs out at the command's deadline (by the
   * database's clock), so a process that died holding one blocks nobody for long; an Update still in
   * flight at its deadline keeps the lease a while longer, under a name of its own.
   */
  private async underCommandLock<T>(
    measureId: string,
    deadline: number,
    send: () => Promise<T>,
    stillRunning: (error: unknown) => boolean,
    check: ((facts: MeasureAuthorityFacts | undefined) => void) | undefined,
  ): Promise<T> {
    this.idle.delete(measureId);
    await this.releasing.get(measureId);
    let wait = 5;
    for (;;) {
      let row: { taken: boolean; found: boolean; facts: MeasureAuthorityFacts } | undefined;
      try {
        [row] = await this.dataSource.query(
          `WITH lease AS (
             INSERT INTO command_leases (measure_id, holder, until) VALUES ($1, $2, now() + make_interval(secs => $3))
             ON CONFLICT (measure_id) DO UPDATE SET holder = EXCLUDED.holder, until = EXCLUDED.until
             WHERE command_leases.until < now() OR command_leases.holder = EXCLUDED.holder
             RETURNING holder)
           SELECT EXISTS (SELECT 1 FROM lease) AS taken, f.state IS NOT NULL AS found, to_jsonb(f) AS facts
             FROM (SELECT 1) one LEFT JOIN (${AUTHORITY_FACTS}) f ON true`,
          [measureId, this.holder, Math.max(1, deadline - Date.now()) / 1000],
        );
      } catch (error) {
        // PostgreSQL unreachable: the workflow still decides, and persists the event once it is back.
        if (isUnreachable(error)) return send();
        // Anything else (the pool exhausted, …) would lift the lease exactly under load: not sent.
        throw new CommandBusyError(measureId);
      }
      if (row?.taken) {
        try {
          check?.(row.found ? row.facts : undefined);
        } catch (refusal) {
          this.releaseSoon(measureId);
          throw refusal;
        }
        break;
      }
      if (Date.now() + wait > deadline) throw new CommandBusyError(measureId);
      await new Promise((resolve) => setTimeout(resolve, wait));
      wait = Math.min(100, wait * 2);
    }
    let inFlight = false;
    try {
      return await send();
    } catch (error) {
      inFlight = stillRunning(error);
      throw error;
    } finally {
      if (inFlight) {
        // Its answer did not come in time (COMMAND_PENDING): the next command, from here or elsewhere, waits for it a while.
        await this.dataSource
          .query(`UPDATE command_leases SET holder = $3, until = now() + make_interval(secs => $4) WHERE measure_id = $1 AND holder = $2`, [
            measureId,
            this.holder,
            `pending:${randomUUID()}`,
            PENDING_LEASE_SECONDS,
          ])
          .catch(() => undefined);
      } else this.releaseSoon(measureId);
    }
  }

  /** The measure's lease goes back with the next batch, unless its next command here takes it over first. */
  private releaseSoon(measureId: string): void {
    this.idle.add(measureId);
    this.releaseTimer ??= setTimeout(() => void this.releaseIdleLeases(), IDLE_LEASE_MS).unref();
  }

  /** Gives back every idle lease of this process in one statement (also when the process shuts down). */
  async releaseIdleLeases(): Promise<void> {
    clearTimeout(this.releaseTimer);
    this.releaseTimer = undefined;
    const ids = [...this.idle];
    this.idle.clear();
    if (ids.length === 0) return;
    const done = this.dataSource
      .query('DELETE FROM command_leases WHERE holder = $1 AND measure_id = ANY($2::text[])', [this.holder, ids])
      .then(
        () => undefined,
        // Not given back (the database is away): each runs out at its command's deadline.
        () => undefined,
      );
    for (const id of ids) this.releasing.set(id, done);
    await done;
    for (const id of ids) if (this.releasing.get(id) === done) this.releasing.delete(id);
  }

  /** Ids of one page, in list order. `today` (Beijing date) decides overdue and the light class. */
  async pageIds(filter: MeasureListFilter, scope: MeasureScope, sort: MeasureListSort, today: string, page: { limit: number; offset: number }): Promise<string[]> {
    const { p, source, where } = this.filtered(await this.withOutcomes(filter), scope, today);
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT r.id FROM ${source} ${where} ORDER BY ${orderBy(sort)}
        LIMIT ${p.add(page.limit)} OFFSET ${p.add(page.offset)}`,
      p.values,
    );
    return rows.map((r) => r.id);
  }

  async count(filter: MeasureListFilter, scope: MeasureScope, today: string): Promise<number> {
    const { p, source, where } = this.filtered(await this.withOutcomes(filter), scope, today);
    const [row]: Array<{ n: number }> = await this.dataSource.query(`SELECT count(*)::int AS n FROM ${source} ${where}`, p.values);
    return row.n;
  }

  /**
   * Light inputs of every matching measure, in list order, without paging: for a filter on a
   * light the calendar must decide (yellow/green). Only a few small columns per row.
   */
  async lightRows(filter: MeasureListFilter, scope: MeasureScope, sort: MeasureListSort, today: string): Promise<MeasureLightRow[]> {
    const { p, source, where } = this.filtered(await this.withOutcomes(filter), scope, today);
    return this.dataSource.query(
      `SELECT ${LIGHT_COLUMNS} FROM ${source} ${where} ORDER BY ${orderBy(sort)}`,
      p.values,
    );
  }

  /**
   * What the authority rules need of one measure (state, people, departments), from the projection
   * and the plan; undefined for a measure neither knows.
   */
  async authorityFacts(id: string): Promise<MeasureAuthorityFacts | undefined> {
    const [row]: MeasureAuthorityFacts[] = await this.dataSource.query(AUTHORITY_FACTS, [id]);
    return row;
  }

  /** Everything a list item shows, for the given ids (order not kept). */
  async listRows(ids: string[]): Promise<MeasureListRow[]> {
    if (ids.length === 0) return [];
    const p = new Params();
    const source = LIST_SOURCE(MEASURES_WITH_IDS(p.add(ids)), p.add('1970-01-01'));
    return this.dataSource.query(
      `SELECT ${LIGHT_COLUMNS}, r.year, r.code, r.title,
              r.lead_department AS "leadDepartment", ld.name AS "leadDepartmentName",
              (SELECT coalesce(jsonb_agg(jsonb_build_object('code', c.code, 'name', coalesce(d.name, c.code)) ORDER BY c.ord), '[]'::jsonb)
                 FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(r.snapshot->'coDepartments') = 'array' THEN r.snapshot->'coDepartments' ELSE '[]'::jsonb END)
                      WITH ORDINALITY AS c(code, ord)
                 LEFT JOIN departments d ON d.code = c.code) AS "coDepartments",
              r.assignee_id AS "assigneeId", au.display_name AS "assigneeName",
              r.head_id AS "headId", hu.display_name AS "headName",
              r.due_provisional AS "dueProvisional", r.escalation_level AS "escalationLevel", r.open_findings AS "openFindings",
              r.suggested_department_code AS "suggestedDepartmentCode", sd.name AS "suggestedDepartmentName"
         FROM ${source}
         LEFT JOIN departments ld ON ld.code = r.lead_department
         LEFT JOIN departments sd ON sd.code = r.suggested_department_code
         LEFT JOIN users au ON au.username = r.assignee_id
         LEFT JOIN users hu ON hu.username = r.head_id`,
      p.values,
    );
  }

  /** Whether the measure exists and lies inside the reader's scope. */
  async isVisible(id: string, scope: MeasureScope): Promise<boolean> {
    const p = new Params();
    const source = LIST_SOURCE(MEASURES_WITH_IDS(p.add([id])), p.add('1970-01-01'));
    const clause = scopeClause(scope, p);
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM ${source} ${clause ? `WHERE ${clause}` : ''}`, p.values);
    return rows.length > 0;
  }

  /** Light inputs of every measure of a plan year (plan measures only), for the plan tree. */
  async planLightRows(year: number): Promise<PlanMeasureLightRow[]> {
    return this.dataSource.query(
      `SELECT ${LIGHT_COLUMNS}, r.lead_department AS "leadDepartment", r.suggested_department_code AS "suggestedDepartmentCode",
              r.escalation_level AS "escalationLevel"
         FROM (SELECT m.id, m.year, m.suggested_department_code, coalesce(s.state, 'imported') AS state, s.lead_department, s.escalation_level,
                      s.due_date, s.progress_percent, s.snapshot, coalesce(f.open_due, '{}') AS open_due
                 FROM measures m
                 LEFT JOIN measure_states s ON s.measure_id = m.id
                 LEFT JOIN (${OPEN_FINDINGS}) f ON f.measure_id = m.id
                WHERE m.year = $1) r`,
      [year],
    );
  }

  async listFindings(measureId: string): Promise<MeasureFindingRow[]> {
    return this.dataSource.query(
      `SELECT finding_id AS "findingId", n, description, status, round, to_char(due_date, 'YYYY-MM-DD') AS "dueDate",
              assignee_id AS "assigneeId", inspector_id AS "inspectorId", escalation_level AS "escalationLevel"
         FROM findings WHERE measure_id = $1 ORDER BY n`,
      [measureId],
    );
  }

  /** The quantities the plan document states for a measure (e.g. 600 个村庄), in document order. */
  async listQuantities(year: number, code: string): Promise<PlanQuantityEntity[]> {
    return this.dataSource
      .getRepository(PlanQuantityEntity)
      .find({ where: { year, ownerKind: 'measure', ownerCode: code }, order: { position: 'ASC' } });
  }

  /** Every measure with its light class, narrowed by the filter and the reader's scope. */
  /** The accountability filter counts recorded outcomes once the directive projection exists (its own migration). */
  private async withOutcomes(filter: MeasureListFilter): Promise<MeasureListFilter> {
    if (filter.accountability === undefined) return filter;
    const [row]: Array<{ ok: boolean }> = await this.dataSource.query(`SELECT to_regclass('directives') IS NOT NULL AS ok`);
    return { ...filter, outcomesReadable: row.ok };
  }

  private filtered(filter: MeasureListFilter, scope: MeasureScope, today: string): { p: Params; source: string; where: string } {
    const p = new Params();
    const todayParam = p.add(today);
    const clauses = filterClauses(filter, p, todayParam);
    const scoped = scopeClause(scope, p);
    if (scoped) clauses.push(scoped);
    return { p, source: LIST_SOURCE(ALL_MEASURES, todayParam), where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '' };
  }
}
