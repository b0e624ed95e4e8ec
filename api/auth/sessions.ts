import { createHash, randomBytes } from 'node:crypto';
import type { Handle } from '../db/index.ts';
import { findUser, type UserRow } from './users.ts';

/** A browser session lasts 12 hours from its last use, and never more than 7 days. */
export const SESSION_IDLE_HOURS = 12;
export const SESSION_MAX_DAYS = 7;
/** A wall screen's session lasts until its device token is revoked (or a year passes). */
export const DEVICE_SESSION_DAYS = 400;

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const newToken = (bytes = 32) => randomBytes(bytes).toString('base64url');

export interface SessionRow {
  user: UserRow;
  csrfToken: string;
  deviceId: number | null;
  /** Last seen more than five minutes ago: worth writing the new "last seen" and expiry. */
  stale: boolean;
}

/** Opens a session; answers the cookie value (stored only as its SHA-256) and the CSRF token. */
export async function openSession(h: Handle, userId: number, deviceId: number | null = null): Promise<{ token: string; csrfToken: string; maxAgeSeconds: number }> {
  const token = newToken();
  const csrfToken = newToken(24);
  const maxAgeSeconds = deviceId === null ? SESSION_IDLE_HOURS * 3600 : DEVICE_SESSION_DAYS * 86400;
  await h.query(
    `INSERT INTO app_session (token_sha256, user_id, device_id, csrf_token, expires_at)
     VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))`,
    [sha256(token), userId, deviceId, csrfToken, maxAgeSeconds],
  );
  return { token, csrfToken, maxAgeSeconds };
}

/** The live session behind a cookie value: not expired, user not disabled, device not revoked. */
export async function findSession(h: Handle, token: string): Promise<SessionRow | null> {
  const [s] = await h.query<{ userId: number; csrfToken: string; deviceId: number | null; stale: boolean }>(
    `SELECT s.user_id AS "userId", s.csrf_token AS "csrfToken", s.device_id AS "deviceId",
            s.last_seen_at < now() - interval '5 minutes' AS stale
     FROM app_session s
     LEFT JOIN device_token d ON d.id = s.device_id
     WHERE s.token_sha256 = $1 AND s.expires_at > now() AND (s.device_id IS NULL OR d.revoked_at IS NULL)`,
    [sha256(token)],
  );
  if (!s) return null;
  const user = await findUser(h, { id: s.userId });
  if (!user || user.disabled) return null;
  return { user, csrfToken: s.csrfToken, deviceId: s.deviceId, stale: s.stale };
}

/** Slides a browser session's expiry (within its 7-day cap) and notes the use of a device. */
export async function touchSession(h: Handle, token: string): Promise<void> {
  await h.query(
    `UPDATE app_session
     SET last_seen_at = now(),
         expires_at = CASE WHEN device_id IS NULL
                           THEN least(created_at + make_interval(days => $2), now() + make_interval(hours => $3))
                           ELSE expires_at END
     WHERE token_sha256 = $1`,
    [sha256(token), SESSION_MAX_DAYS, SESSION_IDLE_HOURS],
  );
  await h.query(`UPDATE device_token SET last_used_at = now() WHERE id = (SELECT device_id FROM app_session WHERE token_sha256 = $1)`, [sha256(token)]);
}

export async function closeSession(h: Handle, token: string): Promise<void> {
  await h.query('DELETE FROM app_session WHERE token_sha256 = $1', [sha256(token)]);
}

/** Expired sessions are dead weight; dropped whenever someone signs in. */
export async function dropExpiredSessions(h: Handle): Promise<void> {
  await h.query('DELETE FROM app_session WHERE expires_at <= now()');
}
