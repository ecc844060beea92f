import type { DataSource } from 'typeorm';

/** How long the identity provider has to answer a sign-in (state, PKCE verifier, nonce). */
export const OIDC_STATE_SECONDS = 600;
/** How long the browser has to exchange its one-time handoff for the duban session. */
export const OIDC_HANDOFF_SECONDS = 60;

export interface PendingOidcSignIn {
  codeVerifier: string;
  nonce: string;
  returnTo: string | null;
}

/**
 * Single sign-ons under way (table oidc_sign_ins). A row is written when the browser is sent to the
 * identity provider, consumed once by the callback (a second use of the same state finds nothing),
 * then carries the hash of the one-time handoff until the browser exchanges it (deleted then).
 * Rows older than the state's lifetime are purged at each new start.
 */
export class OidcSignInRepository {
  constructor(private readonly dataSource: DataSource) {}

  async begin(row: { state: string; codeVerifier: string; nonce: string; returnTo: string | null }): Promise<void> {
    await this.dataSource.query(`DELETE FROM oidc_sign_ins WHERE created_at < now() - make_interval(secs => $1)`, [OIDC_STATE_SECONDS]);
    await this.dataSource.query(`INSERT INTO oidc_sign_ins (state, code_verifier, nonce, return_to) VALUES ($1, $2, $3, $4)`, [
      row.state,
      row.codeVerifier,
      row.nonce,
      row.returnTo,
    ]);
  }

  /** Takes the sign-in of `state` once: null when unknown, already used or older than OIDC_STATE_SECONDS. */
  async consume(state: string): Promise<PendingOidcSignIn | null> {
    const [rows] = (await this.dataSource.query(
      `UPDATE oidc_sign_ins SET used_at = now()
        WHERE state = $1 AND used_at IS NULL AND created_at > now() - make_interval(secs => $2)
        RETURNING code_verifier AS "codeVerifier", nonce, return_to AS "returnTo"`,
      [state, OIDC_STATE_SECONDS],
    )) as [PendingOidcSignIn[], number];
    return rows[0] ?? null;
  }

  /** Attaches the started session and the hash of its one-time handoff to the consumed sign-in. */
  async handOff(state: string, handoffHash: string, sessionId: string): Promise<void> {
    await this.dataSource.query(`UPDATE oidc_sign_ins SET handoff = $2, session_id = $3, used_at = now() WHERE state = $1`, [state, handoffHash, sessionId]);
  }

  /** The session of a handoff, once: null when unknown, already exchanged or older than OIDC_HANDOFF_SECONDS. */
  async exchange(handoffHash: string): Promise<{ sessionId: string; returnTo: string | null } | null> {
    const [rows] = (await this.dataSource.query(
      `DELETE FROM oidc_sign_ins WHERE handoff = $1 AND session_id IS NOT NULL
          AND used_at > now() - make_interval(secs => $2)
        RETURNING session_id AS "sessionId", return_to AS "returnTo"`,
      [handoffHash, OIDC_HANDOFF_SECONDS],
    )) as [Array<{ sessionId: string; returnTo: string | null }>, number];
    return rows[0] ?? null;
  }
}
