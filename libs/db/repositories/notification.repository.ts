import { beijingDate, notificationFor, notificationTitle, type NotificationPlan, type DirectiveEvent, type FindingEvent, type MeasureEvent, type WorkingDaysBetween } from '@duban/domain';
import type { DataSource, EntityManager } from 'typeorm';
import type { OutboxContext } from './outbox.repository';

/** What recording an event may be given beyond the event itself: for the notifications' and messages' words. */
export interface RecordContext extends OutboxContext {
  /** The working-day calendar, so an escalation's title can say how many working days overdue (and messages wait for a working day). */
  calendar?: OutboxContext['calendar'] & WorkingDaysBetween;
  /** Told, after the commit, which delivery lanes got new outbox rows (the worker kicks them). */
  onOutbox?: (lanes: string[]) => void;
}

/** Who was told of an event (usernames), for the outbox to reach the same people. */
export interface WrittenNotifications {
  plan: NotificationPlan;
  recipients: string[];
  measureTitle: string | null;
}

export interface NotificationRow {
  id: string;
  eventId: string;
  measureId: string;
  findingId: string | null;
  kind: string;
  level: string | null;
  title: string;
  createdAt: Date;
  readAt: Date | null;
}

interface RawRow {
  id: string;
  event_id: string;
  measure_id: string;
  finding_id: string | null;
  kind: string;
  level: string | null;
  title: string;
  created_at: Date;
  read_at: Date | null;
}

const COLUMNS = 'n.id::text AS id, n.event_id, n.measure_id, n.finding_id, n.kind, n.level, n.title, n.created_at, n.read_at';

/**
 * Writes the notifications an event causes, inside the event's own transaction: a retried activity
 * writes none twice (unique per event and recipient), and none is lost if the event is recorded.
 * Recipient keys are resolved to usernames in one statement: user:x → x; head:<dept> → that
 * department's heads; group:supervisors → every supervisor; group:leadership → the people of the
 * leadership department(s).
 */
export async function writeNotifications(manager: EntityManager, event: MeasureEvent | FindingEvent | DirectiveEvent, context: RecordContext = {}): Promise<WrittenNotifications | undefined> {
  const plan = notificationFor(event);
  if (!plan) return undefined;
  const measures: Array<{ title: string }> = await manager.query('SELECT title FROM measures WHERE id = $1', [event.measureId]);
  const title = notificationTitle(event, plan, {
    measureTitle: measures[0]?.title ?? null,
    on: beijingDate(Date.parse(event.occurredAt)),
    calendar: context.calendar,
  });
  const written: Array<{ recipient: string }> = await manager.query(
    `WITH keys AS (SELECT DISTINCT unnest($1::text[]) AS k),
     recipients AS (
       SELECT substr(k, 6) AS username FROM keys WHERE k LIKE 'user:%'
       UNION
       SELECT u.username FROM users u JOIN keys ON keys.k = 'head:' || u.department_code WHERE u.role = 'department_head'
       UNION
       SELECT u.username FROM users u JOIN keys ON keys.k = 'group:supervisors' WHERE u.role = 'supervisor'
       UNION
       SELECT u.username FROM users u JOIN departments d ON d.code = u.department_code AND d.kind = 'leadership'
                                      JOIN keys ON keys.k = 'group:leadership'
     )
     INSERT INTO notifications (event_id, recipient, measure_id, finding_id, kind, level, title, created_at)
     SELECT $2, username, $3, $4, $5, $6, $7, $8 FROM recipients WHERE username <> ''
     ON CONFLICT (event_id, recipient) DO NOTHING
     RETURNING recipient`,
    [
      plan.recipients,
      event.eventId,
      event.measureId,
      'findingId' in event ? event.findingId : null,
      plan.kind,
      plan.level,
      title,
      event.occurredAt,
    ],
  );
  return { plan, recipients: written.map((r) => r.recipient).sort(), measureTitle: measures[0]?.title ?? null };
}

/** A person's notifications: reading their own and marking them read. */
export class NotificationRepository {
  constructor(private readonly dataSource: DataSource) {}

  async listFor(recipient: string, options: { unreadOnly: boolean; offset: number; limit: number }): Promise<{ rows: NotificationRow[]; total: number; unread: number }> {
    const unreadOnly = options.unreadOnly ? 'AND n.read_at IS NULL' : '';
    const [rows, counts] = await Promise.all([
      this.dataSource.query(
        // By the bigint column (the text alias would sort 10 before 9).
        `SELECT ${COLUMNS} FROM notifications n WHERE n.recipient = $1 ${unreadOnly} ORDER BY n.id DESC LIMIT $2 OFFSET $3`,
        [recipient, options.limit, options.offset],
      ) as Promise<RawRow[]>,
      this.dataSource.query(
        `SELECT count(*)::int AS total, count(*) FILTER (WHERE read_at IS NULL)::int AS unread FROM notifications WHERE recipient = $1`,
        [recipient],
      ) as Promise<Array<{ total: number; unread: number }>>,
    ]);
    const { total, unread } = counts[0];
    return { rows: rows.map(toRow), total: options.unreadOnly ? unread : total, unread };
  }

  /** Marks one of the recipient's notifications read (keeping the first read time); undefined if it is not theirs. */
  async markRead(id: string, recipient: string): Promise<NotificationRow | undefined> {
    const result: [RawRow[], number] = await this.dataSource.query(
      `UPDATE notifications n SET read_at = coalesce(n.read_at, now()) WHERE n.id = $1 AND n.recipient = $2 RETURNING ${COLUMNS}`,
      [id, recipient],
    );
    const row = result[0][0];
    return row ? toRow(row) : undefined;
  }

  /** Marks all of the recipient's unread notifications read; returns how many. */
  async markAllRead(recipient: string): Promise<number> {
    const result: [unknown[], number] = await this.dataSource.query(
      `UPDATE notifications SET read_at = now() WHERE recipient = $1 AND read_at IS NULL`,
      [recipient],
    );
    return result[1];
  }
}

function toRow(r: RawRow): NotificationRow {
  return {
    id: r.id,
    eventId: r.event_id,
    measureId: r.measure_id,
    findingId: r.finding_id,
    kind: r.kind,
    level: r.level,
    title: r.title,
    createdAt: r.created_at,
    readAt: r.read_at,
  };
}
