import { sameOriginHref } from '../url-state/same-origin.ts';
import { decodeView, encodeView } from '../url-state/url-codec.ts';
import { clampView, type ScopeLock } from '../url-state/view-state.ts';
import type { AuthUser, Role } from './types.ts';

/**
 * Where each role may go, in one table (docs/auth-api.md, "Roles"), and where a signed-in user
 * lands when the address asks for something the role cannot have. Pure, so the rules are tested
 * as a table; the gate only carries out the answer.
 */
export type Page = 'dashboard' | 'wall' | 'briefing' | 'admin';

export function pageOf(pathname: string): Page {
  const p = pathname.replace(/\/+$/, '');
  return p === '/wall' ? 'wall' : p === '/briefing' ? 'briefing' : p === '/admin' ? 'admin' : 'dashboard';
}

/** What a role may use in the web (the API enforces the same; the UI just does not offer the rest). */
export type Capability = 'countyView' | 'wallView' | 'import' | 'admin';

const CAPABILITIES: Record<Role, readonly Capability[]> = {
  county: ['countyView', 'wallView'],
  township: ['import'],
  officer: [],
  wall: ['countyView', 'wallView'],
  admin: ['countyView', 'wallView', 'import', 'admin'],
};

export function can(user: Pick<AuthUser, 'role'> | null | undefined, capability: Capability): boolean {
  return user ? CAPABILITIES[user.role].includes(capability) : false;
}

/** The scope a township or officer account is held to; null for the county-wide roles. */
export function scopeLockOf(user: AuthUser): ScopeLock | null {
  if ((user.role !== 'township' && user.role !== 'officer') || !user.townshipCode) return null;
  return { township: user.townshipCode, villages: user.role === 'officer' ? (user.villageCodes ?? []) : null };
}

export type Landing =
  | { kind: 'show' }
  /** `reload`: another page of the app (own bundle and layout), so a full load; else the address is just rewritten. */
  | { kind: 'redirect'; href: string; reload: boolean }
  | { kind: 'forbidden' };

/** Only the language travels when a user is sent to another page: the rest of the address is page-specific. */
function langQuery(search: string): string {
  return new URLSearchParams(search).get('lang') === 'en' ? '?lang=en' : '';
}

export function landingFor(user: AuthUser, location: { pathname: string; search: string }): Landing {
  const page = pageOf(location.pathname);
  const lock = scopeLockOf(user);
  if (user.role === 'wall') {
    // A wall screen shows the wall and nothing else, whatever address it was pointed at.
    return page === 'wall' ? { kind: 'show' } : { kind: 'redirect', href: `/wall${langQuery(location.search)}`, reload: true };
  }
  switch (page) {
    case 'admin':
      return can(user, 'admin') ? { kind: 'show' } : { kind: 'forbidden' };
    case 'wall':
      return can(user, 'wallView') ? { kind: 'show' } : { kind: 'redirect', href: `/${langQuery(location.search)}`, reload: true };
    case 'briefing': {
      const q = new URLSearchParams(location.search);
      if (!lock || q.get('township') === lock.township) return { kind: 'show' };
      q.set('township', lock.township);
      return { kind: 'redirect', href: sameOriginHref(location.pathname, `?${q.toString()}`), reload: false };
    }
    case 'dashboard': {
      if (!lock) return { kind: 'show' };
      const search = encodeView(clampView(decodeView(location.search), lock));
      return search === location.search ? { kind: 'show' } : { kind: 'redirect', href: sameOriginHref(location.pathname, search), reload: false };
    }
  }
}
