import { ROLES, type Role } from '../contract/roles.ts';
import type { Scope } from '../db/index.ts';
import type { PersonalDataView } from './mask.ts';

export { ROLES, type Role };

/** The signed-in caller of a request, as the routes see it. */
export interface Principal {
  userId: number | null;
  username: string;
  displayName: string;
  role: Role;
  /** The township of a `township` user, or of an officer's villages. */
  townshipCode: string | null;
  townshipName: string | null;
  /** An officer's own villages. */
  villageCodes: string[] | null;
  /** How the request proved who it is: a browser session (needs CSRF on writes) or the local CLI token. */
  via: 'session' | 'cli';
  sessionToken: string | null;
  csrfToken: string | null;
}

/** The user object of the API (docs/auth-api.md). */
export interface UserJson {
  id: number | null;
  username: string;
  displayName: string;
  role: Role;
  townshipCode: string | null;
  townshipName: string | null;
  villageCodes: string[] | null;
}

export function userJson(p: Principal): UserJson {
  return {
    id: p.userId,
    username: p.username,
    displayName: p.displayName,
    role: p.role,
    townshipCode: p.townshipCode,
    townshipName: p.townshipName,
    villageCodes: p.villageCodes,
  };
}

/** The rows a role sees. An officer without a village, or a chief without a township, sees nothing. */
export function scopeFor(p: Principal): Scope {
  switch (p.role) {
    case 'county':
    case 'wall':
    case 'admin':
      return { kind: 'county' };
    case 'township':
      return p.townshipCode ? { kind: 'township', township: p.townshipCode } : { kind: 'none' };
    case 'officer':
      return p.townshipCode && p.villageCodes?.length ? { kind: 'villages', township: p.townshipCode, villages: p.villageCodes } : { kind: 'none' };
  }
}

/** Names and phones of dispute parties and reporters (issue: wall never, township masked). */
export function personalDataView(role: Role): PersonalDataView {
  if (role === 'wall') return 'none';
  if (role === 'township') return 'masked';
  return 'full';
}

/** Whether a village code lies inside what the principal may see. */
export function seesVillage(p: Principal, villageCode: string): boolean {
  const scope = scopeFor(p);
  switch (scope.kind) {
    case 'county':
    case 'system':
      return true;
    case 'township':
      return villageCode.startsWith(scope.township);
    case 'villages':
      return scope.villages.includes(villageCode);
    case 'none':
      return false;
  }
}

/** Whether a township code lies inside what the principal may see. */
export function seesTownship(p: Principal, townshipCode: string): boolean {
  const scope = scopeFor(p);
  if (scope.kind === 'county' || scope.kind === 'system') return true;
  if (scope.kind === 'none') return false;
  return scope.township === townshipCode;
}
