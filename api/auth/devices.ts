import type { Handle } from '../db/index.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { newToken, sha256 } from './sessions.ts';

export interface DeviceJson {
  id: number;
  name: string;
  userId: number;
  username: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const SELECT = `
  SELECT d.id, d.name, d.user_id AS "userId", u.username, iso_sh(d.created_at) AS "createdAt",
         iso_sh(d.last_used_at) AS "lastUsedAt", iso_sh(d.revoked_at) AS "revokedAt"
  FROM device_token d JOIN app_user u ON u.id = d.user_id`;

export async function listDevices(h: Handle): Promise<DeviceJson[]> {
  return h.query<DeviceJson>(`${SELECT} ORDER BY d.id`);
}

/** A new wall device for a `wall` user; the token is answered once and stored only as its hash. */
export async function createDevice(h: Handle, name: string, userId: number): Promise<{ device: DeviceJson; token: string }> {
  const [u] = await h.query<{ role: string }>('SELECT role FROM app_user WHERE id = $1', [userId]);
  if (!u) throw new ValidationError(`unknown user ${userId}`, { userId: 'no such user' });
  if (u.role !== 'wall') throw new ValidationError('a device token belongs to a wall user', { userId: `user ${userId} has role ${u.role}, not wall` });
  const token = `hyw_${newToken()}`;
  const [row] = await h.query<{ id: number }>('INSERT INTO device_token (name, user_id, token_sha256) VALUES ($1, $2, $3) RETURNING id', [name, userId, sha256(token)]);
  const [device] = await h.query<DeviceJson>(`${SELECT} WHERE d.id = $1`, [row!.id]);
  return { device: device!, token };
}

/** Revokes a device; its sessions end with it (idempotent: a second revoke keeps the first time). */
export async function revokeDevice(h: Handle, id: number): Promise<DeviceJson> {
  const rows = await h.query('UPDATE device_token SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING id', [id]);
  if (rows.length === 0) throw new NotFoundError(`no device ${id}`);
  await h.query('DELETE FROM app_session WHERE device_id = $1', [id]);
  const [device] = await h.query<DeviceJson>(`${SELECT} WHERE d.id = $1`, [id]);
  return device!;
}

/** The live device a token belongs to, with its user. */
export async function findDevice(h: Handle, token: string): Promise<{ id: number; userId: number } | null> {
  const [d] = await h.query<{ id: number; userId: number }>(
    `SELECT d.id, d.user_id AS "userId" FROM device_token d JOIN app_user u ON u.id = d.user_id
     WHERE d.token_sha256 = $1 AND d.revoked_at IS NULL AND NOT u.disabled AND u.role = 'wall'`,
    [sha256(token)],
  );
  return d ?? null;
}

/** Notes a wall screen's sign-in with its token (shown to the county admin as its last use). */
export async function noteDeviceUse(h: Handle, id: number): Promise<void> {
  await h.query('UPDATE device_token SET last_used_at = now() WHERE id = $1', [id]);
}
