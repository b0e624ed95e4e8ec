import { readFileSync } from 'node:fs';
import type { Handle } from '../db/index.ts';
import { ConflictError, ValidationError } from '../errors.ts';
import { hashPassword, passwordProblem } from './password.ts';
import type { Role, UserJson } from './principal.ts';

const USERS = readFileSync(new URL('./users.sql', import.meta.url), 'utf8');

export interface UserRow extends UserJson {
  id: number;
  officerId: string | null;
  disabled: boolean;
  passwordHash: string;
  createdAt: string;
  lastLoginAt: string | null;
}

/** What the admin API lists: everything but the hash. */
export type AdminUserJson = Omit<UserRow, 'passwordHash'>;

export function adminUserJson(u: UserRow): AdminUserJson {
  const { passwordHash: _h, ...rest } = u;
  return rest;
}

export async function findUser(h: Handle, by: { username?: string; id?: number }): Promise<UserRow | null> {
  const rows = await h.query<UserRow>(USERS, [by.username ?? null, by.id ?? null]);
  return rows[0] ?? null;
}

export async function listUsers(h: Handle): Promise<UserRow[]> {
  return h.query<UserRow>(USERS, [null, null]);
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  townshipCode?: string | null;
  officerId?: string | null;
}

/** Adds a user after checking what the database constraints would only reject less clearly. */
export async function createUser(h: Handle, u: NewUser): Promise<UserRow> {
  const problem = passwordProblem(u.password);
  if (problem) throw new ValidationError(`weak password: ${problem}`, { password: problem });
  const township = u.role === 'township' ? (u.townshipCode ?? null) : null;
  const officer = u.role === 'officer' ? (u.officerId ?? null) : null;
  if (u.role === 'township') {
    if (!township) throw new ValidationError('a township user needs a township', { townshipCode: 'required for role township' });
    const [t] = await h.query('SELECT 1 FROM township WHERE code = $1', [township]);
    if (!t) throw new ValidationError(`unknown township ${township}`, { townshipCode: 'no such township' });
  }
  if (u.role === 'officer') {
    if (!officer) throw new ValidationError('an officer user needs an officer id', { officerId: 'required for role officer' });
    const [o] = await h.query('SELECT 1 FROM officer WHERE id = $1', [officer]);
    if (!o) throw new ValidationError(`unknown officer ${officer}`, { officerId: 'no such officer' });
  }
  if (await findUser(h, { username: u.username })) throw new ConflictError('username_taken', `the username ${u.username} is taken`);
  const [row] = await h.query<{ id: number }>(
    `INSERT INTO app_user (username, display_name, role, township_code, officer_id, password_hash)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [u.username, u.displayName, u.role, township, officer, await hashPassword(u.password)],
  );
  return (await findUser(h, { id: row!.id }))!;
}

export interface UserChange {
  displayName?: string;
  password?: string;
  disabled?: boolean;
}

/** Changes a user; a new password or disabling ends the user's sessions. */
export async function updateUser(h: Handle, id: number, change: UserChange): Promise<UserRow | null> {
  if (change.password !== undefined) {
    const problem = passwordProblem(change.password);
    if (problem) throw new ValidationError(`weak password: ${problem}`, { password: problem });
  }
  const hash = change.password === undefined ? null : await hashPassword(change.password);
  const rows = await h.query<{ id: number }>(
    `UPDATE app_user SET display_name = coalesce($2, display_name),
                         password_hash = coalesce($3, password_hash),
                         disabled = coalesce($4, disabled)
     WHERE id = $1 RETURNING id`,
    [id, change.displayName ?? null, hash, change.disabled ?? null],
  );
  if (rows.length === 0) return null;
  if (hash || change.disabled) await h.query('DELETE FROM app_session WHERE user_id = $1', [id]);
  return findUser(h, { id });
}

/** Notes a successful sign-in (shown to the county admin as the user's last sign-in). */
export async function noteSignIn(h: Handle, id: number): Promise<void> {
  await h.query('UPDATE app_user SET last_login_at = now() WHERE id = $1', [id]);
}
