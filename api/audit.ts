import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { AuditRepeats } from './audit-repeats.ts';
import { callerOf } from './auth/middleware.ts';
import type { Db, Handle } from './db/index.ts';

/** Everything the audit log records (issue 6: sign-ins, exports, imports, intake, status, users, rules). */
export type AuditAction =
  | 'auth.login'
  | 'auth.login_failed'
  | 'auth.login_locked'
  | 'auth.device_login'
  | 'auth.device_login_failed'
  | 'auth.logout'
  | 'auth.password_change'
  /** A wrong current password on a password change (it counts toward the sign-in limits). */
  | 'auth.password_change_failed'
  /** A refused request (403 forbidden, out_of_scope, csrf_failed), written by the error handler. */
  | 'access.denied'
  | 'user.create'
  | 'user.update'
  | 'device.create'
  | 'device.revoke'
  | 'campaign.create'
  | 'campaign.update'
  | 'campaign.delete'
  | 'export'
  | 'import.ledger'
  | 'import.boundaries'
  | 'intake.hazard'
  | 'intake.dispute'
  | 'intake.visit'
  | 'status.hazard'
  | 'status.dispute'
  /** Written by a database trigger on hazard_routing / hazard_deadline, never by the API. */
  | 'rule.change';

export interface AuditEntry {
  actor: string;
  role: string | null;
  action: AuditAction;
  target?: string | null;
  detail?: Record<string, unknown>;
  ip?: string | null;
}

/** Appends one entry, inside the caller's transaction so it lands if and only if the change does. */
export async function audit(h: Handle, e: AuditEntry): Promise<void> {
  await h.query('INSERT INTO audit_log (actor, role, action, target, detail, ip) VALUES ($1, $2, $3, $4, $5::jsonb, $6)', [
    e.actor.slice(0, 80),
    e.role,
    e.action,
    e.target ?? null,
    JSON.stringify(e.detail ?? {}),
    e.ip ?? null,
  ]);
}

/** The peer address (a proxy in front may say more; only the socket is trusted). */
export function clientIp(c: Context): string | null {
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null; // app.request() in tests has no socket
  }
}

const DENIED = 'auditedDenial' as never;

/**
 * Records a refused request (a 403) in a transaction of its own: who, their role, method and path
 * (never the query string or the body), the refusal's code and the client address. At most once
 * per request, and a failed write only logs: the 403 is answered whatever happens here.
 */
export async function auditDenied(db: Db, c: Context, code: string, repeats?: AuditRepeats): Promise<void> {
  if (c.get(DENIED)) return;
  c.set(DENIED, true as never);
  const p = callerOf(c);
  const actor = p?.username ?? 'anonymous';
  const ip = clientIp(c);
  const admitted = repeats?.admit('access.denied', `${actor}\u0000${ip}\u0000${code}`) ?? { write: true, repeated: 0, dropped: 0 };
  if (!admitted.write) return;
  const detail = { code, ...(admitted.repeated ? { repeated: admitted.repeated } : {}), ...(admitted.dropped ? { dropped: admitted.dropped } : {}) };
  const entry: AuditEntry = { actor, role: p?.role ?? null, action: 'access.denied', target: `${c.req.method} ${c.req.path}`.slice(0, 300), detail, ip };
  try {
    await db.write({ kind: 'county' }, (h) => audit(h, entry));
  } catch (err) {
    console.error(JSON.stringify({ level: 'error', msg: 'audit write failed', action: entry.action, code, err: String(err) }));
  }
}

export interface AuditEntryJson {
  id: string;
  at: string;
  actor: string;
  role: string | null;
  action: string;
  target: string | null;
  detail: Record<string, unknown>;
  ip: string | null;
}

export async function readAudit(h: Handle, limit: number, before: number | null): Promise<AuditEntryJson[]> {
  return h.query<AuditEntryJson>(
    // Ordered by the bigint column, not the text the answer carries (as text, 9 sorts after 35).
    `SELECT a.id::text AS id, iso_sh(a.at) AS at, a.actor, a.role, a.action, a.target, a.detail, a.ip FROM audit_log a
     WHERE ($2::bigint IS NULL OR a.id < $2) ORDER BY a.id DESC LIMIT $1`,
    [limit, before],
  );
}
