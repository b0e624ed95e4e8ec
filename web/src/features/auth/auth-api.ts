import { queryOptions } from '@tanstack/react-query';
import { ApiError, api, unwrap } from '../../api/client.ts';
import { setCsrfToken } from '../../api/session.ts';
import type { Session } from '../../api/types.ts';

const auth = api.api.auth;

/**
 * What login, device and me answer is typed by `me`, the widest of the three (its token is null
 * for the CLI principal, never for a browser session).
 */
export type { Session };

export const ME_KEY = ['auth', 'me'] as const;

/** Keeps the CSRF token of the session the page now holds. */
function adopt(session: Session): Session {
  setCsrfToken(session.csrfToken);
  return session;
}

/**
 * Who is signed in: the session, or null when there is none: `me` answers 200 `{ user: null }`
 * to a browser without a session cookie (so a fresh page logs no failed request), and 401 when
 * the cookie's session has ended. Only those mean "signed out"; anything else (server down) is an
 * error the gate shows with a retry, so an outage never looks like a lost password. Never stale
 * by time: it changes on sign-in, sign-out and a 401.
 *
 * `deviceToken`: a wall screen opened with `?device=`; it signs in with the token instead of
 * asking, and again on every refetch, so an unattended screen whose session was dropped (server
 * restart) signs itself back in, and one whose device was revoked ends up signed out.
 */
export const meQuery = (deviceToken: string | null = null) =>
  queryOptions({
    queryKey: ME_KEY,
    queryFn: async (): Promise<Session | null> => {
      try {
        if (deviceToken) return await loginDevice(deviceToken);
        // The typed answer is the signed-in one; the probe's anonymous answer is added in app.ts.
        const me = (await unwrap(await auth.me.$get({ query: {} }))) as Session | { user: null; csrfToken: null };
        if (me.user === null) {
          setCsrfToken(null);
          return null;
        }
        return adopt(me as Session);
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) {
          setCsrfToken(null);
          return null;
        }
        throw e;
      }
    },
    staleTime: Infinity,
    retry: false,
  });

export async function login(username: string, password: string): Promise<Session> {
  return adopt(await unwrap(await auth.login.$post({ json: { username, password } })));
}

/** A wall screen signs in with the token of its device (never a password). */
export async function loginDevice(token: string): Promise<Session> {
  return adopt(await unwrap(await auth.device.$post({ json: { token } })));
}

/**
 * Changes the signed-in user's own password. The server ends every session of the user and
 * opens a new one (new cookie, new CSRF token), which the page adopts exactly as after login.
 */
export async function changePassword(currentPassword: string, newPassword: string): Promise<Session> {
  return adopt(await unwrap(await auth.password.$post({ json: { currentPassword, newPassword } })));
}

/** Ends the session. A failure (already expired, server gone) still leaves the page signed out. */
export async function logout(): Promise<void> {
  try {
    await unwrap(await auth.logout.$post());
  } catch {
    // the cookie may be gone already; the page forgets the session either way
  } finally {
    setCsrfToken(null);
  }
}
