import type { DataSource } from 'typeorm';

/** A live session joined with its user, as the API's guard checks it. */
export interface LiveSession {
  id: string;
  username: string;
  /** The user's token_version when the session was signed in. */
  sessionVersion: number;
  /** The user's token_version now: a bump (deactivation, move, role change, reset) ends older sessions. */
  userVersion: number;
  active: boolean;
  mustChangePassword: boolean;
  role: string;
  departmentCode: string;
  displayName: string;
  expiresAt: Date;
}

/** Why a session is no longer usable. */
export type SessionEnd = 'missing' | 'revoked' | 'idle' | 'expired';

// A session signed in by 统一身份认证 is never held to a password change: the person may not know
// the initial password at all (the identity provider vouched for them).
const LIVE_COLUMNS = `s.id, s.username, s.token_version AS "sessionVersion", u.token_version AS "userVersion", u.active,
  (u.must_change_password AND s.auth_method = 'password') AS "mustChangePassword", u.role, u.department_code AS "departmentCode", u.display_name AS "displayName",
  s.expires_at AS "expiresAt"`;

/**
 * Server-side sessions (table auth_sessions): one per sign-in, named by the `sid` claim of its
 * access tokens. Revoked on sign-out, when the user's token_version moves, or when the password
 * changes elsewhere; idle ones expire by last_seen_at.
 */
export class SessionRepository {
  constructor(private readonly dataSource: DataSource) {}

  async create(session: {
    id: string;
    username: string;
    tokenVersion: number;
    maxHours: number;
    clientAddress?: string;
    userAgent?: string;
    /** How the person signed in; an OIDC session keeps the provider's ID token (the sign-out hint). */
    authMethod?: 'password' | 'oidc';
    oidcIdToken?: string;
  }): Promise<{ expiresAt: Date }> {
    const rows: Array<{ expiresAt: Date }> = await this.dataSource.query(
      `INSERT INTO auth_sessions (id, username, token_version, expires_at, client_address, user_agent, auth_method, oidc_id_token)
       VALUES ($1, $2, $3, now() + make_interval(hours => $4::int), $5, $6, $7, $8)
       RETURNING expires_at AS "expiresAt"`,
      [
        session.id,
        session.username,
        session.tokenVersion,
        session.maxHours,
        session.clientAddress ?? null,
        session.userAgent?.slice(0, 300) ?? null,
        session.authMethod ?? 'password',
        session.oidcIdToken ?? null,
      ],
    );
    if (Math.random() < 0.01) await this.dataSource.query(`DELETE FROM auth_sessions WHERE expires_at < now() - interval '7 days'`);
    return rows[0];
  }

  /**
   * Marks the session as seen now and returns it with its user, or null when it is revoked,
   * past its lifetime or idle for `idleMinutes` (then `endOf` says which).
   */
  async touch(id: string, idleMinutes: number): Promise<LiveSession | null> {
    const [rows] = (await this.dataSource.query(
      `UPDATE auth_sessions s SET last_seen_at = now()
         FROM users u
        WHERE s.id = $1 AND u.username = s.username AND s.revoked_at IS NULL AND s.expires_at > now()
          AND s.last_seen_at > now() - make_interval(mins => $2::int)
        RETURNING ${LIVE_COLUMNS}`,
      [id, idleMinutes],
    )) as [LiveSession[], number];
    return rows[0] ?? null;
  }

  /** The session with its user, without marking it seen (null when unknown, revoked or over). */
  async find(id: string, idleMinutes: number): Promise<LiveSession | null> {
    const rows: LiveSession[] = await this.dataSource.query(
      `SELECT ${LIVE_COLUMNS} FROM auth_sessions s JOIN users u ON u.username = s.username
        WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND s.last_seen_at > now() - make_interval(mins => $2::int)`,
      [id, idleMinutes],
    );
    return rows[0] ?? null;
  }

  async endOf(id: string): Promise<SessionEnd> {
    const rows: Array<{ revoked: boolean; expired: boolean }> = await this.dataSource.query(
      `SELECT revoked_at IS NOT NULL AS revoked, expires_at <= now() AS expired FROM auth_sessions WHERE id = $1`,
      [id],
    );
    if (!rows[0]) return 'missing';
    return rows[0].revoked ? 'revoked' : rows[0].expired ? 'expired' : 'idle';
  }

  /** Ends one session; false when it was already over. */
  async revoke(id: string, reason: string): Promise<boolean> {
    return (await this.revokeReturning(id, reason)) !== null;
  }

  /**
   * Ends one session and says how it was signed in, with the ID token of an OIDC session (cleared
   * in the same statement: it is kept only as the hint of the provider's sign-out). Null when it was already over.
   */
  async revokeReturning(id: string, reason: string): Promise<{ authMethod: string; oidcIdToken: string | null } | null> {
    const [rows] = (await this.dataSource.query(
      `UPDATE auth_sessions s SET revoked_at = now(), revoked_reason = $2, oidc_id_token = NULL
         FROM auth_sessions old
        WHERE s.id = $1 AND old.id = s.id AND s.revoked_at IS NULL
        RETURNING s.auth_method AS "authMethod", old.oidc_id_token AS "oidcIdToken"`,
      [id, reason],
    )) as [Array<{ authMethod: string; oidcIdToken: string | null }>, number];
    return rows[0] ?? null;
  }

  /**
   * Ends every token of the user: bumps users.token_version (older tokens no longer match) and
   * revokes their live sessions. Returns the new version, or null for an unknown user.
   */
  async revokeUser(username: string, reason: string): Promise<number | null> {
    return this.dataSource.transaction(async (manager) => {
      const [rows] = (await manager.query(`UPDATE users SET token_version = token_version + 1, updated_at = now() WHERE username = $1 RETURNING token_version AS "tokenVersion"`, [
        username,
      ])) as [Array<{ tokenVersion: number }>, number];
      if (!rows[0]) return null;
      await manager.query(`UPDATE auth_sessions SET revoked_at = now(), revoked_reason = $2, oidc_id_token = NULL WHERE username = $1 AND revoked_at IS NULL`, [username, reason]);
      return rows[0].tokenVersion;
    });
  }

  /**
   * Replaces the password (only if it is still `expectedHash`: two changes at once do not both
   * win), keeps the earlier hashes newest first, clears must_change_password and revokes the
   * user's other sessions, in one transaction. Returns how many sessions it revoked, or null when
   * the password had changed meanwhile.
   */
  async replacePassword(change: { username: string; expectedHash: string; newHash: string; history: string[]; keepSessionId: string }): Promise<number | null> {
    return this.dataSource.transaction(async (manager) => {
      const [, updated] = (await manager.query(
        `UPDATE users SET password_hash = $3, password_history = $4::jsonb, must_change_password = false, updated_at = now()
          WHERE username = $1 AND password_hash = $2`,
        [change.username, change.expectedHash, change.newHash, JSON.stringify(change.history)],
      )) as [unknown, number];
      if (updated === 0) return null;
      const [, revoked] = (await manager.query(
        `UPDATE auth_sessions SET revoked_at = now(), revoked_reason = 'password_changed' WHERE username = $1 AND id <> $2 AND revoked_at IS NULL`,
        [change.username, change.keepSessionId],
      )) as [unknown, number];
      return revoked;
    });
  }
}
