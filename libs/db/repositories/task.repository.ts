import { CLOSED_STATES, sqlStateList } from '@duban/domain';
import type { DataSource } from 'typeorm';
import type { MeasureLightRow } from './measure.repository';

/** A measure waiting for someone, with what its light and the task's deadline need. */
export interface TaskMeasureRow extends MeasureLightRow {
  title: string;
  escalationLevel: string | null;
  /** Beijing date of the submission under review, if any. */
  submittedOn: string | null;
}

/** A finding waiting for its assignee (整改) or for a supervisor (复查). */
export interface TaskFindingRow {
  findingId: string;
  measureId: string;
  description: string;
  status: string;
  dueDate: string;
}

/**
 * No one works through more than this many items of one kind from a task list; the cap keeps the
 * page fast when a backlog grows (the lists under /measures page through everything).
 */
const TASK_LIMIT = 500;

const MEASURE_COLUMNS = `
  s.measure_id AS id, s.state, to_char(s.due_date, 'YYYY-MM-DD') AS "dueDate", s.snapshot->>'assignedOn' AS "assignedOn",
  s.progress_percent::float8 AS "progressPercent", coalesce(f.open_due, '{}') AS "openFindingDueDates",
  coalesce(m.title, '') AS title, s.escalation_level AS "escalationLevel", s.snapshot->>'submittedOn' AS "submittedOn"`;

/** Projection rows with their plan text and open findings; `where` may use s (state) and m (plan). */
const MEASURES_WHERE = (where: string) => `
  SELECT ${MEASURE_COLUMNS}
    FROM measure_states s
    LEFT JOIN measures m ON m.id = s.measure_id
    LEFT JOIN LATERAL (
      SELECT array_agg(to_char(due_date, 'YYYY-MM-DD') ORDER BY due_date) AS open_due
        FROM findings WHERE measure_id = s.measure_id AND status <> 'closed'
    ) f ON true
   WHERE ${where}
   ORDER BY s.due_date ASC NULLS LAST, s.measure_id
   LIMIT ${TASK_LIMIT}`;

/** Plan measures still 待交办 (no workflow yet, or imported), as task rows. */
const UNASSIGNED_WHERE = (where: string) => `
  SELECT m.id, 'imported' AS state, NULL AS "dueDate", NULL AS "assignedOn", NULL::float8 AS "progressPercent",
         '{}'::text[] AS "openFindingDueDates", m.title, NULL AS "escalationLevel", NULL AS "submittedOn"
    FROM measures m LEFT JOIN measure_states s ON s.measure_id = m.id
   WHERE ${where} AND coalesce(s.state, 'imported') = 'imported'
   ORDER BY m.year DESC, m.position
   LIMIT ${TASK_LIMIT}`;

const FINDING_COLUMNS = `finding_id AS "findingId", measure_id AS "measureId", description, status, to_char(due_date, 'YYYY-MM-DD') AS "dueDate"`;

/** What waits for whom (/me/tasks): one query per kind of task; the service picks them by role. */
export class TaskRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Measures assigned to the user in one of the given states (签收, 报送, 提交). */
  async measuresAssignedTo(username: string, states: string[]): Promise<TaskMeasureRow[]> {
    return this.dataSource.query(MEASURES_WHERE('s.assignee_id = $1 AND s.state = ANY($2)'), [username, states]);
  }

  /** Submissions waiting for review by this head, or in this head's lead department (审核). */
  async measuresUnderReview(username: string, department: string): Promise<TaskMeasureRow[]> {
    return this.dataSource.query(MEASURES_WHERE(`s.state = 'under_review' AND (s.head_id = $1 OR s.lead_department = $2)`), [username, department]);
  }

  /** Measures with an extension request nobody has decided yet, for this head (审批延期). */
  async measuresWithPendingExtension(username: string, department: string): Promise<TaskMeasureRow[]> {
    return this.dataSource.query(
      MEASURES_WHERE(
        `s.state NOT IN ${sqlStateList(CLOSED_STATES)} AND s.snapshot->'extensions' @> '[{"status":"pending"}]'::jsonb
         AND (s.head_id = $1 OR s.lead_department = $2)`,
      ),
      [username, department],
    );
  }

  /** Measures another department asks this one to take over (移交), awaiting its head's decision. */
  async transfersAskedOf(department: string): Promise<TaskMeasureRow[]> {
    return this.dataSource.query(
      MEASURES_WHERE(`s.state NOT IN ${sqlStateList(CLOSED_STATES)} AND s.snapshot->'transfer'->>'status' = 'pending' AND s.snapshot->'transfer'->>'toDepartment' = $1`),
      [department],
    );
  }

  /** Measures at one of the given escalation levels that are still open (督办, 问责). */
  async measuresEscalatedTo(levels: string[]): Promise<TaskMeasureRow[]> {
    return this.dataSource.query(MEASURES_WHERE(`s.escalation_level = ANY($1) AND s.state NOT IN ${sqlStateList(CLOSED_STATES)}`), [levels]);
  }

  /**
   * Plan measures not assigned (yet, or again: declined back to 待交办 keeps its lead department)
   * that this department owns: its lead department, else the suggested one (交办).
   */
  async unassignedSuggestedTo(department: string): Promise<TaskMeasureRow[]> {
    return this.dataSource.query(UNASSIGNED_WHERE('coalesce(s.lead_department, m.suggested_department_code) = $1'), [department]);
  }

  /** Plan measures not assigned that no department owns yet (未定牵头处室): a leader sets one. */
  async unassignedWithoutDepartment(): Promise<TaskMeasureRow[]> {
    return this.dataSource.query(UNASSIGNED_WHERE('coalesce(s.lead_department, m.suggested_department_code) IS NULL'));
  }

  async findingsAssignedTo(username: string, status: string): Promise<TaskFindingRow[]> {
    return this.dataSource.query(
      `SELECT ${FINDING_COLUMNS} FROM findings WHERE assignee_id = $1 AND status = $2 ORDER BY due_date, finding_id LIMIT ${TASK_LIMIT}`,
      [username, status],
    );
  }

  async findingsWithStatus(status: string): Promise<TaskFindingRow[]> {
    return this.dataSource.query(
      `SELECT ${FINDING_COLUMNS} FROM findings WHERE status = $1 ORDER BY due_date, finding_id LIMIT ${TASK_LIMIT}`,
      [status],
    );
  }
}
