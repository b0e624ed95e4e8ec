import type { Role } from '../auth/types.ts';
import type { NewUser } from './admin-api.ts';

export interface NewUserForm {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  townshipCode: string;
  officerId: string;
}

export const EMPTY_FORM: NewUserForm = { username: '', displayName: '', password: '', role: 'county', townshipCode: '', officerId: '' };

export type FormProblem = 'username' | 'displayName' | 'password' | 'townshipCode' | 'officerId';

/**
 * The body for POST /api/admin/users, or what is missing. Only the role's own scope field is
 * sent (a township account has a township, an officer an officer id, the others neither), since
 * the API refuses the combination otherwise. The same rules as the API, checked here first so
 * the admin is told before a round trip; the API's answer still has the last word.
 */
export function newUserPayload(f: NewUserForm): { ok: true; body: NewUser } | { ok: false; problems: FormProblem[] } {
  const username = f.username.trim().toLowerCase();
  const problems: FormProblem[] = [];
  if (!/^[a-z0-9][a-z0-9._-]{2,39}$/.test(username)) problems.push('username');
  if (!f.displayName.trim() || f.displayName.trim().length > 50) problems.push('displayName');
  if (f.password.length < 10 || !/[A-Za-z]/.test(f.password) || !/[^A-Za-z]/.test(f.password)) problems.push('password');
  if (f.role === 'township' && !/^\d{9}$/.test(f.townshipCode)) problems.push('townshipCode');
  if (f.role === 'officer' && !/^[A-Za-z0-9-]{1,40}$/.test(f.officerId.trim())) problems.push('officerId');
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    body: {
      username,
      displayName: f.displayName.trim(),
      password: f.password,
      role: f.role,
      ...(f.role === 'township' ? { townshipCode: f.townshipCode } : {}),
      ...(f.role === 'officer' ? { officerId: f.officerId.trim() } : {}),
    },
  };
}
