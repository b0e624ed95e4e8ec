import { createContext, useContext } from 'react';
import { sameOriginHref } from '../url-state/same-origin.ts';
import type { AuthUser } from './types.ts';

export interface AuthContextValue {
  user: AuthUser;
  signOut: () => Promise<void>;
}

export const AuthContext = createContext<AuthContextValue | null>(null);

/** The signed-in user; null outside the gate (component tests, the gate's own pages). */
export function useAuth(): AuthContextValue | null {
  return useContext(AuthContext);
}

/**
 * Takes a wall device token out of the address (`?device=`), before anything renders: a secret
 * must not stay in the address bar, the history or a screenshot. Called once per page load.
 */
export function takeDeviceToken(): string | null {
  const url = new URL(window.location.href);
  const token = url.searchParams.get('device');
  if (token === null) return null;
  url.searchParams.delete('device');
  window.history.replaceState(window.history.state, '', sameOriginHref(url.pathname, url.search, url.hash));
  return token.trim() || null;
}
