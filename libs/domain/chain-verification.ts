/** The outcome of walking the audit log's hash chain. */
export interface ChainVerification {
  ok: boolean;
  /** Rows examined (up to and including the first broken one). */
  rows: number;
  firstBrokenId?: string;
  reason?: string;
  /** The last row examined: an anchor to keep elsewhere, so a cut-off tail is noticed next time. */
  lastId?: string;
  lastHash?: string;
}

/** Whether every recorded event (办理记录) is on the audit chain, and nothing on it lost its event. */
export interface EventCoverage {
  ok: boolean;
  /** Rows of measure_events. */
  eventRows: number;
  /** Rows of audit_log. */
  auditRows: number;
  /** Events without their audit row: how many, and the first of them (by event id). */
  missingAuditCount: number;
  missingAudit: string[];
  /** Audit rows whose event is gone: how many, and the first of them (by event id). */
  orphanedAuditCount: number;
  orphanedAudit: string[];
  reason?: string;
}

/**
 * The whole record checked at once: the measure audit chain (its fields at the top level, `ok` and
 * `reason` for the whole), that chain against the events, and the admin audit stream on its own.
 */
export interface RecordVerification extends ChainVerification {
  /** The measure audit chain alone. */
  chain: ChainVerification;
  events: EventCoverage;
  /** The admin audit stream (admin changes, calendar loads, plan imports, report exports). */
  admin: ChainVerification;
}

/** The last row of a chain, to keep elsewhere: a later head that does not extend it means a cut tail. */
export interface ChainHead {
  /** Rows on the chain. */
  count: number;
  /** Null while the chain is empty. */
  id: string | null;
  hash: string | null;
  /** When the last row was recorded (ISO 8601). */
  time: string | null;
}
