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
