/** The outcome of walking one hash chain (or, for the measure audit log, every stream's chain). */
export interface ChainVerification {
  ok: boolean;
  /** Rows examined (for a single chain: up to and including the first broken one). */
  rows: number;
  firstBrokenId?: string;
  reason?: string;
  /** The last row examined (for the measure audit log: the newest row of all its streams). */
  lastId?: string;
  lastHash?: string;
}

/** One stream that does not hold, named by the row at fault (or the anchored head that is gone). */
export interface StreamProblem {
  /** The stream: a measure id (the measure's findings' events are on its stream), or `admin`. */
  stream: string;
  /** The row named: the first broken row, or the anchored head that is gone or altered. */
  id: string;
  reason: string;
}

/**
 * The measure audit log walked stream by stream: one hash chain per measure (its findings' events
 * included), each starting from the genesis hash. The top-level fields are those of the first
 * broken stream (or, when all hold, the newest row of all).
 */
export interface StreamsVerification extends ChainVerification {
  /** Streams walked. */
  streams: number;
  /** The stream of `firstBrokenId`. */
  firstBrokenStream?: string;
  /** Streams whose chain does not hold: how many, and the first of them, each at its first broken row. */
  brokenCount: number;
  broken: StreamProblem[];
}

/** A stream's head as an anchor keeps it: its last row, that row's number within the stream and its hash. */
export interface StreamHead {
  id: string;
  seq: number;
  hash: string;
}

/** What an anchor ties together: every measure stream's head, and the admin audit stream's head. */
export interface AnchorHeads {
  streams: Record<string, StreamHead>;
  /** Null while the admin audit stream is empty. */
  admin: { id: string; hash: string } | null;
}

/** One anchor (审计锚点), without its heads. */
export interface AnchorSummary {
  id: string;
  /** ISO 8601. */
  createdAt: string;
  prevHash: string;
  /** chainHash(prevHash, {createdAt, heads}). */
  hash: string;
  /** Measure streams it anchors. */
  streamCount: number;
}

/**
 * The anchor chain (itself hash-chained) and the record checked against the latest anchor: every
 * head it holds must still be on its stream, with the same hash; a stream cut short or gone whole
 * is named here. Rows chained after the latest anchor are counted as unanchored, not as faults.
 */
export interface AnchorVerification {
  ok: boolean;
  reason?: string;
  /** Anchors walked. */
  anchors: number;
  /** The first anchor whose hash or link does not hold. */
  firstBrokenId?: string;
  /** The latest anchor, against which the streams were checked; null before the first is written. */
  latest: AnchorSummary | null;
  /** Streams of the latest anchor whose anchored head is still on their chain, unchanged. */
  anchoredStreams: number;
  /** Anchored heads not found as anchored (a stream truncated, deleted whole, or rewritten): how many, and the first. */
  missingCount: number;
  missing: StreamProblem[];
  /** Rows chained after the latest anchor (all of them before the first): not yet anchored. */
  unanchored: number;
  /** Streams with unanchored rows: how many, and the first of them with their counts. */
  unanchoredStreamCount: number;
  unanchoredStreams: Array<{ stream: string; rows: number }>;
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
 * The whole record checked at once: the measure audit streams (their fields at the top level, `ok`
 * and `reason` for the whole), those streams against the events, the admin audit stream on its
 * own, and the anchors that tie every stream's head together.
 */
export interface RecordVerification extends StreamsVerification {
  /** The measure audit streams alone. */
  chain: StreamsVerification;
  events: EventCoverage;
  /** The admin audit stream (admin changes, calendar loads, plan imports, report exports). */
  admin: ChainVerification;
  /** The anchor chain, and every stream against the latest anchor. */
  anchors: AnchorVerification;
  /** Rows chained after the latest anchor (as `anchors.unanchored`): verified as chained, not yet anchored. */
  unanchored: number;
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

/** What writing an anchor did (`POST /audit/anchor`, and the worker every minute). */
export interface AnchorWriteResult {
  /** A new anchor was written. */
  written: boolean;
  /**
   * None was written because the record no longer extends the latest anchor (a stream cut short,
   * deleted or rewritten): sealing that state would hide it. `problems` names each stream.
   */
  refused: boolean;
  /** Why none was written (nothing new since the latest anchor, or the refusal's reasons). */
  reason?: string;
  problems: StreamProblem[];
  /** The anchor written, or else the latest one (null before the first). */
  anchor: AnchorSummary | null;
}
